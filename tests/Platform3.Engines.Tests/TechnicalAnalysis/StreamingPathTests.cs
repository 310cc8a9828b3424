using FsCheck;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.Tests.Properties;
using Platform3.Engines.Tests.Reference;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

/// <summary>
/// The streaming fast path: a caller holding the sealed type gets the update inlined (no virtual call), a caller holding
/// <see cref="Indicator"/> or <see cref="ValueIndicator"/> dispatches. Every path must give the same bits as batch, on
/// random series with a NaN injected somewhere and a Reset between passes; and the branch-free gain/loss split of the
/// Wilder indicators must equal TA-Lib's branches bit for bit.
/// </summary>
public sealed class StreamingPathTests
{
    private static readonly DateTime T0 = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Arbitrary<(int Seed, int Length, int NanAt)> Inputs =
        Gen.Choose(0, 1_000_000).SelectMany(seed => Gen.Choose(1, 300).SelectMany(n => Gen.Choose(-n, n - 1).Select(nan => (seed, n, nan)))).ToArbitrary();

    [Fact]
    public void Concrete_interface_bar_and_batch_paths_of_value_indicators_agree()
    {
        Prop.ForAll(Inputs, input =>
        {
            var values = Values(input.Seed, input.Length, input.NanAt);
            Agree(new Sma(1), (s, x) => s.Update(x), values);
            Agree(new Sma(20), (s, x) => s.Update(x), values);
            Agree(new Ema(1), (s, x) => s.Update(x), values);
            Agree(new Ema(20), (s, x) => s.Update(x), values);
            Agree(new Wma(20), (s, x) => s.Update(x), values);
            Agree(new Rsi(2), (s, x) => s.Update(x), values);
            Agree(new Rsi(14), (s, x) => s.Update(x), values);
            Agree(new Rsi(14, simple: true), (s, x) => s.Update(x), values);
            Agree(new Macd(12, 26, 9), (s, x) => s.Update(x), values);
            Agree(new Macd(3, 7, 1), (s, x) => s.Update(x), values);
            Agree(new Bollinger(20, 2), (s, x) => s.Update(x), values);
            Agree(new Bollinger(1, 2), (s, x) => s.Update(x), values);
            Agree(new StdDev(20, 1), (s, x) => s.Update(x), values);
            Agree(new StdDev(5, variance: true), (s, x) => s.Update(x), values);
            Agree(new Cmo(9), (s, x) => s.Update(x), values);
            return true;
        }).Check(IndicatorProperties.Seeded("streaming paths: value", 60));
    }

    [Fact]
    public void Concrete_interface_and_batch_paths_of_bar_indicators_agree()
    {
        Prop.ForAll(Inputs, input =>
        {
            var bars = Bars(input.Seed, input.Length, input.NanAt);
            AgreeBars(new TrueRange(), (s, b) => s.Update(in b), bars);
            AgreeBars(new TrueRange(FirstBarRange.HighLow), (s, b) => s.Update(in b), bars);
            AgreeBars(new Atr(14), (s, b) => s.Update(in b), bars);
            AgreeBars(new Atr(5, AtrSmoothing.Simple, FirstBarRange.HighLow), (s, b) => s.Update(in b), bars);
            AgreeBars(new Natr(14), (s, b) => s.Update(in b), bars);
            return true;
        }).Check(IndicatorProperties.Seeded("streaming paths: bars", 60));
    }

