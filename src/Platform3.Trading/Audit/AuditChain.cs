using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Buffers;
using System.Globalization;
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
    public static string ComputeHash(long seq, string kind, string refId, long timeTicks, string prevHash, ReadOnlySpan<byte> utf8Payload)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        ComputeDigest(seq, kind, refId, timeTicks, prevHash, utf8Payload, digest);
        return LowerHex(digest);
    }

    /// <summary>SHA-256 bytes of a record (its hash is their lower-case hex), for logs that keep digests rather than text.</summary>
    public const int DigestBytes = 32;

    /// <summary>The record's SHA-256 into <paramref name="digest"/> (32 bytes): what <see cref="ComputeHash(long, string, string, long, string, ReadOnlySpan{byte})"/> writes in hex.</summary>
    public static void ComputeDigest(long seq, string kind, string refId, long timeTicks, string prevHash, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        HashRecord(seq, kind, refId, timeTicks, prevHash, default, utf8Payload, digest);
    }

    /// <summary>
    /// The record's SHA-256 with the previous record's hash given as its digest (32 bytes): the same bytes are hashed
    /// (its lower-case hex is written into the header), so the result is <see cref="ComputeDigest(long, string, string, long, string, ReadOnlySpan{byte}, Span{byte})"/>'s
    /// for <c>prevHash</c> = that hex. Logs that keep their head as bytes need no hash string per record.
    /// </summary>
    public static void ComputeDigest(long seq, string kind, string refId, long timeTicks, ReadOnlySpan<byte> prevDigest, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        if (prevDigest.Length != DigestBytes) throw new ArgumentException($"a previous digest has {DigestBytes} bytes", nameof(prevDigest));
        HashRecord(seq, kind, refId, timeTicks, null, prevDigest, utf8Payload, digest);
    }

    /// <summary>The header, with the previous hash as text (<paramref name="prevHash"/>) or else as the hex of <paramref name="prevDigest"/>, then the payload.</summary>
    // No zeroing of the 512-byte header buffer: every byte hashed is written first.
    [SkipLocalsInit]
    private static void HashRecord(long seq, string kind, string refId, long timeTicks, string? prevHash, ReadOnlySpan<byte> prevDigest, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(refId);
        // Header fields are separated by '\n', which none of them may contain, so the encoding is unambiguous.
        var max = 3 * (kind.Length + refId.Length + (prevHash?.Length ?? 2 * prevDigest.Length)) + 2 * 20 + 5;
        byte[]? rented = null;
        var header = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var h = 0;
            seq.TryFormat(header, out var n, default, CultureInfo.InvariantCulture);
            h += n;
            header[h++] = (byte)'\n';
            h += Utf8(kind, header[h..]);
            header[h++] = (byte)'\n';
            h += Utf8(refId, header[h..]);
            header[h++] = (byte)'\n';
            timeTicks.TryFormat(header[h..], out n, default, CultureInfo.InvariantCulture);
            h += n;
            header[h++] = (byte)'\n';
            h += prevHash is null ? LowerHexUtf8(prevDigest, header[h..]) : Utf8(prevHash, header[h..]);
            header[h++] = (byte)'\n';
            AuditSha256.Hash(header[..h], utf8Payload, digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lower-case hex of <paramref name="bytes"/> as ASCII into <paramref name="into"/> (the UTF-8 of <see cref="LowerHex"/>); returns the length.</summary>
    internal static int LowerHexUtf8(ReadOnlySpan<byte> bytes, Span<byte> into)
    {
        var o = into[..(2 * bytes.Length)];
        var i = 0;
        if (Ssse3.IsSupported)
        {
            // Sixteen bytes at a time (a digest is two steps): each nibble looks its digit up in a 16-byte table
            // (pshufb), and the high and low digits are interleaved back into byte order.
            var digitTable = Vector128.Create("0123456789abcdef"u8);
            var nibble = Vector128.Create((byte)0x0F);
            ref var source = ref MemoryMarshal.GetReference(bytes);
            ref var target = ref MemoryMarshal.GetReference(o);
            for (; i + 16 <= bytes.Length; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref source, (nuint)i);
                var high = Ssse3.Shuffle(digitTable, Vector128.ShiftRightLogical(v.AsUInt16(), 4).AsByte() & nibble);
                var low = Ssse3.Shuffle(digitTable, v & nibble);
                Sse2.UnpackLow(high, low).StoreUnsafe(ref target, (nuint)(2 * i));
                Sse2.UnpackHigh(high, low).StoreUnsafe(ref target, (nuint)(2 * i + 16));
            }
        }
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (; i < bytes.Length; i++)
        {
            o[2 * i] = digits[bytes[i] >> 4];
            o[2 * i + 1] = digits[bytes[i] & 0xF];
        }
        return o.Length;
    }

    /// <summary>
    /// The UTF-8 bytes of a header field (what <see cref="Encoding.UTF8"/> writes): ASCII, as ids, kinds and hashes
    /// are, is narrowed in place by the vectorised <see cref="Ascii.FromUtf16"/>; anything else goes through the encoder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Utf8(string text, Span<byte> into) =>
        Ascii.FromUtf16(text, into, out var n) == OperationStatus.Done ? n : Encoding.UTF8.GetBytes(text, into);

    /// <summary>Lower-case hex of a digest (the framework's vectorised conversion).</summary>
    internal static string LowerHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// A payload given as bytes must be valid UTF-8: it is hashed as given and stored or read back as text, and
    /// invalid bytes would come back replaced, so the record would no longer verify.
    /// </summary>
    public static void ValidateUtf8(ReadOnlySpan<byte> utf8Payload)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8Payload)) throw new ArgumentException("an audit payload must be valid UTF-8", nameof(utf8Payload));
    }

    /// <summary>Checks the fields a record's header may hold (no newlines; the kind is a plain word).</summary>
    public static void ValidateHeader(string kind, string refId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(refId);
        if (kind.Contains('\n') || refId.Contains('\n')) throw new ArgumentException("audit kind and reference id must not contain newlines");
    }
}
