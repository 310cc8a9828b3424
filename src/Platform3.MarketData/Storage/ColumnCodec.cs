using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform3.MarketData.Storage;

/// <summary>What a column holds; the ids are part of the file format, never renumber them.</summary>
internal enum ColumnId : byte
{
    Time = 1, Open = 2, High = 3, Low = 4, Close = 5,
    AskOpen = 6, AskHigh = 7, AskLow = 8, AskClose = 9,
    Spread = 10, Volume = 11, Bid = 12, Ask = 13,
}

/// <summary>How a column is laid out on disk; part of the file format.</summary>
internal enum ColumnEncoding : byte
{
    /// <summary>Little-endian 64-bit integers.</summary>
    Int64 = 0,
    /// <summary>Little-endian IEEE doubles.</summary>
    Float64 = 1,
    /// <summary>double = int32 / 10^Scale. Only chosen when that division gives back every value bit for bit.</summary>
    ScaledInt32 = 2,
    /// <summary>long = int32 (a long column whose values all fit).</summary>
    Int32 = 3,
    /// <summary>long = Base + int32 × Unit (timestamps on a whole-second or whole-minute grid).</summary>
    DeltaInt32 = 4,
}

/// <summary>One column's directory entry: encoding, parameters and where its bytes are.</summary>
internal readonly record struct ColumnEntry(ColumnId Id, ColumnEncoding Encoding, byte Scale, long Base, long Unit, long Offset, long Length);

/// <summary>
/// Chooses the most compact lossless encoding for a column and converts between columns and bytes.
/// Prices quoted to a few decimals fit in 4 bytes instead of 8, which halves what a load has to read;
/// anything that would not round-trip exactly (NaN, more decimals, large values) stays a raw double.
/// </summary>
internal static class ColumnCodec
{
    private static readonly double[] Pow10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    public static (ColumnEncoding Encoding, byte Scale) ChooseDouble(ReadOnlySpan<double> values)
    {
        for (byte k = 0; k < Pow10.Length; k++)
            if (FitsScaled(values, Pow10[k])) return (ColumnEncoding.ScaledInt32, k);
        return (ColumnEncoding.Float64, 0);
    }

    private static bool FitsScaled(ReadOnlySpan<double> values, double p)
    {
        foreach (var v in values)
        {
            var q = Math.Round(v * p);
            if (!(q >= int.MinValue && q <= int.MaxValue) || (int)q / p != v) return false; // NaN fails the range test
        }
        return true;
    }

    public static (ColumnEncoding Encoding, long Base, long Unit) ChooseLong(ReadOnlySpan<long> values, bool isTime)
    {
        if (values.Length == 0) return (ColumnEncoding.Int64, 0, 1);
        var allInt32 = true;
        foreach (var v in values)
            if (v is < int.MinValue or > int.MaxValue) { allInt32 = false; break; }
        if (allInt32) return (ColumnEncoding.Int32, 0, 1);
        if (!isTime) return (ColumnEncoding.Int64, 0, 1);
        var origin = values[0];
        foreach (var unit in (ReadOnlySpan<long>)[TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond])
        {
            var ok = true;
            foreach (var v in values)
            {
                var d = v - origin;
                if (d % unit != 0 || d / unit is < int.MinValue or > int.MaxValue) { ok = false; break; }
            }
            if (ok) return (ColumnEncoding.DeltaInt32, origin, unit);
        }
        return (ColumnEncoding.Int64, 0, 1);
    }

    public static int EncodedSize(ColumnEncoding encoding, int count) =>
        encoding is ColumnEncoding.Int64 or ColumnEncoding.Float64 ? count * 8 : count * 4;

    public static void EncodeDouble(ReadOnlySpan<double> values, ColumnEncoding encoding, byte scale, Span<byte> dst)
    {
        if (encoding == ColumnEncoding.Float64)
        {
            WriteLittleEndian(MemoryMarshal.AsBytes(values), dst);
            return;
        }
        var p = Pow10[scale];
        var ints = MemoryMarshal.Cast<byte, int>(dst[..(values.Length * 4)]);
        for (var i = 0; i < values.Length; i++) ints[i] = LittleEndian((int)Math.Round(values[i] * p));
    }

