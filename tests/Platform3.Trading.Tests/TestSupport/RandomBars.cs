using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>Seeded random-walk bars (bid and ask) for property tests; only market hours are generated.</summary>
internal static class RandomBars
{
    /// <summary>One pair's random-walk M1 bars from about 1.1 (110 for yen pairs): bid/ask, or bid-only (the ask then comes from the spread model).</summary>
    public static MarketDataSet OnePair(Instrument instrument, int seed, bool bidOnly, int count)
    {
        var walk = Walk(instrument, Timeframe.M1, Bars.T0, count, seed, instrument.Quote == Currency.JPY ? 110.0 : 1.1, volPips: 5);
        if (!bidOnly) return new MarketDataSet().AddBars(instrument, walk);
        var b = new BarSeriesBuilder(instrument.Symbol, Timeframe.M1, walk.Count);
        for (var i = 0; i < walk.Count; i++)
        {
            var x = walk[i];
            b.Add(new Bar(x.Time, x.Open, x.High, x.Low, x.Close, 1 + i % 37));
        }
        return new MarketDataSet().AddBars(instrument, b.Build());
    }

    public static BarSeries Walk(Instrument instrument, Timeframe timeframe, DateTime start, int count, int seed, double startPrice,
        double volPips = 3, double spreadPips = 1)
    {
        var rng = new Random(seed);
        var b = new BarSeriesBuilder(instrument.Symbol, timeframe, count);
        var pip = instrument.PipSizeD;
        var tick = instrument.TickSizeD;
        var price = startPrice;
        var t = start;
        var cal = FxCalendar.Default;
        double R(double v) => Math.Round(v / tick) * tick;
        while (b.Count < count)
        {
            if (cal.IsOpen(t.Ticks))
            {
                var o = R(price);
                var steps = new double[4];
                var p = o;
                double h = o, l = o;
                for (var i = 0; i < 4; i++)
                {
                    p = R(p + (rng.NextDouble() - 0.5) * 2 * volPips * pip);
                    h = Math.Max(h, p);
                    l = Math.Min(l, p);
                }
                var c = p;
                var s = R(Math.Max(tick, spreadPips * pip * (0.5 + rng.NextDouble())));
                b.Add(new Bar(t, o, h, l, c, R(o + s), R(h + s), R(l + s), R(c + s)));
                price = c;
            }
            t += timeframe.Duration;
        }
        return b.Build();
    }

    /// <summary>Flat bars over real market hours between two times (H1 by default), one price.</summary>
    public static BarSeries FlatHours(Instrument instrument, DateTime from, DateTime to, double bid, double spread, Timeframe? timeframe = null)
    {
        var tf = timeframe ?? Timeframe.H1;
        var b = new BarSeriesBuilder(instrument.Symbol, tf);
        var cal = FxCalendar.Default;
        for (var t = from; t < to; t += tf.Duration)
            if (cal.IsOpen(t.Ticks)) b.Add(new Bar(t, bid, bid, bid, bid, bid + spread, bid + spread, bid + spread, bid + spread));
        return b.Build();
    }
}
