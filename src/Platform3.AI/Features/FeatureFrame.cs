namespace Platform3.AI.Features;

/// <summary>
/// An offline feature matrix: one row per bar after warm-up (row-major doubles), with the bar's open time
/// and close time (when the row is known). Warm-up rows are excluded and counted, never silently dropped.
/// </summary>
public sealed class FeatureFrame
{
    public required string FeatureSet { get; init; }
    public required string FeatureSetHash { get; init; }
    public required string Symbol { get; init; }
    public required string Timeframe { get; init; }
    public required IReadOnlyList<string> Names { get; init; }
    public required long[] BarTime { get; init; }
    public required long[] KnownAt { get; init; }
    public required double[] Values { get; init; }
    /// <summary>Leading bars excluded because some feature was still warming up.</summary>
    public required int WarmUpExcluded { get; init; }
    public required string DataFingerprint { get; init; }

    public int Count => BarTime.Length;
    public int Width => Names.Count;

    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * Width, Width);

    public double this[int row, string name]
    {
        get
        {
            for (var k = 0; k < Names.Count; k++) if (Names[k] == name) return Values[row * Width + k];
            throw new KeyNotFoundException($"No feature '{name}' in {FeatureSet}.");
        }
    }

    /// <summary>Row index for a bar open time, or −1.</summary>
    public int IndexOf(long barTicks)
    {
        var i = Array.BinarySearch(BarTime, barTicks);
        return i >= 0 ? i : -1;
    }
}