    public static void EncodeLong(ReadOnlySpan<long> values, ColumnEncoding encoding, long origin, long unit, Span<byte> dst)
    {
        switch (encoding)
        {
            case ColumnEncoding.Int64:
                WriteLittleEndian(MemoryMarshal.AsBytes(values), dst);
                break;
            case ColumnEncoding.Int32:
            case ColumnEncoding.DeltaInt32:
                var ints = MemoryMarshal.Cast<byte, int>(dst[..(values.Length * 4)]);
                for (var i = 0; i < values.Length; i++) ints[i] = LittleEndian((int)((values[i] - origin) / unit));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not a long encoding");
        }
    }

    /// <summary>Decodes rows [start, start + dst.Length) of a double column.</summary>
    public static void DecodeDouble(ReadOnlySpan<byte> column, in ColumnEntry e, int start, Span<double> dst)
    {
        switch (e.Encoding)
        {
            case ColumnEncoding.Float64:
                ReadLittleEndian(column.Slice(start * 8, dst.Length * 8), MemoryMarshal.AsBytes(dst));
                break;
            case ColumnEncoding.ScaledInt32:
                DecodeScaled(MemoryMarshal.Cast<byte, int>(column.Slice(start * 4, dst.Length * 4)), Pow10[e.Scale], dst);
                break;
            default:
                throw new InvalidDataException($"column {e.Id}: encoding {e.Encoding} does not hold doubles");
        }
    }

    /// <summary>Decodes rows [start, start + dst.Length) of a long column.</summary>
    public static void DecodeLong(ReadOnlySpan<byte> column, in ColumnEntry e, int start, Span<long> dst)
    {
        switch (e.Encoding)
        {
            case ColumnEncoding.Int64:
                ReadLittleEndian(column.Slice(start * 8, dst.Length * 8), MemoryMarshal.AsBytes(dst));
                break;
            case ColumnEncoding.Int32:
            case ColumnEncoding.DeltaInt32:
                var ints = MemoryMarshal.Cast<byte, int>(column.Slice(start * 4, dst.Length * 4));
                var origin = e.Encoding == ColumnEncoding.Int32 ? 0 : e.Base;
                var unit = e.Encoding == ColumnEncoding.Int32 ? 1 : e.Unit;
                for (var i = 0; i < dst.Length; i++) dst[i] = origin + LittleEndian(ints[i]) * unit;
                break;
            default:
                throw new InvalidDataException($"column {e.Id}: encoding {e.Encoding} does not hold integers");
        }
    }

    /// <summary>
    /// dst[i] = ints[i] / p. Division, not multiplication by 1/p: it is correctly rounded, so the value comes back
    /// bit for bit. The AVX path divides four at a time; IEEE division gives the same bits as the scalar loop.
    /// </summary>
    private static void DecodeScaled(ReadOnlySpan<int> ints, double p, Span<double> dst)
    {
        var i = 0;
        if (Avx.IsSupported && BitConverter.IsLittleEndian)
        {
            var divisor = Vector256.Create(p);
            ref var src = ref MemoryMarshal.GetReference(ints);
            ref var d = ref MemoryMarshal.GetReference(dst);
            for (; i <= ints.Length - 4; i += 4)
            {
                var v = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref src, (nuint)i));
                Avx.Divide(v, divisor).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < ints.Length; i++) dst[i] = LittleEndian(ints[i]) / p;
    }

    private static int LittleEndian(int v) => BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);

    private static void WriteLittleEndian(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The store format is little-endian.");
        src.CopyTo(dst);
    }

    private static void ReadLittleEndian(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The store format is little-endian.");
        src.CopyTo(dst);
    }
}
