using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Quality;

/// <summary>
/// Checks a bar series for gaps inside trading hours (weekends and configured holidays excluded), duplicate
/// and out-of-order timestamps, OHLC violations, crossed quotes, return spikes (robust z-score) and stale runs,
/// plus bars stamped while the market is closed. Works on raw columns in file order too, so a file can be
/// checked before it is imported.
/// </summary>
public static class DataQuality
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static QualityReport Analyze(BarSeries s, FxCalendar calendar, QualityOptions? options = null) =>
        Analyze(s.Symbol, s.Timeframe, s.Time, s.Open, s.High, s.Low, s.Close, s.AskOpen, s.AskHigh, s.AskLow, s.AskClose, calendar, options);

    /// <summary>Raw columns in any order (duplicates allowed); ask columns may be null.</summary>
    public static QualityReport Analyze(string symbol, Timeframe tf, long[] time, double[] open, double[] high, double[] low, double[] close,
        double[]? askOpen, double[]? askHigh, double[]? askLow, double[]? askClose, FxCalendar calendar, QualityOptions? options = null)
    {
        var o = options ?? new QualityOptions();
        var n = time.Length;
        var ex = o.MaxExamples;
        var dup = new QualityCheck("duplicates", "bars sharing an open time with an earlier bar", ex);
        var nonMono = new QualityCheck("non-monotonic", "bars older than a bar before them in the file", ex);
        var ohlc = new QualityCheck("ohlc", "high below max(open, close), low above min(open, close), or a non-positive price", ex);
        var crossed = new QualityCheck("crossed", "ask close below bid close", ex);
        var closedMarket = new QualityCheck("closed-market", "bars stamped while the market is closed (weekend or holiday)", ex);

        // Order checks in file order.
        var max = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            if (time[i] < max) nonMono.Add(time[i], () => $"after {T(max)}");
            else max = time[i];
        }
        var order = Enumerable.Range(0, n).ToArray();
        if (nonMono.Count > 0) order = order.OrderBy(i => time[i]).ToArray();
        var unique = new List<int>(n);
        foreach (var i in order)
        {
            if (unique.Count > 0 && time[unique[^1]] == time[i]) { dup.Add(time[i], () => "same open time as an earlier bar"); continue; }
            unique.Add(i);
        }

        for (var k = 0; k < unique.Count; k++)
        {
            var i = unique[k];
            var t = time[i];
            if (Violation(open[i], high[i], low[i], close[i]) is { } v) ohlc.Add(t, () => "bid " + v);
            else if (askClose is not null && !double.IsNaN(askClose[i]) && Violation(askOpen![i], askHigh![i], askLow![i], askClose[i]) is { } va)
                ohlc.Add(t, () => "ask " + va);
            if (askClose is not null && askClose[i] < close[i])
                crossed.Add(t, () => $"bid {close[i].ToString(Inv)} ask {askClose[i].ToString(Inv)}");
            if (!calendar.IsOpen(t)) closedMarket.Add(t, () => $"trading day {calendar.TradingDayOf(t):ddd yyyy-MM-dd} is closed");
        }

        var (gaps, gapSizes) = FindGaps(time, unique, tf, calendar, ex);
        var spikes = FindSpikes(time, close, askClose, unique, calendar, o);
        var stale = FindStaleRuns(time, open, high, low, close, unique, o);
        return new QualityReport
        {
            Symbol = symbol, Timeframe = tf, Bars = n, Options = o,
            FirstUtc = unique.Count > 0 ? new DateTime(time[unique[0]], DateTimeKind.Utc) : null,
            LastUtc = unique.Count > 0 ? new DateTime(time[unique[^1]], DateTimeKind.Utc) : null,
            Gaps = gaps, GapSizes = gapSizes, Duplicates = dup, NonMonotonic = nonMono, OhlcViolations = ohlc, Crossed = crossed,
            Spikes = spikes, StaleRuns = stale, ClosedMarket = closedMarket,
        };
    }

    private static string? Violation(double o, double h, double l, double c)
    {
        if (!(o > 0 && h > 0 && l > 0 && c > 0)) return $"non-positive price (O={o.ToString(Inv)} H={h.ToString(Inv)} L={l.ToString(Inv)} C={c.ToString(Inv)})";
        if (h < Math.Max(o, c)) return $"high {h.ToString(Inv)} below max(open, close) {Math.Max(o, c).ToString(Inv)}";
        if (l > Math.Min(o, c)) return $"low {l.ToString(Inv)} above min(open, close) {Math.Min(o, c).ToString(Inv)}";
        return null;
    }

    /// <summary>Runs of missing bar slots while the market is open, between consecutive bars.</summary>
    private static (QualityCheck, GapSummary) FindGaps(long[] time, List<int> unique, Timeframe tf, FxCalendar cal, int maxExamples)
    {
        var gaps = new QualityCheck("gaps", $"runs of missing {tf} bars while the market is open (weekends and configured holidays excluded)", maxExamples);
        long missingTotal = 0, upTo5 = 0, upTo60 = 0, upTo1440 = 0, longer = 0;
        var longest = new List<(long Missing, long From, long To)>();
        var minutesPerBar = Math.Max(1, tf.DurationTicks / TimeSpan.TicksPerMinute);
        for (var k = 1; k < unique.Count; k++)
        {
            var t0 = time[unique[k - 1]];
            var t1 = time[unique[k]];
            var s = NextSlot(tf, cal, t0);
            if (s >= t1) continue;
            long missing = 0;
            while (s < t1)
            {
                var day = cal.TradingDayOf(s);
                if (!cal.IsTradingDay(day)) { s = Math.Max(cal.TradingDayEndUtcTicks(day), s + 1); s = Align(tf, cal, s); continue; }
                missing++;
                s = NextSlot(tf, cal, s);
            }
            if (missing == 0) continue;
            missingTotal += missing;
            var minutes = missing * minutesPerBar;
            if (minutes <= 5) upTo5++; else if (minutes <= 60) upTo60++; else if (minutes <= 1440) upTo1440++; else longer++;
            var m = missing;
            gaps.Add(t0, () => $"{m} bar(s) missing between {T(t0)} and {T(t1)}");
            longest.Add((missing, t0, t1));
            if (longest.Count > 4 * maxExamples)
            {
                longest = longest.OrderByDescending(g => g.Missing).ThenBy(g => g.From).Take(maxExamples).ToList();
            }
        }
        var top = longest.OrderByDescending(g => g.Missing).ThenBy(g => g.From).Take(maxExamples)
            .Select(g => new QualityExample(new DateTime(g.From, DateTimeKind.Utc), $"{g.Missing} bar(s) missing between {T(g.From)} and {T(g.To)}"))
            .ToList();
        return (gaps, new GapSummary(missingTotal, upTo5, upTo60, upTo1440, longer, top));
    }

    private static long NextSlot(Timeframe tf, FxCalendar cal, long open) =>
        tf.DurationTicks <= TimeSpan.TicksPerHour ? open + tf.DurationTicks : Math.Max(open + 1, cal.BarCloseUtcTicks(tf, cal.BarOpenUtcTicks(tf, open)));

    private static long Align(Timeframe tf, FxCalendar cal, long t)
    {
        var o = cal.BarOpenUtcTicks(tf, t);
        return o >= t ? o : NextSlot(tf, cal, o);
    }

    /// <summary>Returns between neighbouring bars with no market closure between them; robust z-score against the median and MAD.</summary>
    private static QualityCheck FindSpikes(long[] time, double[] close, double[]? askClose, List<int> unique, FxCalendar cal, QualityOptions o)
    {
        var spikes = new QualityCheck("spikes", $"returns with a robust z-score above {o.SpikeZ.ToString(Inv)} (closures excluded)", o.MaxExamples);
        var returns = new double[Math.Max(0, unique.Count - 1)];
        var at = new int[returns.Length];
        var m = 0;
        double Price(int i) => askClose is not null && !double.IsNaN(askClose[i]) ? 0.5 * (close[i] + askClose[i]) : close[i];
        for (var k = 1; k < unique.Count; k++)
        {
            int a = unique[k - 1], b = unique[k];
            double pa = Price(a), pb = Price(b);
            if (!(pa > 0 && pb > 0)) continue;
            if (ClosureBetween(cal, time[a], time[b])) continue;
            returns[m] = Math.Log(pb / pa);
            at[m++] = k;
        }
        if (m < 10) return spikes;
        var sorted = returns[..m];
        Array.Sort(sorted);
        var median = sorted[m / 2];
        var dev = sorted.Select(r => Math.Abs(r - median)).ToArray();
        Array.Sort(dev);
        var scale = 1.4826 * dev[m / 2];
        if (!(scale > 0)) return spikes;
        for (var j = 0; j < m; j++)
        {
            var z = Math.Abs(returns[j] - median) / scale;
            if (z <= o.SpikeZ) continue;
            var k = at[j];
            var r = returns[j];
            spikes.Add(time[unique[k]], () => $"return {r * 100:+0.000;-0.000}% (z = {z:0.0}) from {Price(unique[k - 1]).ToString(Inv)} to {Price(unique[k]).ToString(Inv)}");
        }
        return spikes;
    }

    private static bool ClosureBetween(FxCalendar cal, long a, long b)
    {
        var da = cal.TradingDayOf(a);
        var db = cal.TradingDayOf(b);
        for (var d = da.AddDays(1); d < db; d = d.AddDays(1))
            if (!cal.IsTradingDay(d)) return true;
        return !cal.IsTradingDay(db) || !cal.IsTradingDay(da);
    }

    private static QualityCheck FindStaleRuns(long[] time, double[] open, double[] high, double[] low, double[] close, List<int> unique, QualityOptions o)
    {
        var stale = new QualityCheck("stale", $"runs of {o.StaleMinBars}+ bars with open = high = low = close = the previous close", o.MaxExamples);
        var run = 0;
        var start = 0L;
        for (var k = 1; k <= unique.Count; k++)
        {
            var flat = false;
            if (k < unique.Count)
            {
                int i = unique[k], p = unique[k - 1];
                flat = open[i] == high[i] && high[i] == low[i] && low[i] == close[i] && close[i] == close[p];
            }
            if (flat)
            {
                if (run == 0) start = time[unique[k]];
                run++;
                continue;
            }
            if (run >= o.StaleMinBars)
            {
                var len = run;
                var price = close[unique[k - 1]];
                var end = time[unique[k - 1]];
                stale.Add(start, () => $"{len} bars at {price.ToString(Inv)} until {T(end)}");
            }
            run = 0;
        }
        return stale;
    }

    private static string T(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm", Inv);
}
