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

    /// <summary>The record's hash (lower-case hex SHA-256), payload given as text.</summary>
    public static string ComputeHash(long seq, string kind, string refId, long timeTicks, string prevHash, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payload.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(payload, rented);
            return ComputeHash(seq, kind, refId, timeTicks, prevHash, rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The record's hash, payload given as its UTF-8 bytes (the writers' own form, so a record is neither
    /// re-encoded nor turned into a string to be hashed): SHA-256 over the UTF-8 of
    /// <c>seq '\n' kind '\n' refId '\n' timeTicks '\n' prevHash '\n'</c> followed by the payload.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string ComputeHash(long seq, string kind, string refId, long timeTicks, string prevHash, ReadOnlySpan<byte> utf8Payload)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(refId);
        ArgumentNullException.ThrowIfNull(prevHash);
        // Header fields are separated by '\n', which none of them may contain, so the encoding is unambiguous.
        var max = 3 * (kind.Length + refId.Length + prevHash.Length) + 2 * 20 + 5;
        byte[]? rented = null;
        var header = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var h = 0;
            seq.TryFormat(header, out var n, default, CultureInfo.InvariantCulture);
            h += n;
            header[h++] = (byte)'\n';
            h += Encoding.UTF8.GetBytes(kind, header[h..]);
            header[h++] = (byte)'\n';
            h += Encoding.UTF8.GetBytes(refId, header[h..]);
            header[h++] = (byte)'\n';
            timeTicks.TryFormat(header[h..], out n, default, CultureInfo.InvariantCulture);
            h += n;
            header[h++] = (byte)'\n';
            h += Encoding.UTF8.GetBytes(prevHash, header[h..]);
            header[h++] = (byte)'\n';
            // One incremental hash per thread, reset by each digest: the one-shot API sets up and tears down a digest
            // context per call, which costs about as much as hashing a kilobyte.
            var sha = t_sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(header[..h]);
            sha.AppendData(utf8Payload);
            Span<byte> digest = stackalloc byte[32];
            sha.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [ThreadStatic]
    private static IncrementalHash? t_sha;

    /// <summary>Checks the fields a record's header may hold (no newlines; the kind is a plain word).</summary>
    public static void ValidateHeader(string kind, string refId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(refId);
        if (kind.Contains('\n') || refId.Contains('\n')) throw new ArgumentException("audit kind and reference id must not contain newlines");
    }
}
