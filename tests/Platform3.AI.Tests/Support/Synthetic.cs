using Platform3.AI.Training;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Support;

/// <summary>Small seeded synthetic data for fast, deterministic tests.</summary>
internal static class Synthetic
{
    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>M1 bid bars of a Gaussian random walk in log price (bar-to-bar, no drift).</summary>
    public static BarSeries RandomWalkBars(int n, int seed, double start = 1.1000, double sigma = 0.0002, Timeframe? tf = null)
    {
        var rng = new Random(seed);
        var timeframe = tf ?? Timeframe.M1;
        var time = new long[n]; var o = new double[n]; var h = new double[n]; var l = new double[n]; var c = new double[n];
        var price = start;
        for (var i = 0; i < n; i++)
        {
            time[i] = Epoch.Ticks + i * timeframe.DurationTicks;
            o[i] = price;
            var mid = price * Math.Exp(sigma * 0.5 * Gaussian(rng));
            price *= Math.Exp(sigma * Gaussian(rng));
            c[i] = price;
            h[i] = Math.Max(Math.Max(o[i], c[i]), mid) + Math.Abs(Gaussian(rng)) * sigma * 0.3 * price;
            l[i] = Math.Min(Math.Min(o[i], c[i]), mid) - Math.Abs(Gaussian(rng)) * sigma * 0.3 * price;
        }
        return new BarSeries("EURUSD", timeframe, time, o, h, l, c, new long[n]);
    }

    /// <summary>Bars from explicit closes (open = previous close, high/low = max/min of open and close).</summary>
    public static BarSeries FromCloses(params double[] closes) => FromOhlc(closes.Select((c, i) =>
    {
        var o = i == 0 ? c : closes[i - 1];
        return (o, Math.Max(o, c), Math.Min(o, c), c);
    }).ToArray());

    public static BarSeries FromOhlc((double O, double H, double L, double C)[] bars)
    {
        var n = bars.Length;
        return new BarSeries("EURUSD", Timeframe.M1,
            Enumerable.Range(0, n).Select(i => Epoch.Ticks + i * TimeSpan.TicksPerMinute).ToArray(),
            bars.Select(b => b.O).ToArray(), bars.Select(b => b.H).ToArray(), bars.Select(b => b.L).ToArray(),
            bars.Select(b => b.C).ToArray(), new long[n]);
    }

    /// <summary>
    /// A binary dataset whose label is sign(signal·x0 + noise) (signal 0 = pure noise). Label intervals span
    /// <paramref name="horizon"/> rows, so neighbouring labels overlap when horizon &gt; 1.
    /// </summary>
    public static Dataset Planted(int n, int features, double signal, int seed, int horizon = 1, TaskKind task = TaskKind.Binary)
    {
        var rng = new Random(seed);
        var x = new float[n * features];
        var cls = new int[n];
        var target = new double[n];
        var outcome = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < features; f++) x[i * features + f] = (float)Gaussian(rng);
            var z = signal * x[i * features] + Gaussian(rng);
            outcome[i] = z * 1e-4;
            target[i] = task == TaskKind.Regression ? z : double.NaN;
            cls[i] = task switch
            {
                TaskKind.Multiclass => z < -0.5 ? 0 : z > 0.5 ? 2 : 1,
                TaskKind.Regression => 0,
                _ => z > 0 ? 1 : 0,
            };
        }
        var start = Enumerable.Range(0, n).Select(i => Epoch.Ticks + (i + 1) * TimeSpan.TicksPerMinute).ToArray();
        var end = start.Select(s => s + horizon * TimeSpan.TicksPerMinute).ToArray();
        var past = Enumerable.Range(0, n).Select(i => i == 0 ? double.NaN : outcome[i - 1]).ToArray();
        IReadOnlyList<double> classes = task switch { TaskKind.Multiclass => [-1.0, 0.0, 1.0], TaskKind.Regression => [], _ => [-1.0, 1.0] };
        return new Dataset(task, Enumerable.Range(0, features).Select(f => $"x{f}").ToArray(), x,
            start.Select(s => s - TimeSpan.TicksPerMinute).ToArray(), start, end, cls, target, outcome, past, null, classes);
    }
}
