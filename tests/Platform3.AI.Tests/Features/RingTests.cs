using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Features.Blocks;

namespace Platform3.AI.Tests.Features;

public sealed class RingTests
{
    /// <summary>The run-wise sum is bit-identical to adding the indexed values oldest first, wrapped or not.</summary>
    [Property(MaxTest = 2000)]
    public Property SumNewest_equals_the_indexed_sum_bit_for_bit(double[] values, byte capacitySeed, byte countSeed)
    {
        var (ring, capacity, count) = Filled(values, capacitySeed, countSeed);
        double expected = 0;
        for (var i = count - 1; i >= 0; i--) expected += ring[i];
        var actual = ring.SumNewest(count);
        return Same(actual, expected)
            .Label($"capacity {capacity}, {values.Length} pushed, count {count}: {actual:R} vs {expected:R}");
    }

    /// <summary>Newest-first sums equal the indexed loop bit for bit.</summary>
    [Property(MaxTest = 2000)]
    public Property SumsNewestFirst_equal_the_indexed_sums_bit_for_bit(double[] values, byte capacitySeed, byte countSeed)
    {
        var (ring, capacity, count) = Filled(values, capacitySeed, countSeed);
        double sum = 0, sq = 0;
        for (var i = 0; i < count; i++) { var v = ring[i]; sum += v; sq += v * v; }
        ring.SumsNewestFirst(count, out var s, out var q);
        return (Same(s, sum) && Same(q, sq)).Label($"capacity {capacity}, {values.Length} pushed, count {count}");
    }

    /// <summary>The four sums of two rings in one pass equal their own <see cref="Ring.SumNewest"/> calls bit for bit.</summary>
    [Property(MaxTest = 2000)]
    public Property Paired_sums_equal_separate_SumNewest_calls_bit_for_bit(double[] a, double[] b, byte capacitySeed, byte shortSeed, byte longSeed, byte skew)
    {
        // Two rings of one capacity whose heads differ (b gets extra pushes first), as the volatility block's are.
        var capacity = 1 + capacitySeed % 70;
        var ra = new Ring(capacity);
        var rb = new Ring(capacity);
        foreach (var v in a) ra.Push(v * 1e-3 + 1 / 3.0);
        for (var k = 0; k < skew % 7; k++) rb.Push(k / 7.0);
        foreach (var v in b) rb.Push(v * 1e-3 + 1 / 7.0);
        var full = Math.Min(ra.Count, rb.Count);
        if (full == 0) return true.ToProperty();
        var longCount = 1 + longSeed % full;
        var shortCount = shortSeed % (longCount + 1);
        Ring.SumNewest(ra, rb, shortCount, longCount, out var aShort, out var aLong, out var bShort, out var bLong);
        return (Same(aShort, ra.SumNewest(shortCount)) && Same(aLong, ra.SumNewest(longCount))
                && Same(bShort, rb.SumNewest(shortCount)) && Same(bLong, rb.SumNewest(longCount)))
            .Label($"capacity {capacity}, counts {ra.Count}/{rb.Count}, short {shortCount}, long {longCount}");
    }

    /// <summary>A ring of 1–70 slots fed the values (shifted off zero, so most sums are inexact), and a count to sum.</summary>
    private static (Ring Ring, int Capacity, int Count) Filled(double[] values, byte capacitySeed, byte countSeed)
    {
        var capacity = 1 + capacitySeed % 70;
        var ring = new Ring(capacity);
        foreach (var v in values) ring.Push(v * 1e-3 + 1 / 3.0);
        return (ring, capacity, ring.Count == 0 ? 0 : 1 + countSeed % ring.Count);
    }

    private static bool Same(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    /// <summary>The indexer (wrap by comparison) and push (the same) read exactly the slot the remainder formula names.</summary>
    [Property(MaxTest = 1000)]
    public Property Indexer_reads_the_slot_of_the_remainder_formula(double[] values, byte capacitySeed, short backSeed)
    {
        var capacity = 1 + capacitySeed % 70;
        var ring = new Ring(capacity);
        var shadow = new double[capacity];
        var head = -1;
        for (var k = 0; k < values.Length; k++)
        {
            ring.Push(values[k]);
            head = (head + 1) % capacity;
            shadow[head] = values[k];
        }
        var backs = new[] { backSeed % (3 * capacity), 0, capacity - 1, capacity, -1 };
        foreach (var back in backs)
        {
            var expected = shadow[((head - back) % capacity + capacity) % capacity];
            if (!Same(ring[back], expected)) return false.Label($"capacity {capacity}, {values.Length} pushed, back {back}");
        }
        return true.ToProperty();
    }
}
