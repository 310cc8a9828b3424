using Platform3.Core.Domain;

namespace Platform3.Engines.Tests.ChartPatterns;

/// <summary>Hourly bars that walk straight between waypoints, with a small fixed wick, so a known shape is drawn exactly.</summary>
public static class PathBars
{
    public static BarSeries Create(int barsPerLeg, params double[] waypoints)
    {
        var closes = new List<double> { waypoints[0] };
        for (var w = 1; w < waypoints.Length; w++)
            for (var k = 1; k <= barsPerLeg; k++)
                closes.Add(waypoints[w - 1] + (waypoints[w] - waypoints[w - 1]) * k / barsPerLeg);
        var n = closes.Count;
        var t0 = new DateTime(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var time = new long[n];
        double[] open = new double[n], high = new double[n], low = new double[n], close = new double[n];
        for (var i = 0; i < n; i++)
        {
            time[i] = t0 + i * TimeSpan.TicksPerHour;
            close[i] = closes[i];
            open[i] = i == 0 ? closes[0] : closes[i - 1];
            high[i] = Math.Max(open[i], close[i]) + 0.0002;
            low[i] = Math.Min(open[i], close[i]) - 0.0002;
        }
        return new BarSeries("EURUSD", Timeframe.H1, time, open, high, low, close, new long[n]);
    }
}
