using FsCheck;
using FsCheck.Xunit;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

/// <summary>
/// <see cref="RollingExtremum"/> (entries side by side, unchecked ring reads, the dominance test chosen once per push)
/// against the plain monotonic deque it replaced, kept here verbatim: the same value, bit for bit, and the same index
/// after every push, in all four modes, on sequences full of ties, ±0, infinities and NaN, across clears.
/// </summary>
public sealed class RollingExtremumTests
{
    /// <summary>The deque as it was before the layout change (the reference).</summary>
    private sealed class PlainDeque(int period, bool max, bool newestWinsTies)
    {
        private readonly double[] _values = new double[period];
        private readonly long[] _indices = new long[period];
        private int _head;
        private int _count;
        private long _index = -1;

        public long Index => _indices[_head];

        public double Push(double value)
        {
            var i = ++_index;
            if (_count > 0 && _indices[_head] <= i - period)
            {
                if (++_head == period) _head = 0;
                _count--;
            }
            while (_count > 0)
            {
                var back = _head + _count - 1;
                if (back >= period) back -= period;
                var v = _values[back];
                var dominated = newestWinsTies ? (max ? v <= value : v >= value) : (max ? v < value : v > value);
                if (!dominated) break;
                _count--;
            }
            var slot = _head + _count;
            if (slot >= period) slot -= period;
            _values[slot] = value;
            _indices[slot] = i;
            _count++;
            return _values[_head];
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
            _index = -1;
        }
    }

    private static readonly double[] Specials = [0.0, -0.0, 1.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0000000000000002];

    private static Gen<double> Sample =>
        Gen.Frequency(
            (4, Gen.Choose(0, 6).Select(k => (double)k)),          // few levels: many ties
            (2, Gen.Elements(Specials)),
            (3, Gen.Choose(-1_000_000, 1_000_000).Select(k => k / 1000.0)));

    [Property(MaxTest = 400)]
    public Property Pushes_match_the_plain_deque_bit_for_bit() =>
        Prop.ForAll(
            (from period in Gen.Choose(1, 12)
             from max in Gen.Elements(true, false)
             from newest in Gen.Elements(true, false)
             from samples in Gen.ListOf(Sample)
             select (period, max, newest, samples: samples.ToArray())).ToArbitrary(),
            c =>
            {
                var (period, max, newest, samples) = c;
                var fast = new RollingExtremum(period, max, newest);
                var plain = new PlainDeque(period, max, newest);
                for (var k = 0; k < samples.Length; k++)
                {
                    // A clear now and then: both start over.
                    if (k % 37 == 36) { fast.Clear(); plain.Clear(); }
                    var a = fast.Push(samples[k]);
                    var b = plain.Push(samples[k]);
                    if (BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(b) || fast.Index != plain.Index ||
                        BitConverter.DoubleToInt64Bits(fast.Value) != BitConverter.DoubleToInt64Bits(b))
                        return false.Label($"push {k} ({samples[k]}): {a} @ {fast.Index} vs {b} @ {plain.Index}");
                }
                return true.ToProperty();
            });

    [Fact]
    public void Long_random_walks_match_the_plain_deque_in_every_mode()
    {
        foreach (var period in new[] { 1, 2, 14, 20, 100 })
            foreach (var max in new[] { true, false })
                foreach (var newest in new[] { true, false })
                {
                    var rng = new Random(period * 4 + (max ? 2 : 0) + (newest ? 1 : 0));
                    var fast = new RollingExtremum(period, max, newest);
                    var plain = new PlainDeque(period, max, newest);
                    var price = 1.1;
                    for (var k = 0; k < 20_000; k++)
                    {
                        price = Math.Round(price + (rng.NextDouble() - 0.5) * 1e-3, 4); // 4 decimals: ties happen
                        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Push(price)), BitConverter.DoubleToInt64Bits(fast.Push(price)));
                        Assert.Equal(plain.Index, fast.Index);
                    }
                }
    }
}
