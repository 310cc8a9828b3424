using Platform3.Core.Calendar;
using Platform3.Trading.Backtesting;

namespace Platform3.Trading.Statistics;

/// <summary>Equity sampled at period ends and the simple returns between them.</summary>
public sealed record ReturnSeries(DateTime[] Times, double[] Equity, double[] Returns)
{
    /// <summary>
    /// Equity at the end of each FX trading day (17:00 New York, weekdays), from the last sample at or before
    /// it, starting from the first sample's equity.
    /// </summary>
    public static ReturnSeries Daily(EquityCurve curve, FxCalendar calendar)
    {
        var times = new List<DateTime>();
        var equity = new List<double>();
        if (curve.Count == 0) return new ReturnSeries([], [], []);
        var t = curve.Time;
        var e = curve.Equity;
        var day = calendar.TradingDayOf(t[0]);
        times.Add(new DateTime(t[0], DateTimeKind.Utc));
        equity.Add(e[0]);
        var end = calendar.TradingDayEndUtcTicks(day);
        for (var i = 0; i < curve.Count; i++)
        {
            while (t[i] > end)
            {
                if (!FxCalendar.IsWeekendDay(day))
                {
                    times.Add(new DateTime(end, DateTimeKind.Utc));
                    equity.Add(e[i - 1 < 0 ? 0 : i - 1]);
                }
                day = day.AddDays(1);
                end = calendar.TradingDayEndUtcTicks(day);
            }
        }
        // The last (possibly partial) day ends at the last sample.
        if (t[curve.Count - 1] > times[^1].Ticks)
        {
            times.Add(new DateTime(t[curve.Count - 1], DateTimeKind.Utc));
            equity.Add(e[curve.Count - 1]);
        }
        return FromEquity(times.ToArray(), equity.ToArray());
    }

    /// <summary>Equity at each calendar month end (UTC), for the monthly heatmap.</summary>
    public static ReturnSeries Monthly(EquityCurve curve)
    {
        var times = new List<DateTime>();
        var equity = new List<double>();
        if (curve.Count == 0) return new ReturnSeries([], [], []);
        var t = curve.Time;
        var e = curve.Equity;
        times.Add(new DateTime(t[0], DateTimeKind.Utc));
        equity.Add(e[0]);
        var first = new DateTime(t[0], DateTimeKind.Utc);
        var monthEnd = new DateTime(first.Year, first.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        for (var i = 0; i < curve.Count; i++)
        {
            while (t[i] > monthEnd.Ticks)
            {
                times.Add(monthEnd);
                equity.Add(e[Math.Max(0, i - 1)]);
                monthEnd = monthEnd.AddMonths(1);
            }
        }
        if (t[curve.Count - 1] > times[^1].Ticks)
        {
            times.Add(new DateTime(t[curve.Count - 1], DateTimeKind.Utc));
            equity.Add(e[curve.Count - 1]);
        }
        return FromEquity(times.ToArray(), equity.ToArray());
    }

    public static ReturnSeries FromEquity(DateTime[] times, double[] equity)
    {
        var r = new double[Math.Max(0, equity.Length - 1)];
        for (var i = 1; i < equity.Length; i++) r[i - 1] = equity[i - 1] == 0 ? 0 : equity[i] / equity[i - 1] - 1;
        return new ReturnSeries(times, equity, r);
    }
}
