using Platform3.Core.Domain;

namespace Platform3.Engines.Tests.Properties;

/// <summary>
/// Deterministic random FX-like hourly bars from a seed: a random walk around 1.1 (moves of about 2 pips),
/// occasional flat bars (zero range, unchanged close) to reach the divide-by-zero branches, and tick volume.
/// </summary>
public static class RandomBars
{
    public static BarSeries Create(int seed, int count, double start = 1.1, double step = 2e-4)
    {
        var rng = new Random(seed);
        var time = new long[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new long[count];
        var t0 = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var price = start;
        var flatRun = 0;
        for (var i = 0; i < count; i++)
        {
            time[i] = t0 + i * TimeSpan.TicksPerHour;
            if (flatRun == 0 && rng.NextDouble() < 0.03) flatRun = rng.Next(1, 25);
            var o = price;
            double c, h, l;
            if (flatRun > 0)
            {
                flatRun--;
                c = h = l = o;
            }
            else
            {
                c = Math.Max(1e-3, o + step * (rng.NextDouble() * 2 - 1) + 0.2 * step * Math.Sin(i / 50.0));
                h = Math.Max(o, c) + step * rng.NextDouble() * 0.5;
                l = Math.Min(o, c) - step * rng.NextDouble() * 0.5;
            }
            open[i] = Math.Round(o, 5);
            close[i] = Math.Round(c, 5);
            high[i] = Math.Max(Math.Round(h, 5), Math.Max(open[i], close[i]));
            low[i] = Math.Min(Math.Round(l, 5), Math.Min(open[i], close[i]));
            volume[i] = flatRun > 0 ? 0 : rng.Next(1, 500);
            price = close[i];
        }
        return new BarSeries("EURUSD", Timeframe.H1, time, open, high, low, close, volume);
    }
}
