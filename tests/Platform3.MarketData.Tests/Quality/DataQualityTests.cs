using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Quality;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Quality;

public class DataQualityTests
{
    private static readonly FxCalendar Cal = FxCalendar.Default;
    // Two weeks of clean bid/ask M1 data, Christmas week included (25 Dec is a configured holiday).
    private static readonly BarSeries Clean = SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2023, 12, 18), Bars.Utc(2024, 1, 3), SynthModel.RandomWalk, 12);

    [Fact]
    public void Clean_synthetic_data_has_no_findings()
    {
        var q = DataQuality.Analyze(Clean, Cal);
        Assert.All(q.Checks, c => Assert.True(c.Count == 0, $"{c.Name}: {c.Count} ({string.Join("; ", c.Examples.Select(e => e.Detail))})"));
        Assert.Equal(Clean.Count, q.Bars);
    }

    [Fact]
    public void Injected_faults_are_each_found_with_their_time()
    {
        var n = Clean.Count;
        var time = (long[])Clean.Time.Clone();
        double[] o = (double[])Clean.Open.Clone(), h = (double[])Clean.High.Clone(), l = (double[])Clean.Low.Clone(), c = (double[])Clean.Close.Clone();
        double[] ao = (double[])Clean.AskOpen!.Clone(), ah = (double[])Clean.AskHigh!.Clone(), al = (double[])Clean.AskLow!.Clone(),
            ac = (double[])Clean.AskClose!.Clone();

        // A 7-minute hole on a Tuesday afternoon (inside trading hours).
        var gapAt = Clean.LowerBound(Bars.Utc(2023, 12, 19, 14, 0).Ticks);
        var keep = Enumerable.Range(0, n).Where(i => i < gapAt || i >= gapAt + 7).ToList();
        // OHLC violation, crossed quote, a spike, a stale run of 12 bars.
        var bad = Clean.LowerBound(Bars.Utc(2023, 12, 20, 10, 0).Ticks);
        h[bad] = Math.Max(o[bad], c[bad]) - 0.0005;
        var cross = Clean.LowerBound(Bars.Utc(2023, 12, 20, 11, 0).Ticks);
        ac[cross] = c[cross] - 0.0002; al[cross] = Math.Min(al[cross], ac[cross]);
        var spike = Clean.LowerBound(Bars.Utc(2023, 12, 21, 9, 30).Ticks);
        var spread = ac[spike] - c[spike];
        c[spike] *= 1.01; h[spike] = Math.Max(h[spike], c[spike]);
        ac[spike] = c[spike] + spread; ah[spike] = Math.Max(ah[spike], ac[spike]);
        var stale = Clean.LowerBound(Bars.Utc(2023, 12, 22, 3, 0).Ticks);
        for (var i = stale; i < stale + 12; i++) { o[i] = h[i] = l[i] = c[i] = c[stale - 1]; ao[i] = ah[i] = al[i] = ac[i] = c[i] + 0.0001; }
        // A duplicate and an out-of-order row, as a file could have them.
        var rows = keep.ToList();
        var dupAt = Clean.LowerBound(Bars.Utc(2023, 12, 27, 12, 0).Ticks);
        rows.Insert(rows.IndexOf(dupAt) + 1, dupAt);
        var swapA = rows.IndexOf(Clean.LowerBound(Bars.Utc(2023, 12, 28, 12, 0).Ticks));
        (rows[swapA], rows[swapA + 1]) = (rows[swapA + 1], rows[swapA]);

        T[] Pick<T>(T[] a) => rows.Select(i => a[i]).ToArray();
        var q = DataQuality.Analyze("EURUSD", Timeframe.M1, Pick(time), Pick(o), Pick(h), Pick(l), Pick(c),
            Pick(ao), Pick(ah), Pick(al), Pick(ac), Cal);

        Assert.True(q.Gaps.Count == 1, string.Join("\n", q.Gaps.Examples.Select(e => e.Detail)));
        Assert.Equal(7, q.GapSizes.MissingBars);
        Assert.Equal(1, q.GapSizes.UpTo60);
        Assert.Equal(Bars.Utc(2023, 12, 19, 13, 59), q.Gaps.Examples[0].TimeUtc);
        Assert.True(q.OhlcViolations.Count == 1, string.Join("\n", q.OhlcViolations.Examples.Select(e => e.TimeUtc + " " + e.Detail)));
        Assert.Equal(Clean.TimeAt(bad), q.OhlcViolations.Examples[0].TimeUtc);
        Assert.True(q.Crossed.Count == 1, string.Join("\n", q.Crossed.Examples.Select(e => e.TimeUtc + " " + e.Detail)));
        Assert.Equal(Clean.TimeAt(cross), q.Crossed.Examples[0].TimeUtc);
        // The spike moves the close 1% and back: two returns stand out (up into it, down out of it).
        Assert.Equal(2, q.Spikes.Count);
        Assert.Equal(Clean.TimeAt(spike), q.Spikes.Examples[0].TimeUtc);
        Assert.Equal(1, q.StaleRuns.Count);
        Assert.Equal(Clean.TimeAt(stale), q.StaleRuns.Examples[0].TimeUtc);
        Assert.StartsWith("12 bars", q.StaleRuns.Examples[0].Detail);
        Assert.Equal(1, q.Duplicates.Count);
        Assert.Equal(1, q.NonMonotonic.Count);
        Assert.Equal(0, q.ClosedMarket.Count);
    }

    [Fact]
    public void Weekends_and_holidays_are_not_gaps_but_bars_in_them_are_reported()
    {
        // Drop a whole trading day (Wednesday 27 Dec): a gap of 1440 bars. Christmas and weekends: none.
        var s = Clean;
        var a = s.LowerBound(Cal.TradingDayStartUtcTicks(new DateOnly(2023, 12, 27)));
        var b = s.LowerBound(Cal.TradingDayEndUtcTicks(new DateOnly(2023, 12, 27)));
        var cut = Concat(s.Range(0, a), s.Range(b, s.Count));
        var q = DataQuality.Analyze(cut, Cal);
        Assert.Equal(1, q.Gaps.Count);
        Assert.Equal(1440, q.GapSizes.MissingBars);
        Assert.Equal(1, q.GapSizes.UpTo1440);

        // A bar on Saturday (as HistData 2004/2005 has) is listed.
        var sat = new BarSeriesBuilder("EURUSD", Timeframe.M1);
        for (var i = 0; i < 20; i++) sat.Add(s[i]);
        sat.Add(new Bar(Bars.Utc(2023, 12, 23, 12, 0), 1.1, 1.1, 1.1, 1.1, 1.1001, 1.1001, 1.1001, 1.1001));
        var q2 = DataQuality.Analyze(sat.Build(), Cal);
        Assert.Equal(1, q2.ClosedMarket.Count);
        Assert.Contains("Sat 2023-12-23", q2.ClosedMarket.Examples[0].Detail);
    }

    [Fact]
    public void Gaps_are_counted_in_bars_of_the_timeframe()
    {
        var h1 = Platform3.MarketData.Resampling.BarResampler.Resample(Clean, Timeframe.H1, Cal);
        var cut = Concat(h1.Range(0, 30), h1.Range(33, h1.Count));
        var q = DataQuality.Analyze(cut, Cal);
        Assert.Equal(3, q.GapSizes.MissingBars);
        Assert.Equal(1, q.GapSizes.UpTo1440); // three hours
    }

    private static BarSeries Concat(BarSeries a, BarSeries b)
    {
        var x = new BarSeriesBuilder(a.Symbol, a.Timeframe, a.Count + b.Count);
        for (var i = 0; i < a.Count; i++) x.Add(a[i]);
        for (var i = 0; i < b.Count; i++) x.Add(b[i]);
        return x.Build();
    }
}
