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

    /// <summary>
    /// System.Decimal's fields as the runtime lays them out (flags: sign bit 31 and scale in bits 16–23; then the high 32 and
    /// the low 64 bits of the coefficient). Read in place, a pack is a few integer operations instead of copying the bits
    /// out through <see cref="decimal.GetBits(decimal, Span{int})"/>; <see cref="RawLayout"/> checks the layout once, and
    /// without it the general path runs.
    /// </summary>
    private readonly struct Raw
    {
        public readonly int Flags;
        public readonly uint Hi;
        public readonly ulong Lo;

        public Raw(int flags, ulong lo)
        {
            Flags = flags;
            Hi = 0;
            Lo = lo;
        }
    }

    private static readonly bool RawLayout = CheckRawLayout();

    /// <summary>True when packing reads the decimal in place (for tests: the round-trip properties then cover that path).</summary>
    internal static bool ReadsInPlace => RawLayout;

    private static bool CheckRawLayout()
    {
        if (Unsafe.SizeOf<Raw>() != sizeof(decimal)) return false;
        var d = new decimal(0x1234_5678, 0x0ABC_DEF0, 0x1357_9BDF, true, 17);
        var raw = Unsafe.As<decimal, Raw>(ref d);
        var back = new Raw(unchecked((int)0x8011_0000), 0x0ABC_DEF0_1234_5678UL);
        return raw.Flags == unchecked((int)0x8011_0000) && raw.Hi == 0x1357_9BDF && raw.Lo == 0x0ABC_DEF0_1234_5678UL
            && Unsafe.As<Raw, decimal>(ref back) == new decimal(0x1234_5678, 0x0ABC_DEF0, 0, true, 17);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PackedDecimal Pack(decimal value)
    {
        if (RawLayout)
        {
            var raw = Unsafe.As<decimal, Raw>(ref value);
            if (raw.Hi == 0 && raw.Lo <= PackedDecimal.CoefficientMask)
            {
                var packed = raw.Lo | (ulong)(((uint)raw.Flags >> 16) & 0xFF) << 56;
                return new PackedDecimal(raw.Flags < 0 ? packed | PackedDecimal.SignFlag : packed);
            }
            return Spill(value);
        }
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
        return Spill(value);
    }

    private PackedDecimal Spill(decimal value)
    {
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
        if (RawLayout)
        {
            var raw = new Raw((int)((uint)(bits >> 56) & 0x1F) << 16 | (int)((uint)(bits >> 32) & 0x8000_0000u), coefficient);
            return Unsafe.As<Raw, decimal>(ref raw);
        }
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
