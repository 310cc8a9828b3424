namespace Platform3.AI.Training.Baselines;

/// <summary>
/// The last outcome repeats. "Last" means the label that had most recently RESOLVED by the row's t0
/// (End ≤ Start), not the previous row's label, which is usually still open at t0 and would leak.
/// </summary>
public sealed class PersistenceBaseline : IBaseline
{
    public string Name => "persistence";

    public float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test)
    {
        var last = LastResolved(data);
        if (data.Task == TaskKind.Regression)
            return test.Select(i => last[i] < 0 ? 0f : (float)data.Target[last[i]]).ToArray();
        var k = data.ClassCount;
        // Key: the last resolved class, or k when none had resolved yet.
        return ConditionalFrequencies.Predict(data, train, test, i => last[i] < 0 ? k : data.Class[last[i]], k + 1);
    }

    /// <summary>For each row, the row whose label resolved latest at or before the row's t0 (−1 if none).</summary>
    public static int[] LastResolved(Dataset data)
    {
        var n = data.Count;
        var byEnd = Enumerable.Range(0, n).ToArray();
        Array.Sort(byEnd, (a, b) => data.End[a] != data.End[b] ? data.End[a].CompareTo(data.End[b]) : a.CompareTo(b));
        var result = new int[n];
        var p = 0;
        var best = -1;
        for (var i = 0; i < n; i++) // rows are sorted by Start
        {
            while (p < n && data.End[byEnd[p]] <= data.Start[i]) best = byEnd[p++];
            result[i] = best;
        }
        return result;
    }
}
