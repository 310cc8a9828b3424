using System.Security.Cryptography;
using System.Text;

namespace Platform3.AI.Common;

/// <summary>SHA-256 helpers; hex digests are lower-case so they compare as plain strings.</summary>
public static class Hashing
{
    public static string Sha256File(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
