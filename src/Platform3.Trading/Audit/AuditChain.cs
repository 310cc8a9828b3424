using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform3.Trading.Audit;

/// <summary>The hashing rule of the audit chain, shared by every writer and the verifier.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string ComputeHash(long seq, string kind, string refId, long timeTicks, string prevHash, string payload)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(refId);
        ArgumentNullException.ThrowIfNull(prevHash);
        ArgumentNullException.ThrowIfNull(payload);
        // Header fields are separated by '\n', which none of them may contain, so the encoding is unambiguous.
        Span<char> header = stackalloc char[256];
        var h = 0;
        Append(header, ref h, seq);
        header[h++] = '\n';
        if (!Fits(header, h, kind, refId, prevHash)) return Slow(seq, kind, refId, timeTicks, prevHash, payload);
        kind.AsSpan().CopyTo(header[h..]); h += kind.Length; header[h++] = '\n';
        refId.AsSpan().CopyTo(header[h..]); h += refId.Length; header[h++] = '\n';
        Append(header, ref h, timeTicks);
        header[h++] = '\n';
        prevHash.AsSpan().CopyTo(header[h..]); h += prevHash.Length; header[h++] = '\n';
        var headerChars = header[..h];
        var size = Encoding.UTF8.GetByteCount(headerChars) + Encoding.UTF8.GetByteCount(payload);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var n = Encoding.UTF8.GetBytes(headerChars, rented);
            n += Encoding.UTF8.GetBytes(payload, rented.AsSpan(n));
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, n), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool Fits(Span<char> buffer, int used, string kind, string refId, string prevHash) =>
        used + kind.Length + refId.Length + prevHash.Length + 24 <= buffer.Length;

    private static string Slow(long seq, string kind, string refId, long timeTicks, string prevHash, string payload)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{seq}\n{kind}\n{refId}\n{timeTicks}\n{prevHash}\n{payload}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static void Append(Span<char> buffer, ref int pos, long value)
    {
        value.TryFormat(buffer[pos..], out var written, default, CultureInfo.InvariantCulture);
        pos += written;
    }

    /// <summary>Checks the fields a record's header may hold (no newlines; the kind is a plain word).</summary>
    public static void ValidateHeader(string kind, string refId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(refId);
        if (kind.Contains('\n') || refId.Contains('\n')) throw new ArgumentException("audit kind and reference id must not contain newlines");
    }
}
