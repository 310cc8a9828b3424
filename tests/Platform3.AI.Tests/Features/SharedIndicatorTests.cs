using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Features;
using Platform3.AI.Tests.Support;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Tests.Features;

/// <summary>
/// The engine shares indicators between its blocks (ATR, ADX, Bollinger, stochastics asked for several times) and the
/// volatility block sums its windows in one pass: neither may change a single bit of any feature.
/// </summary>
public sealed class SharedIndicatorTests
{
    private static readonly FeatureSet[] Sets = [FeatureSetCatalog.Core1, FeatureSetCatalog.Core2, FeatureSetCatalog.CoreH1V2];

    [Property(MaxTest = 12)]
    public Property The_engine_vector_equals_every_block_run_alone_bit_for_bit(int seed) =>
        Prop.ForAll(Arb.From(Gen.Elements(Sets)), set =>
        {
            var tf = set.Timeframes.Contains(Timeframe.M5) ? Timeframe.M5 : Timeframe.H1;
            var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
            var context = new FeatureContext(eurusd, tf, FxCalendar.Default);
            var engine = new FeatureEngine(set, context);
            // The reference: fresh blocks of the same definition, each with indicators of its own.
            var alone = set.CreateBlocks(context).Select(b => b.Clone()).ToArray();
            var scratch = alone.Select(b => new double[b.Names.Count]).ToArray();
            var rng = new Random(seed);
            var checkedRows = 0;
            foreach (var bar in Perturbed(Market.Eurusd(tf, tf == Timeframe.M5 ? 10 : 60), rng))
            {
                engine.Update(in bar);
                var at = 0;
                var ready = true;
                for (var k = 0; k < alone.Length; k++)
                {
                    alone[k].Update(in bar, engine.KnownAtTicks, scratch[k]);
                    ready &= alone[k].IsReady;
                    for (var j = 0; j < scratch[k].Length; j++, at++)
                        if (BitConverter.DoubleToInt64Bits(scratch[k][j]) != BitConverter.DoubleToInt64Bits(engine.Values[at]))
                            return false.Label($"{set.Id}: {engine.Names[at]} at {bar.Time:u}: {engine.Values[at]:R} vs {scratch[k][j]:R} alone");
                }
                if (ready != engine.IsReady) return false.Label($"{set.Id}: readiness differs at {bar.Time:u}");
                checkedRows++;
            }
            return (checkedRows > 100).Label($"{checkedRows} rows");
        });

    [Fact]
    public void Equal_indicators_are_shared_and_different_ones_are_not()
    {
        var shared = new SharedIndicators();
        var atr = shared.Share(new Atr(14));
        Assert.Same(atr, shared.Share(new Atr(14)));
        Assert.NotSame(atr, shared.Share(new Atr(20)));
        var adx = shared.Share(IndicatorFactory.Create("adx(14)"));
        Assert.Same(adx, shared.Share(IndicatorFactory.Create("adx(14)")));
        var used = new Atr(14);
        used.Update(new Bar(Market.From, 1, 1.1, 0.9, 1.05));
        Assert.Throws<InvalidOperationException>(() => new SharedIndicators().Share(used));
    }

    /// <summary>A block whose readiness comes and goes (its own rule), beside blocks on the base rule.</summary>
    private sealed class Flickering(int period) : FeatureBlock($"flicker({period})", 1, $"flicker_{period}")
    {
        public override bool IsReady => Seen % period != 0;
        protected override void Compute(in Bar bar, long closeTicks, Span<double> output) => output[0] = Seen;
        public override FeatureBlock Clone() => new Flickering(period);
    }

    private sealed class Counting(int warmUp) : FeatureBlock($"count({warmUp})", warmUp, $"count_{warmUp}")
    {
        protected override void Compute(in Bar bar, long closeTicks, Span<double> output) => output[0] = Seen;
        public override FeatureBlock Clone() => new Counting(WarmUp);
    }

    [Property(MaxTest = 50)]
    public Property Engine_readiness_is_every_blocks_readiness_on_every_bar_even_when_a_block_flickers(int seed) =>
        // The engine stops asking a base-rule block once it is ready (it stays ready); blocks with a rule of their own
        // are asked on every bar. Either way the engine's readiness must be the AND of all blocks' on every bar.
        Prop.ForAll(Arb.From(Gen.Choose(2, 5)), Arb.From(Gen.Choose(1, 30)), (period, warmUp) =>
        {
            var set = new FeatureSet("flicker", 1, "test", [Timeframe.M5], false,
                _ => [new Counting(warmUp), new Flickering(period), new Counting(warmUp + Math.Abs(seed % 7) + 1)]);
            var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
            var context = new FeatureContext(eurusd, Timeframe.M5, FxCalendar.Default);
            var engine = new FeatureEngine(set, context);
            var alone = set.CreateBlocks(context).ToArray();
            var scratch = new double[1];
            Assert.Equal([true, false, true], alone.Select(b => b.ReadinessIsFinal));
            var bars = Market.Eurusd(Timeframe.M5, 1);
            for (var i = 0; i < 60; i++)
            {
                var bar = bars[i];
                engine.Update(in bar);
                var ready = true;
                foreach (var b in alone) { b.Update(in bar, engine.KnownAtTicks, scratch); ready &= b.IsReady; }
                if (ready != engine.IsReady) return false.Label($"bar {i}: engine {engine.IsReady}, blocks {ready}");
            }
            return true.ToProperty();
        });

    [Fact]
    public void Only_blocks_with_a_readiness_rule_of_their_own_are_asked_on_every_bar()
    {
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        var blocks = FeatureSetCatalog.CoreH1V2.CreateBlocks(new FeatureContext(eurusd, Timeframe.H1, FxCalendar.Default));
        var own = blocks.Where(b => !b.ReadinessIsFinal).Select(b => b.GetType().Name).Distinct().Order().ToArray();
        Assert.Equal(["HigherTimeframeBlock", "PivotBlock"], own);
    }

    /// <summary>The synthetic bars with each price nudged (and a spread added to some), so every seed gives other values.</summary>
    private static IEnumerable<Bar> Perturbed(BarSeries series, Random rng)
    {
        for (var i = 0; i < series.Count; i++)
        {
            var b = series[i];
            var f = 1 + (rng.NextDouble() - 0.5) * 1e-3;
            double o = b.Open * f, h = b.High * f, l = b.Low * f, c = b.Close * f;
            if (rng.Next(3) == 0) { yield return new Bar(b.Time, o, h, l, c, b.Volume); continue; }
            var s = rng.Next(1, 30) * 1e-5;
            yield return new Bar(b.Time, o, h, l, c, o + s, h + s, l + s, c + s, b.Volume);
        }
    }
}
