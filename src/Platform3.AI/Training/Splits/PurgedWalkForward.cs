namespace Platform3.AI.Training.Splits;

/// <summary>
/// Purged walk-forward splits. For each test block the test span runs from the START (t0) of its first
/// label to the latest END (t1) of its labels; every training row whose label interval [t0, t1] overlaps
/// that span is purged. Starting the span at the first test label's end instead (a known bug) keeps
/// training rows whose labels were still open when the test began — they have seen test-period prices.
/// </summary>
public static class PurgedWalkForward
{
    /// <param name="start">t0 per row (sorted ascending).</param>
    /// <param name="end">t1 per row.</param>
    public static IReadOnlyList<Fold> Split(ReadOnlySpan<long> start, ReadOnlySpan<long> end, WalkForwardOptions options)
    {
        options.Validate();
        var n = start.Length;
        if (end.Length != n) throw new ArgumentException("start and end must have the same length.");
        if (n <= options.MinTrain)
            throw new ArgumentException($"Walk-forward needs more than MinTrain = {options.MinTrain} rows; the dataset has {n}.");
        var remaining = n - options.MinTrain;
        var testSize = options.TestSize > 0 ? options.TestSize : remaining / options.Folds;
        if (testSize < 1) throw new ArgumentException($"{remaining} rows after the first training window cannot make {options.Folds} test folds.");
        var folds = new List<Fold>(options.Folds);
        for (var k = 0; k < options.Folds; k++)
        {
            var testFrom = options.MinTrain + k * testSize;
            if (testFrom >= n) break;
            // The last fold takes the remainder when blocks were computed from Folds.
            var testTo = options.TestSize == 0 && k == options.Folds - 1 ? n : Math.Min(n, testFrom + testSize);
            var trainFrom = options.Mode == WindowMode.Rolling ? Math.Max(0, testFrom - options.MinTrain) : 0;
            folds.Add(Make(k, start, end, trainFrom, testFrom, testTo, options));
        }
        return folds;
    }

    private static Fold Make(int index, ReadOnlySpan<long> start, ReadOnlySpan<long> end, int trainFrom, int testFrom, int testTo,
        WalkForwardOptions options)
    {
        var (spanStart, spanEnd) = TestSpan(start, end, testFrom, testTo);
        var train = new List<int>(testFrom - trainFrom);
        var purged = 0;
        for (var j = trainFrom; j < testFrom; j++)
        {
            if (options.Purge && Overlaps(start[j], end[j], spanStart, spanEnd)) { purged++; continue; }
            train.Add(j);
        }
        var embargoed = Math.Min(options.Embargo, train.Count);
        if (embargoed > 0) train.RemoveRange(train.Count - embargoed, embargoed);
        var test = new int[testTo - testFrom];
        for (var k = 0; k < test.Length; k++) test[k] = testFrom + k;
        return new Fold(index, train.ToArray(), test, purged, embargoed);
    }

    /// <summary>The test span: first test label's t0 through the latest test label's t1.</summary>
    public static (long Start, long End) TestSpan(ReadOnlySpan<long> start, ReadOnlySpan<long> end, int testFrom, int testTo)
    {
        long s = long.MaxValue, e = long.MinValue;
        for (var k = testFrom; k < testTo; k++)
        {
            if (start[k] < s) s = start[k];
            if (end[k] > e) e = end[k];
        }
        return (s, e);
    }

    /// <summary>Closed intervals [a0, a1] and [b0, b1] share at least one instant.</summary>
    public static bool Overlaps(long a0, long a1, long b0, long b1) => a0 <= b1 && a1 >= b0;

    /// <summary>Row indices of <paramref name="train"/> whose label interval overlaps the span of <paramref name="test"/> (should be none).</summary>
    public static int[] Leaks(ReadOnlySpan<long> start, ReadOnlySpan<long> end, IReadOnlyList<int> train, IReadOnlyList<int> test)
    {
        long s = long.MaxValue, e = long.MinValue;
        foreach (var k in test) { s = Math.Min(s, start[k]); e = Math.Max(e, end[k]); }
        var leaks = new List<int>();
        foreach (var j in train) if (Overlaps(start[j], end[j], s, e)) leaks.Add(j);
        return leaks.ToArray();
    }
}
