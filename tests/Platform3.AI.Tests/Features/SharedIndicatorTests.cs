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
