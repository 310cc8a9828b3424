using System.Runtime.InteropServices;

namespace Platform3.Trading.Audit;

/// <summary>
/// A short, stable fingerprint of a feature vector (SHA-256 of its IEEE-754 bytes, first 128 bits in hex), so the
/// audit log can prove which inputs a model saw without storing them.
/// </summary>
public static class FeatureHash
{
    public static string Of(ReadOnlySpan<double> features)
    {
        Span<byte> digest = stackalloc byte[32];
        AuditSha256.Hash(MemoryMarshal.AsBytes(features), default, digest);
        return AuditChain.LowerHex(digest[..16]);
    }

    public static string Of(ReadOnlySpan<float> features)
    {
        Span<byte> digest = stackalloc byte[32];
        AuditSha256.Hash(MemoryMarshal.AsBytes(features), default, digest);
        return AuditChain.LowerHex(digest[..16]);
    }
}
