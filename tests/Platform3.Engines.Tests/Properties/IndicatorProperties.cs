using FsCheck;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.Tests.Reference;

namespace Platform3.Engines.Tests.Properties;

/// <summary>
/// The indicator contract, for every factory kind on random FX-like bars:
/// streaming == batch bit for bit; no lookahead (batch on a prefix == the prefix of batch on everything);
/// Reset + replay gives the same values; NaN exactly during warm-up; the canonical name parses back.
/// </summary>
public sealed class IndicatorProperties
{
    private static readonly Arbitrary<(int Seed, int Length, int Cut)> Inputs =
        Gen.Choose(0, 1_000_000).SelectMany(seed => Gen.Choose(1, 400).SelectMany(n => Gen.Choose(0, n).Select(cut => (seed, n, cut)))).ToArbitrary();

    [Theory]
    [MemberData(nameof(IndicatorSpecs.Data), MemberType = typeof(IndicatorSpecs))]
    public void Streaming_equals_batch_and_has_no_lookahead(string spec)
    {
        var prototype = IndicatorFactory.Create(spec);
        Prop.ForAll(Inputs, input =>
        {
            var bars = RandomBars.Create(input.Seed, input.Length);
            var full = prototype.Clone().Compute(bars);
            var indicator = prototype.Clone();
            for (var k = 0; k < indicator.OutputCount; k++)
            {
                var streamed = Stream(indicator, bars, k);
                ReferenceHarness.AssertSame(streamed, full[k], $"{spec} seed {input.Seed}: streaming vs batch ({indicator.OutputNames[k]})");
            }
            var prefix = prototype.Clone().Compute(bars.Range(0, input.Cut));
            for (var k = 0; k < indicator.OutputCount; k++)
                ReferenceHarness.AssertSame(full[k][..input.Cut], prefix[k], $"{spec} seed {input.Seed}: prefix of {input.Cut} bars ({indicator.OutputNames[k]})");
            return true;
        }).Check(Seeded(spec, 40));
    }

    [Theory]
    [MemberData(nameof(IndicatorSpecs.Data), MemberType = typeof(IndicatorSpecs))]
    public void Reset_then_replay_is_identical_and_values_are_nan_exactly_until_ready(string spec)
    {
        var indicator = IndicatorFactory.Create(spec);
        var bars = RandomBars.Create(StableSeed(spec), 300);
        var first = Enumerable.Range(0, indicator.OutputCount).Select(k => Stream(indicator, bars, k)).ToArray();
        var ready = new bool[bars.Count];
        indicator.Reset();
        for (var i = 0; i < bars.Count; i++)
        {
            indicator.Update(bars[i]);
            ready[i] = indicator.IsReady;
            // Count-driven indicators are ready exactly from WarmUpPeriod; calendar-driven ones never before it.
            if (indicator is not PivotPoints) Assert.Equal(i + 1 >= indicator.WarmUpPeriod, ready[i]);
            else Assert.False(ready[i] && i + 1 < indicator.WarmUpPeriod);
        }
        // Stream() resets before each pass, so every pass after the first is a Reset + replay.
        for (var k = 0; k < indicator.OutputCount; k++)
        {
            ReferenceHarness.AssertSame(first[k], Stream(indicator, bars, k), $"{spec}: Reset + replay ({indicator.OutputNames[k]})");
            for (var i = 0; i < bars.Count; i++)
                Assert.True(ready[i] != double.IsNaN(first[k][i]),
                    $"{spec}.{indicator.OutputNames[k]} row {i}: value {first[k][i]} but IsReady is {ready[i]} (warm-up {indicator.WarmUpPeriod})");
        }
    }

    [Theory]
    [MemberData(nameof(IndicatorSpecs.Data), MemberType = typeof(IndicatorSpecs))]
    public void Canonical_name_parses_back_to_the_same_indicator(string spec)
    {
        var indicator = IndicatorFactory.Create(spec);
        var again = IndicatorFactory.Create(indicator.Name);
        Assert.Equal(indicator.Name, again.Name);
        Assert.Equal(indicator.WarmUpPeriod, again.WarmUpPeriod);
        Assert.Equal(indicator.OutputNames, again.OutputNames);
        Assert.Equal(indicator.Name, indicator.Clone().Name);
    }

    /// <summary>A fixed seed per spec (string.GetHashCode is randomised per process, so hash the text ourselves).</summary>
    internal static Config Seeded(string name, int maxTest)
    {
        var seed = 1469598103934665603UL;
        foreach (var ch in name) seed = (seed ^ ch) * 1099511628211UL;
        var replay = new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None);
        return Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(replay));
    }

    internal static int StableSeed(string text)
    {
        var h = 17;
        foreach (var ch in text) h = unchecked(h * 31 + ch);
        return h & 0x7FFFFFFF;
    }

    internal static double[] Stream(Indicator indicator, BarSeries bars, int output)
    {
        indicator.Reset();
        var result = new double[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            indicator.Update(bars[i]);
            result[i] = indicator[output];
        }
        return result;
    }
}
