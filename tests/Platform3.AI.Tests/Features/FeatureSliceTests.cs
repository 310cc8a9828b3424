using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Features;
using Platform3.AI.Features.Online;
using Platform3.AI.Tests.Support;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Features;

/// <summary>
/// A time slice fed block by block across the symbols' engines (<see cref="FeatureEngine.UpdateSlice"/>) must leave every
/// engine exactly as feeding them one after the other does: every value to the bit, readiness, known-at time, bar count.
/// </summary>
public sealed class FeatureSliceTests
{
    private static readonly string[] Pairs = ["EURUSD", "GBPUSD", "USDJPY", "EURJPY"];
    private static readonly FeatureSet[] Sets = [FeatureSetCatalog.Core1, FeatureSetCatalog.Core2, FeatureSetCatalog.CoreH1V2, FeatureSetCatalog.XPair2];

    [Property(MaxTest = 16)]
    public Property Block_by_block_equals_engine_by_engine_bit_for_bit(int seed) =>
        Prop.ForAll(Arb.From(Gen.Elements(Sets)), Arb.From(Gen.Choose(2, 4)), (set, count) =>
        {
            var tf = set.Timeframes.Contains(Timeframe.M5) ? Timeframe.M5 : Timeframe.H1;
            var symbols = Pairs[..count];
            var series = Market.Bars(symbols, tf, tf == Timeframe.M5 ? 6 : 40);
            var rng = new Random(seed);
            var instruments = symbols.Select(InstrumentCatalog.Builtin.Get).ToArray();
            (FeatureEngine[] Engines, CrossMarket? Market) Make()
            {
                var market = set.UsesCrossMarket ? new CrossMarket(instruments) : null;
                return (instruments.Select(i => new FeatureEngine(set, new FeatureContext(i, tf, FxCalendar.Default, market))).ToArray(), market);
            }
            var (sequential, seqMarket) = Make();
            var (sliced, slicedMarket) = Make();
            var n = series.Min(s => s.Count);
            var engines = new List<FeatureEngine>();
            var bars = new List<Bar>();
            var compared = 0;
            for (var t = 0; t < n; t++)
            {
                // Most slices carry every symbol; some miss one or more (a symbol without a bar at that close).
                var members = Enumerable.Range(0, count).Where(_ => rng.Next(8) != 0).ToArray();
                if (members.Length == 0) continue;
                engines.Clear();
                bars.Clear();
                foreach (var k in members)
                {
                    var bar = Perturb(series[k][t], rng);
                    seqMarket?.Update(symbols[k], bar);
                    slicedMarket?.Update(symbols[k], bar);
                    engines.Add(sliced[k]);
                    bars.Add(bar);
                }
                foreach (var (k, j) in members.Select((k, j) => (k, j))) sequential[k].Update(bars[j]);
                FeatureEngine.UpdateSlice(engines.ToArray(), bars.ToArray());
                for (var k = 0; k < count; k++)
                {
                    FeatureEngine a = sequential[k], b = sliced[k];
                    if (a.IsReady != b.IsReady || a.KnownAtTicks != b.KnownAtTicks || a.LastBarTicks != b.LastBarTicks || a.BarsSeen != b.BarsSeen)
                        return false.Label($"{set.Id} {symbols[k]} at slice {t}: state differs");
                    for (var f = 0; f < a.Count; f++)
                        if (BitConverter.DoubleToInt64Bits(a.Values[f]) != BitConverter.DoubleToInt64Bits(b.Values[f]))
                            return false.Label($"{set.Id} {symbols[k]} {a.Names[f]} at slice {t}: {a.Values[f]:R} vs {b.Values[f]:R}");
                    if (a.IsReady) compared++;
                }
            }
            return (compared > 50).Label($"{compared} ready vectors compared");
        });

    [Fact]
    public void A_slice_the_engines_would_refuse_is_not_fed_block_by_block()
    {
        var tf = Timeframe.M5;
        var series = Market.Bars(["EURUSD", "GBPUSD"], tf, 2);
        var engines = new[] { "EURUSD", "GBPUSD" }.Select(s => new FeatureEngine(FeatureSetCatalog.Core2,
            new FeatureContext(InstrumentCatalog.Builtin.Get(s), tf, FxCalendar.Default))).ToArray();
        Assert.True(FeatureEngine.TryUpdateSlice(engines, [series[0][1], series[1][1]]));
        // An engine twice, or a bar not after its engine's last: nothing is fed.
        Assert.False(FeatureEngine.TryUpdateSlice([engines[0], engines[0]], [series[0][2], series[0][3]]));
        Assert.False(FeatureEngine.TryUpdateSlice(engines, [series[0][2], series[1][0]]));
        Assert.False(FeatureEngine.TryUpdateSlice(engines[..1], [series[0][2]]));
        Assert.All(engines, e => Assert.Equal(1, e.BarsSeen));
        // UpdateSlice then feeds one by one, so the refusal is Update's own error, after the engines before it were fed.
        var error = Assert.Throws<InvalidOperationException>(() => FeatureEngine.UpdateSlice(engines, [series[0][2], series[1][0]]));
        Assert.Contains("time order", error.Message);
        Assert.Equal([2L, 1L], engines.Select(e => e.BarsSeen));
        Assert.Throws<ArgumentException>(() => FeatureEngine.UpdateSlice(engines, [series[0][3]]));
    }

    [Fact]
    public void The_service_publishes_what_engines_fed_one_by_one_publish()
    {
        var tf = Timeframe.M5;
        string[] symbols = ["EURUSD", "GBPUSD", "USDJPY"];
        var instruments = symbols.Select(InstrumentCatalog.Builtin.Get).ToArray();
        var series = Market.Bars(symbols, tf, 8);
        var store = new InMemoryOnlineFeatureStore();
        var service = new OnlineFeatureService(FeatureSetCatalog.Core2, tf, instruments, FxCalendar.Default, store);
        var alone = instruments.Select(i => new FeatureEngine(FeatureSetCatalog.Core2, new FeatureContext(i, tf, FxCalendar.Default))).ToArray();
        var expected = new double[alone[0].Count];
        var actual = new double[alone[0].Count];
        var published = 0;
        for (var t = 0; t < series[0].Count; t++)
        {
            service.OnSlice(symbols.Select((s, k) => (s, series[k][t])).ToArray());
            for (var k = 0; k < symbols.Length; k++)
            {
                alone[k].Update(series[k][t]);
                var found = store.TryRead(service.KeyOf(symbols[k]), actual, out var barTicks, out var knownAt);
                if (!alone[k].IsReady) continue;
                Assert.True(found);
                Assert.Equal(alone[k].LastBarTicks, barTicks);
                Assert.Equal(alone[k].KnownAtTicks, knownAt);
                alone[k].Values.CopyTo(expected);
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
                published++;
            }
        }
        Assert.True(published > 100, $"{published} vectors compared");
    }

    /// <summary>The bar with its prices nudged (and a spread on some), so every seed gives other values.</summary>
    private static Bar Perturb(Bar b, Random rng)
    {
        var f = 1 + (rng.NextDouble() - 0.5) * 1e-3;
        double o = b.Open * f, h = b.High * f, l = b.Low * f, c = b.Close * f;
        if (rng.Next(3) == 0) return new Bar(b.Time, o, h, l, c, b.Volume);
        var s = rng.Next(1, 30) * 1e-5;
        return new Bar(b.Time, o, h, l, c, o + s, h + s, l + s, c + s, b.Volume);
    }
}
