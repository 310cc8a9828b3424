using Platform3.Core.Domain;

namespace Platform3.MarketData.Synthetic;

/// <summary>
/// Seeded, reproducible FX data for tests and the demo: bid/ask M1 bars or ticks on the FX calendar
/// (nothing while the market is closed: weekends and configured holidays). Prices start at plausible
/// levels (EURUSD 1.10, GBPUSD 1.27, USDJPY 110, ...) and are rounded to each pair's tick size.
/// Pairs are built from currency values, so generating several gives correlated, consistent crosses.
/// The same seed, range and options always give the same data, whatever other pairs are generated with it.
/// </summary>
public sealed class SyntheticMarket(SynthOptions? options = null)
{
    public SynthOptions Options { get; } = options ?? new SynthOptions();

    /// <summary>M1 bid/ask bars of one pair with open time in [fromUtc, toUtc), default options.</summary>
    public static BarSeries GenerateM1(string symbol, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed) =>
        new SyntheticMarket().M1(symbol, fromUtc, toUtc, model, seed);

    public BarSeries M1(string symbol, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed) =>
        M1([symbol], fromUtc, toUtc, model, seed)[0];

    /// <summary>M1 bid/ask bars for several pairs from one set of currency paths (same order as <paramref name="symbols"/>).</summary>
    public IReadOnlyList<BarSeries> M1(IReadOnlyList<string> symbols, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed)
    {
        var engine = new SynthEngine(symbols, fromUtc, toUtc, model, seed, Options);
        var capacity = (int)Math.Min(int.MaxValue / 2, Math.Max(16, (toUtc - fromUtc).TotalMinutes * 5 / 7 + 16));
        var builders = engine.Pairs.Select(p => new BarSeriesBuilder(p.Symbol, Timeframe.M1, capacity)).ToArray();
        while (engine.MoveNext())
        {
            var time = new DateTime(engine.Time, DateTimeKind.Utc);
            for (var p = 0; p < engine.PairCount; p++)
            {
                var inst = engine.Pairs[p];
                var tick = inst.TickSizeD;
                var mid = engine.Mid[p];
                var half = 0.5 * engine.SpreadTicks[p] * tick;
                double o = RoundToTick(mid[0] - half, inst), c = RoundToTick(mid[^1] - half, inst);
                double h = Math.Max(o, c), l = Math.Min(o, c);
                for (var k = 1; k < mid.Length - 1; k++)
                {
                    var b = RoundToTick(mid[k] - half, inst);
                    if (b > h) h = b;
                    if (b < l) l = b;
                }
                var s = engine.SpreadTicks[p] * tick;
                builders[p].Add(new Bar(time, o, h, l, c,
                    RoundToTick(o + s, inst), RoundToTick(h + s, inst), RoundToTick(l + s, inst), RoundToTick(c + s, inst),
                    engine.Volume[p]));
            }
        }
        return builders.Select(b => b.Build()).ToArray();
    }

    /// <summary>Bid/ask ticks of one pair in [fromUtc, toUtc): each minute's tick count is its bar volume, at random milliseconds along the minute's path.</summary>
    public TickSeries Ticks(string symbol, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed)
    {
        var engine = new SynthEngine([symbol], fromUtc, toUtc, model, seed, Options);
        var inst = engine.Pairs[0];
        var rng = Rng.For(seed, "ticks:" + inst.Symbol);
        var time = new List<long>(); var bid = new List<double>(); var ask = new List<double>(); var vol = new List<long>();
        var offsets = new double[64];
        while (engine.MoveNext())
        {
            var n = (int)engine.Volume[0];
            if (offsets.Length < n) offsets = new double[n * 2];
            for (var i = 0; i < n; i++) offsets[i] = rng.NextDouble();
            Array.Sort(offsets, 0, n);
            var mid = engine.Mid[0];
            var steps = engine.Steps;
            for (var i = 0; i < n; i++)
            {
                // Linear interpolation along the minute's path; the spread jitters by a tick now and then.
                var pos = offsets[i] * steps;
                var k = Math.Min((int)pos, steps - 1);
                var m = mid[k] + (mid[k + 1] - mid[k]) * (pos - k);
                var spreadTicks = Math.Max(1, engine.SpreadTicks[0] + (rng.NextDouble() < 0.2 ? (rng.NextDouble() < 0.5 ? -1 : 1) : 0));
                var b = RoundToTick(m - 0.5 * spreadTicks * inst.TickSizeD, inst);
                time.Add(engine.Time + (long)(offsets[i] * 60_000) * TimeSpan.TicksPerMillisecond);
                bid.Add(b);
                ask.Add(RoundToTick(b + spreadTicks * inst.TickSizeD, inst));
                vol.Add(1);
            }
        }
        return new TickSeries(inst.Symbol, time.ToArray(), bid.ToArray(), ask.ToArray(), vol.ToArray());
    }

    public static TickSeries GenerateTicks(string symbol, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed) =>
        new SyntheticMarket().Ticks(symbol, fromUtc, toUtc, model, seed);

    /// <summary>Rounds to the instrument's precision so the value prints and parses back exactly.</summary>
    private static double RoundToTick(double price, Instrument inst) => Math.Round(price, inst.PricePrecision, MidpointRounding.AwayFromZero);
}
