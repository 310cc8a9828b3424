using Platform3.Core.Domain;

namespace Platform3.MarketData.Tests;

/// <summary>A temp folder deleted at dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "p3-md-" + Guid.NewGuid().ToString("N")[..10]);

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class Bars
{
    public static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    /// <summary>Asserts two series are equal bar for bar, NaN equal to NaN, with a message naming the first difference.</summary>
    public static void Equal(BarSeries expected, BarSeries actual)
    {
        Assert.Equal(expected.Timeframe, actual.Timeframe);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.HasAsk, actual.HasAsk);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            if (!Same(e, a)) Assert.Fail($"bar {i} differs:\n expected {Describe(e)}\n actual   {Describe(a)}");
        }
    }

    public static bool Same(in Bar e, in Bar a) =>
        e.Time == a.Time && e.Open.Equals(a.Open) && e.High.Equals(a.High) && e.Low.Equals(a.Low) && e.Close.Equals(a.Close)
        && e.AskOpen.Equals(a.AskOpen) && e.AskHigh.Equals(a.AskHigh) && e.AskLow.Equals(a.AskLow) && e.AskClose.Equals(a.AskClose)
        && e.Spread.Equals(a.Spread) && e.Volume == a.Volume;

    public static string Describe(in Bar b) =>
        $"{b.Time:yyyy-MM-dd HH:mm} O={b.Open} H={b.High} L={b.Low} C={b.Close} aO={b.AskOpen} aH={b.AskHigh} aL={b.AskLow} aC={b.AskClose} S={b.Spread} V={b.Volume}";

    /// <summary>Keeps each bar with probability 1 - dropFraction, deterministically from the seed.</summary>
    public static BarSeries Thin(BarSeries s, double dropFraction, int seed)
    {
        var rng = new Random(seed);
        var b = new BarSeriesBuilder(s.Symbol, s.Timeframe, s.Count);
        for (var i = 0; i < s.Count; i++)
            if (rng.NextDouble() >= dropFraction) b.Add(s[i]);
        return b.Build();
    }
}
