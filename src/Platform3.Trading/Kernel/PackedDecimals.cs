using System.Runtime.CompilerServices;

namespace Platform3.Trading.Kernel;

/// <summary>
/// An exact decimal in 8 bytes, for the records a run keeps. A decimal is a 96-bit coefficient, a sign and a
/// scale; prices, units and minor-unit amounts have coefficients far below 2^56, so those are stored inline
/// (bits 0–55 coefficient, 56–60 scale, 63 sign). Any other value (a 28-digit conversion rate, say) is
/// spilled whole into its <see cref="PackedDecimals"/> store and this holds its index (bit 61 set).
/// Every bit of the decimal survives, the scale included: 1.10 comes back as 1.10, never 1.1.
/// </summary>
internal readonly struct PackedDecimal
{
    internal const ulong SpillFlag = 1UL << 61;
    internal const ulong SignFlag = 1UL << 63;
    internal const ulong CoefficientMask = (1UL << 56) - 1;

    internal readonly ulong Bits;

    internal PackedDecimal(ulong bits) => Bits = bits;

    internal bool IsSpilled => (Bits & SpillFlag) != 0;
}

/// <summary>Packs decimals into <see cref="PackedDecimal"/>s and keeps the ones that do not fit inline.</summary>
internal sealed class PackedDecimals
{
    private readonly AppendOnlyList<decimal> _spilled = new();

    /// <summary>Values that did not fit in 8 bytes (for tests and memory accounting).</summary>
    public int SpilledCount => _spilled.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PackedDecimal Pack(decimal value)
    {
        Span<int> b = stackalloc int[4];
        decimal.GetBits(value, b);
        // b: low, middle, high 32 bits of the coefficient; flags (sign bit 31, scale in bits 16–23).
        var mid = (uint)b[1];
        if (b[2] == 0 && mid < 1u << 24)
        {
            var flags = (uint)b[3];
            var bits = ((ulong)mid << 32) | (uint)b[0];
            bits |= (ulong)((flags >> 16) & 0xFF) << 56;
            if ((flags & 0x8000_0000u) != 0) bits |= PackedDecimal.SignFlag;
            return new PackedDecimal(bits);
        }
        var index = _spilled.Count;
        _spilled.Add(value);
        return new PackedDecimal(PackedDecimal.SpillFlag | (uint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public decimal Unpack(PackedDecimal packed)
    {
        var bits = packed.Bits;
        if ((bits & PackedDecimal.SpillFlag) != 0) return _spilled[(int)(uint)bits];
        var coefficient = bits & PackedDecimal.CoefficientMask;
        return new decimal((int)(uint)coefficient, (int)(uint)(coefficient >> 32), 0,
            (bits & PackedDecimal.SignFlag) != 0, (byte)((bits >> 56) & 0x1F));
    }
}

/// <summary>
/// Gives each distinct string a small number, so a kept record holds an int instead of a reference (records
/// without references are never traced by the garbage collector). Number 0 is null. Reasons, tags and notes
/// repeat a few constant strings; the table holds each once.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string?> _strings = [null];
    // The last strings looked up, by identity: constant reasons and tags are the same instance every time.
    private readonly string?[] _recent = new string?[64];
    private readonly int[] _recentNumbers = new int[64];

    public int Count => _strings.Count - 1;

    public int Number(string? s)
    {
        if (s is null) return 0;
        // Two slots per string (its hash's and the next): the identity hash is random per process, so two of a run's
        // few constant strings can share a slot, and with one slot each they would evict each other on every call.
        var slot = RuntimeHelpers.GetHashCode(s) & 63;
        if (ReferenceEquals(_recent[slot], s)) return _recentNumbers[slot];
        var other = (slot + 1) & 63;
        if (ReferenceEquals(_recent[other], s)) return _recentNumbers[other];
        if (!_numbers.TryGetValue(s, out var n))
        {
            n = _strings.Count;
            _strings.Add(s);
            _numbers.Add(s, n);
        }
        if (_recent[slot] is not null && _recent[other] is null) slot = other;
        _recent[slot] = s;
        _recentNumbers[slot] = n;
        return n;
    }

    public string? this[int number] => _strings[number];
}