    [Fact]
    public void Branch_free_gain_loss_split_equals_ta_libs_branches()
    {
        var specials = Gen.Elements(0.0, -0.0, 1e-300, -1e-300, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-4, -1e-4);
        var doubles = Gen.OneOf(specials, Gen.Choose(-1_000_000, 1_000_000).Select(i => i * 1e-9), ArbMap.Default.GeneratorFor<double>());
        var averages = Gen.OneOf(Gen.Elements(0.0, 1e-300, 1e300, double.PositiveInfinity), Gen.Choose(0, 1_000_000).Select(i => i * 1e-9));
        var cases = doubles.SelectMany(change => averages.SelectMany(gain => averages.Select(loss => (change, gain, loss)))).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            const double P = 14, Pm1 = 13;
            // TA-Lib's RSI/CMO step.
            double gain = c.gain * Pm1, loss = c.loss * Pm1;
            if (c.change < 0) loss -= c.change;
            else gain += c.change;
            gain /= P;
            loss /= P;
            // Ours.
            GainLoss.Split(c.change, out var up, out var down);
            var ourGain = (c.gain * Pm1 + up) / P;
            var ourLoss = (c.loss * Pm1 - down) / P;
            // A NaN change makes one of the averages NaN (TA-Lib's gain, our loss): RSI and CMO are NaN from then on either way.
            if (double.IsNaN(c.change)) return double.IsNaN(gain + loss) && double.IsNaN(ourGain + ourLoss);
            return BitConverter.DoubleToInt64Bits(gain) == BitConverter.DoubleToInt64Bits(ourGain)
                   && BitConverter.DoubleToInt64Bits(loss) == BitConverter.DoubleToInt64Bits(ourLoss);
        }).Check(IndicatorProperties.Seeded("gain/loss split", 2000));
    }

    /// <summary>
    /// The Bollinger batch kernel works in blocks of 256 points with the recentring points cut out of the vectorised
    /// runs: lengths across several blocks, periods below and above the block size, NaNs and flat runs (zero variance).
    /// ComputeBands equals Compute's first three outputs, and both equal streaming.
    /// </summary>
    [Fact]
    public void Bollinger_batch_blocks_equal_streaming_and_compute_bands_equals_compute()
    {
        var cases = Gen.Choose(0, 1_000_000).SelectMany(seed => Gen.Choose(1, 1200).SelectMany(n =>
            Gen.Elements(1, 2, 3, 20, 255, 256, 257, 300).SelectMany(p => Gen.Choose(-n, n - 1).Select(nan => (seed, n, p, nan))))).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var values = Values(c.seed, c.n, c.nan);
            var bb = new Bollinger(c.p, 2);
            var all = new double[5 * c.n];
            bb.Compute(values, all);
            double[] middle = new double[c.n], upper = new double[c.n], lower = new double[c.n];
            bb.ComputeBands(values, middle, upper, lower);
            var streamed = Record(bb, 5, c.n, i => bb.Update(values[i]));
            for (var k = 0; k < 5; k++)
                ReferenceHarness.AssertSame(streamed[k], all.AsSpan(k * c.n, c.n).ToArray(), $"{bb.Name}.{bb.OutputNames[k]} n={c.n}: batch vs streaming");
            ReferenceHarness.AssertSame(streamed[0], middle, $"{bb.Name} n={c.n}: ComputeBands middle");
            ReferenceHarness.AssertSame(streamed[1], upper, $"{bb.Name} n={c.n}: ComputeBands upper");
            ReferenceHarness.AssertSame(streamed[2], lower, $"{bb.Name} n={c.n}: ComputeBands lower");
            return true;
        }).Check(IndicatorProperties.Seeded("bollinger blocks", 80));
    }

    [Fact]
    public void Compute_bands_rejects_short_outputs()
    {
        var bb = new Bollinger(5, 2);
        var e = Assert.Throws<ArgumentException>(() => bb.ComputeBands(new double[10], new double[10], new double[9], new double[10]));
        Assert.Contains("10 cells", e.Message, StringComparison.Ordinal);
    }

    private static double[] Values(int seed, int length, int nanAt)
    {
        var values = RandomBars.Create(seed, length).Close.ToArray();
        if (nanAt >= 0) values[nanAt] = double.NaN;
        return values;
    }

    private static Bar[] Bars(int seed, int length, int nanAt)
    {
        var series = RandomBars.Create(seed, length);
        var bars = new Bar[length];
        for (var i = 0; i < length; i++) bars[i] = series[i];
        if (nanAt >= 0) bars[nanAt] = new Bar(bars[nanAt].Time, bars[nanAt].Open, double.NaN, bars[nanAt].Low, bars[nanAt].Close);
        return bars;
    }

    /// <summary><paramref name="concrete"/> is a lambda over the sealed type, so it compiles to the inlined path.</summary>
    private static void Agree<T>(T indicator, Action<T, double> concrete, double[] values) where T : ValueIndicator
    {
        var n = values.Length;
        var m = indicator.OutputCount;
        var batch = new double[n * m];
        ((ValueIndicator)indicator.Clone()).Compute(values, batch);
        var viaConcrete = Record(indicator, m, n, i => concrete(indicator, values[i]));
        ValueIndicator asValue = indicator;
        var viaValue = Record(indicator, m, n, i => asValue.Update(values[i]));
        Indicator asIndicator = indicator;
        var viaBar = Record(indicator, m, n, i => asIndicator.Update(new Bar(T0.AddHours(i), values[i], values[i], values[i], values[i])));
        for (var k = 0; k < m; k++)
        {
            var expected = batch.AsSpan(k * n, n).ToArray();
            var what = $"{indicator.Name}.{indicator.OutputNames[k]}";
            ReferenceHarness.AssertSame(expected, viaConcrete[k], $"{what}: concrete type vs batch");
            ReferenceHarness.AssertSame(expected, viaValue[k], $"{what}: ValueIndicator.Update(double) vs batch");
            ReferenceHarness.AssertSame(expected, viaBar[k], $"{what}: Indicator.Update(in Bar) vs batch");
        }
    }

    private static void AgreeBars<T>(T indicator, Action<T, Bar> concrete, Bar[] bars) where T : Indicator
    {
        var n = bars.Length;
        var m = indicator.OutputCount;
        var series = new BarSeriesBuilder("EURUSD", Timeframe.H1);
        foreach (var b in bars) series.Add(b);
        var batch = indicator.Clone().Compute(series.Build());
        var viaConcrete = Record(indicator, m, n, i => concrete(indicator, bars[i]));
        Indicator asIndicator = indicator;
        var viaIndicator = Record(indicator, m, n, i => asIndicator.Update(in bars[i]));
        for (var k = 0; k < m; k++)
        {
            var what = $"{indicator.Name}.{indicator.OutputNames[k]}";
            ReferenceHarness.AssertSame(batch[k], viaConcrete[k], $"{what}: concrete type vs batch");
            ReferenceHarness.AssertSame(batch[k], viaIndicator[k], $"{what}: Indicator.Update(in Bar) vs batch");
        }
    }

    /// <summary>Resets, feeds rows 0..n−1 through <paramref name="update"/>, and records every output after each row.</summary>
    private static double[][] Record(Indicator indicator, int outputs, int n, Action<int> update)
    {
        indicator.Reset();
        var result = new double[outputs][];
        for (var k = 0; k < outputs; k++) result[k] = new double[n];
        for (var i = 0; i < n; i++)
        {
            update(i);
            for (var k = 0; k < outputs; k++) result[k][i] = indicator[k];
        }
        return result;
    }
}
