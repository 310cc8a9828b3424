using Platform3.Core.Domain;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>Hand-built bar series for fill tests: bid OHLC, and optionally ask OHLC.</summary>
internal static class Bars
{
    public static readonly Instrument EURUSD = InstrumentCatalog.Builtin.Get("EURUSD");
    public static readonly Instrument GBPUSD = InstrumentCatalog.Builtin.Get("GBPUSD");
    public static readonly Instrument USDJPY = InstrumentCatalog.Builtin.Get("USDJPY");
    public static readonly Instrument EURGBP = InstrumentCatalog.Builtin.Get("EURGBP");
    public static readonly Instrument EURUSDi = EURUSD;

    /// <summary>A Monday in January 2017 (no DST), 10:00 UTC.</summary>
    public static readonly DateTime T0 = new(2017, 1, 9, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Bid-only bars, one per <paramref name="timeframe"/> from <paramref name="start"/>.</summary>
    public static BarSeries Bid(Instrument instrument, Timeframe timeframe, DateTime start, params (double O, double H, double L, double C)[] bars)
    {
        var b = new BarSeriesBuilder(instrument.Symbol, timeframe);
        for (var i = 0; i < bars.Length; i++)
            b.Add(new Bar(start + i * timeframe.Duration, bars[i].O, bars[i].H, bars[i].L, bars[i].C));
        return b.Build();
    }

    /// <summary>Bars with bid OHLC and a constant spread added for the ask.</summary>
    public static BarSeries WithSpread(Instrument instrument, Timeframe timeframe, DateTime start, double spread, params (double O, double H, double L, double C)[] bars)
    {
        var b = new BarSeriesBuilder(instrument.Symbol, timeframe);
        for (var i = 0; i < bars.Length; i++)
        {
            var (o, h, l, c) = bars[i];
            b.Add(new Bar(start + i * timeframe.Duration, o, h, l, c, R(o + spread), R(h + spread), R(l + spread), R(c + spread)));
        }
        return b.Build();
    }

    /// <summary>Bars at explicit times (for gaps), bid plus constant spread.</summary>
    public static BarSeries At(Instrument instrument, Timeframe timeframe, double spread, params (DateTime T, double O, double H, double L, double C)[] bars)
    {
        var b = new BarSeriesBuilder(instrument.Symbol, timeframe);
        foreach (var (t, o, h, l, c) in bars)
            b.Add(new Bar(t, o, h, l, c, R(o + spread), R(h + spread), R(l + spread), R(c + spread)));
        return b.Build();
    }

    /// <summary>Flat bars at one price (bid), for accounting tests where only a few prices matter.</summary>
    public static BarSeries Flat(Instrument instrument, Timeframe timeframe, DateTime start, double spread, params double[] closes)
    {
        var b = new BarSeriesBuilder(instrument.Symbol, timeframe);
        for (var i = 0; i < closes.Length; i++)
        {
            var c = closes[i];
            b.Add(new Bar(start + i * timeframe.Duration, c, c, c, c, R(c + spread), R(c + spread), R(c + spread), R(c + spread)));
        }
        return b.Build();
    }

    private static double R(double v) => Math.Round(v, 6);
}
