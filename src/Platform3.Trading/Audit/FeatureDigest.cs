using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Platform3.Trading.Audit;

/// <summary>
/// A feature vector's fingerprint as a value: the 16 bytes whose lower-case hex is <see cref="FeatureHash"/>'s text (the
/// first 128 bits of the SHA-256 of the vector's IEEE-754 bytes). The model source makes one per symbol and bar and the
/// audit writer puts its hex straight into the record's bytes, so no 32-character string is made per decision; the
/// text is made only when asked for (<see cref="ToString"/>). <c>default</c> is "no fingerprint".
/// </summary>
public readonly struct FeatureDigest : IEquatable<FeatureDigest>
{
    /// <summary>Bytes of the digest kept (hex: twice as many characters).</summary>
    public const int Bytes = 16;

    // Two 8-byte halves rather than a Vector128 field: the struct is 24 bytes, not 32 (a vector's alignment padded it),
    // which every decision record carries.
    private readonly ulong _low, _high;
    private readonly bool _has;

    private FeatureDigest(ReadOnlySpan<byte> bytes)
    {
        _low = MemoryMarshal.Read<ulong>(bytes);
        _high = MemoryMarshal.Read<ulong>(bytes[8..]);
        _has = true;
    }

    /// <summary>False for <c>default</c> (no fingerprint).</summary>
    public bool HasValue => _has;

    public static FeatureDigest Of(ReadOnlySpan<float> features) => OfBytes(MemoryMarshal.AsBytes(features));

    public static FeatureDigest Of(ReadOnlySpan<double> features) => OfBytes(MemoryMarshal.AsBytes(features));

    private static FeatureDigest OfBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        AuditSha256.Hash(bytes, default, digest);
        return new FeatureDigest(digest);
    }

    /// <summary>The digest of a fingerprint's text (32 hex digits, either case); false for anything else.</summary>
    public static bool TryParse(string? hex, out FeatureDigest digest)
    {
        digest = default;
        if (hex is not { Length: 2 * Bytes }) return false;
        Span<byte> bytes = stackalloc byte[Bytes];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Bytes) return false;
        digest = new FeatureDigest(bytes);
        return true;
    }

    /// <summary>Writes the 32 lower-case hex digits as ASCII (room for them must be there); returns their count.</summary>
    internal int WriteHex(Span<byte> into)
    {
        var bytes = Vector128.Create(_low, _high).AsByte();
        return AuditChain.LowerHexUtf8(MemoryMarshal.AsBytes(new ReadOnlySpan<Vector128<byte>>(in bytes)), into);
    }

    /// <summary>The fingerprint's text (what <see cref="FeatureHash.Of(ReadOnlySpan{float})"/> returns), or null for <c>default</c>.</summary>
    public string? Text => _has ? ToString() : null;

    public override string ToString()
    {
        if (!_has) return "";
        var bytes = Vector128.Create(_low, _high).AsByte();
        return AuditChain.LowerHex(MemoryMarshal.AsBytes(new ReadOnlySpan<Vector128<byte>>(in bytes)));
    }

    public bool Equals(FeatureDigest other) => _has == other._has && _low == other._low && _high == other._high;

    public override bool Equals(object? obj) => obj is FeatureDigest d && Equals(d);

    public override int GetHashCode() => _has ? HashCode.Combine(_low, _high) : 0;

    public static bool operator ==(FeatureDigest a, FeatureDigest b) => a.Equals(b);

    public static bool operator !=(FeatureDigest a, FeatureDigest b) => !a.Equals(b);
}
