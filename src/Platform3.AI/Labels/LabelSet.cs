namespace Platform3.AI.Labels;

/// <summary>
/// Labels for every bar of a series, aligned by index with the bars (and so with feature rows).
/// Sample i is known at the close of bar i (<see cref="StartTicks"/> = t0) and resolves at the close of bar
/// <see cref="EndIndex"/> (<see cref="EndTicks"/> = t1). Purging and uniqueness weights work on [t0, t1].
/// Rows whose label cannot be resolved from the data (the tail of the series, or before the volatility
/// estimate is ready) have <see cref="Valid"/> false; they are counted, never silently used.
/// </summary>
public sealed class LabelSet
{
    public string Description { get; }
    /// <summary>t0: the close time of bar i (UTC ticks), when the sample's features are known.</summary>
    public long[] StartTicks { get; }
    /// <summary>t1: the close time of the bar at which the label resolved (UTC ticks).</summary>
    public long[] EndTicks { get; }
    /// <summary>Index of the bar at which the label resolved (≥ i + 1 for a valid label).</summary>
    public int[] EndIndex { get; }
    /// <summary>Direction: +1 up, −1 down, 0 inside the dead zone (or a vertical barrier with a zero outcome).</summary>
    public sbyte[] Side { get; }
    /// <summary>The continuous outcome: log return from entry to exit, or the forward realised volatility.</summary>
    public double[] Value { get; }
    public bool[] Valid { get; }

    public int Count => Side.Length;
    public int ValidCount { get; }

    /// <summary>Diagnostic counters (e.g. triple-barrier bars that touched both barriers).</summary>
    public IReadOnlyDictionary<string, int> Counters { get; }

    public LabelSet(string description, long[] startTicks, long[] endTicks, int[] endIndex, sbyte[] side, double[] value,
        bool[] valid, IReadOnlyDictionary<string, int>? counters = null)
    {
        var n = startTicks.Length;
        if (endTicks.Length != n || endIndex.Length != n || side.Length != n || value.Length != n || valid.Length != n)
            throw new ArgumentException("All label columns must have the same length.");
        for (var i = 0; i < n; i++)
        {
            if (!valid[i]) continue;
            if (endTicks[i] < startTicks[i])
                throw new ArgumentException($"Label {i} ends before it starts (t1 < t0).");
            if (endIndex[i] <= i) throw new ArgumentException($"Label {i} resolves at bar {endIndex[i]}, which is not after it.");
        }
        Description = description;
        StartTicks = startTicks; EndTicks = endTicks; EndIndex = endIndex; Side = side; Value = value; Valid = valid;
        ValidCount = valid.Count(v => v);
        Counters = counters ?? new Dictionary<string, int>();
    }

    /// <summary>Counts of valid labels per side (−1, 0, +1).</summary>
    public (int Down, int Flat, int Up) SideCounts()
    {
        int d = 0, f = 0, u = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!Valid[i]) continue;
            if (Side[i] > 0) u++; else if (Side[i] < 0) d++; else f++;
        }
        return (d, f, u);
    }
}
