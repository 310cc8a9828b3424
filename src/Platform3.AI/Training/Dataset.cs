namespace Platform3.AI.Training;

/// <summary>
/// Features joined with labels: one row per usable sample, sorted by time. Features are row-major
/// float32 (what the trainers consume). Each row carries its label interval [Start, End] (t0 = when the
/// row is known, t1 = when its label resolved) for purging, its outcome (the label's log return) for the
/// trading evaluation, its past return over the label horizon for the momentum baseline, and a weight.
/// </summary>
public sealed class Dataset
{
    public TaskKind Task { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public int FeatureCount { get; }
    public int Count { get; }
    /// <summary>Row-major features, Count × FeatureCount.</summary>
    public float[] Features { get; }
    /// <summary>Open time of the bar each row belongs to (UTC ticks), for display and joins.</summary>
    public long[] BarTime { get; }
    /// <summary>t0 (UTC ticks): when the row's features are known (the bar's close).</summary>
    public long[] Start { get; }
    /// <summary>t1 (UTC ticks): when the row's label resolved.</summary>
    public long[] End { get; }
    /// <summary>Class index per row (classification) — 0..ClassCount-1.</summary>
    public int[] Class { get; }
    /// <summary>Regression target per row (NaN for classification datasets).</summary>
    public double[] Target { get; }
    /// <summary>The label's realised log return (entry close to exit), used by the trading evaluation.</summary>
    public double[] Outcome { get; }
    /// <summary>Log return over the label horizon ending at t0 (known at t0), for the momentum baseline.</summary>
    public double[] PastReturn { get; }
    public double[] Weight { get; }
    /// <summary>The value of each class (e.g. −1, +1 or −1, 0, +1), used for an expected value.</summary>
    public IReadOnlyList<double> ClassValues { get; }
    public int ClassCount => ClassValues.Count;

    public Dataset(TaskKind task, IReadOnlyList<string> featureNames, float[] features, long[] barTime, long[] start, long[] end,
        int[] @class, double[] target, double[] outcome, double[] pastReturn, double[]? weight, IReadOnlyList<double> classValues,
        string[]? symbol = null)
    {
        var n = start.Length;
        var f = featureNames.Count;
        if (features.Length != (long)n * f) throw new ArgumentException($"Features hold {features.Length} values, expected {n} rows × {f} features.");
        if (barTime.Length != n || end.Length != n || @class.Length != n || target.Length != n || outcome.Length != n || pastReturn.Length != n)
            throw new ArgumentException("All dataset columns must have one value per row.");
        if (weight is not null && weight.Length != n) throw new ArgumentException("Weight column length mismatch.");
        if (symbol is not null && symbol.Length != n) throw new ArgumentException("Symbol column length mismatch.");
        if (task != TaskKind.Regression && classValues.Count < 2) throw new ArgumentException("A classification dataset needs at least two classes.");
        for (var i = 0; i < n; i++)
        {
            if (end[i] < start[i]) throw new ArgumentException($"Row {i}: label ends before it starts.");
            if (i > 0 && start[i] < start[i - 1]) throw new ArgumentException($"Row {i}: rows must be sorted by time.");
            if (task != TaskKind.Regression && (uint)@class[i] >= (uint)classValues.Count)
                throw new ArgumentException($"Row {i}: class {@class[i]} is out of range 0..{classValues.Count - 1}.");
        }
        Task = task; FeatureNames = featureNames; FeatureCount = f; Count = n;
        Features = features; BarTime = barTime; Start = start; End = end; Class = @class; Target = target;
        Outcome = outcome; PastReturn = pastReturn; Weight = weight ?? Enumerable.Repeat(1.0, n).ToArray();
        ClassValues = classValues;
        Symbol = symbol ?? Enumerable.Repeat("", n).ToArray();
    }

    /// <summary>The instrument each row belongs to (datasets may pool several symbols).</summary>
    public string[] Symbol { get; }

    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>The label used for metrics as a double: the class index, or the regression target.</summary>
    public double LabelValue(int i) => Task == TaskKind.Regression ? Target[i] : Class[i];

    /// <summary>A new dataset holding the given rows (in the given order, which must stay sorted by time).</summary>
    public Dataset Subset(IReadOnlyList<int> rows)
    {
        var f = FeatureCount;
        var x = new float[rows.Count * f];
        for (var k = 0; k < rows.Count; k++) Row(rows[k]).CopyTo(x.AsSpan(k * f, f));
        T[] Pick<T>(T[] src) { var a = new T[rows.Count]; for (var k = 0; k < a.Length; k++) a[k] = src[rows[k]]; return a; }
        return new Dataset(Task, FeatureNames, x, Pick(BarTime), Pick(Start), Pick(End), Pick(Class), Pick(Target), Pick(Outcome),
            Pick(PastReturn), Pick(Weight), ClassValues, Pick(Symbol));
    }

    /// <summary>A content hash of the dataset (features, labels, intervals), for lineage and reproducibility checks.</summary>
    public string ContentHash()
    {
        using var h = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        h.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', FeatureNames) + "|" + Task));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Features.AsSpan()));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Start.AsSpan()));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(End.AsSpan()));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Class.AsSpan()));
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Target.AsSpan()));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}
