using Platform3.AI.Features;
using Platform3.AI.Labels;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Training;

/// <summary>How many rows each step of a dataset build kept or removed, so nothing disappears silently.</summary>
public sealed record DatasetReport(string Symbol, int Bars, int WarmUpExcluded, int FeatureRows, int UnresolvedLabels, int DeadZone,
    int NonFinite, int Rows, IReadOnlyDictionary<string, int> ClassCounts, int NoPrimaryBet = 0)
{
    public override string ToString() =>
        $"{Symbol}: {FeatureRows} feature rows (warm-up excluded {WarmUpExcluded}), " +
        (NoPrimaryBet > 0 ? $"no primary bet {NoPrimaryBet}, " : "") + $"unresolved labels {UnresolvedLabels}, " +
        $"dead zone {DeadZone}, non-finite {NonFinite} → {Rows} rows " +
        $"[{string.Join(", ", ClassCounts.Select(c => $"{c.Key} {c.Value}"))}]";
}

/// <summary>
/// Joins a feature frame with labels computed on the same bars (by bar open time) into a <see cref="Dataset"/>.
/// Binary tasks drop dead-zone (flat) labels; multiclass keeps them as a class; regression uses the label's
/// value. Meta-labels (binary: 1 when the primary's bet paid, 0 when not, classes [0, 1]) keep only the rows
/// where the primary bets. Every dropped row is counted in the <see cref="DatasetReport"/>.
/// </summary>
public static class DatasetBuilder
{
    public static (Dataset Data, DatasetReport Report) Build(FeatureFrame frame, BarSeries bars, LabelSpec spec, TaskKind task,
        double pipSize, bool uniquenessWeights, FxCalendar? calendar = null, sbyte[]? primarySide = null)
    {
        var meta = spec.Kind == LabelKind.MetaLabel;
        if (meta && (task != TaskKind.Binary || primarySide is null || primarySide.Length != bars.Count))
            throw new ArgumentException("Meta-labels are binary and need the primary signal's side at every bar.");
        var labels = meta ? MetaLabeler.Build(bars, primarySide!, spec, calendar) : Labeler.Build(bars, spec, pipSize, calendar);
        var weights = uniquenessWeights ? SampleUniqueness.Weights(labels) : null;
        var forward = spec.Kind == LabelKind.ForwardVolatility ? Labeler.ForwardReturn(bars, spec.Horizon, calendar) : labels;
        var width = frame.Width;
        var rows = new List<int>(frame.Count);
        var barIndex = new List<int>(frame.Count);
        int unresolved = 0, deadZone = 0, nonFinite = 0, noBet = 0;
        for (var r = 0; r < frame.Count; r++)
        {
            var i = bars.LowerBound(frame.BarTime[r]);
            if (i >= bars.Count || bars.Time[i] != frame.BarTime[r])
                throw new InvalidOperationException($"Feature row {r} ({new DateTime(frame.BarTime[r], DateTimeKind.Utc):u}) has no bar.");
            if (meta && primarySide![i] == 0) { noBet++; continue; }
            if (!labels.Valid[i]) { unresolved++; continue; }
            if (task == TaskKind.Binary && !meta && labels.Side[i] == 0) { deadZone++; continue; }
            var finite = true;
            foreach (var v in frame.Row(r)) finite &= double.IsFinite(v);
            if (!finite) { nonFinite++; continue; }
            rows.Add(r);
            barIndex.Add(i);
        }
        var n = rows.Count;
        var x = new float[n * width];
        var barTime = new long[n]; var start = new long[n]; var end = new long[n];
        var cls = new int[n]; var target = new double[n]; var outcome = new double[n]; var past = new double[n]; var w = new double[n];
        IReadOnlyList<double> classValues = meta ? [0.0, 1.0] : task switch
        {
            TaskKind.Binary => [-1.0, 1.0],
            TaskKind.Multiclass => [-1.0, 0.0, 1.0],
            _ => [],
        };
        for (var k = 0; k < n; k++)
        {
            var r = rows[k];
            var i = barIndex[k];
            var src = frame.Row(r);
            for (var f = 0; f < width; f++) x[k * width + f] = (float)src[f];
            barTime[k] = bars.Time[i];
            start[k] = labels.StartTicks[i];
            end[k] = labels.EndTicks[i];
            var side = labels.Side[i];
            cls[k] = task == TaskKind.Binary ? (side > 0 ? 1 : 0) : task == TaskKind.Multiclass ? side + 1 : 0; // meta: side is 1 or 0
            target[k] = task == TaskKind.Regression ? labels.Value[i] : double.NaN;
            outcome[k] = forward.Valid[i] ? forward.Value[i] : double.NaN;
            past[k] = i >= spec.Horizon ? Math.Log(bars.Close[i] / bars.Close[i - spec.Horizon]) : double.NaN;
            w[k] = weights?[i] ?? 1.0;
        }
        var names = ClassNames.For(classValues);
        var counts = task == TaskKind.Regression
            ? new Dictionary<string, int> { ["rows"] = n }
            : Enumerable.Range(0, classValues.Count).ToDictionary(c => names[c], c => cls.Count(v => v == c));
        var data = new Dataset(task, frame.Names, x, barTime, start, end, cls, target, outcome, past, w, classValues,
            Enumerable.Repeat(frame.Symbol, n).ToArray());
        return (data, new DatasetReport(frame.Symbol, bars.Count, frame.WarmUpExcluded, frame.Count, unresolved, deadZone, nonFinite, n, counts, noBet));
    }

    /// <summary>Pools several symbols' datasets into one, ordered by t0 (purging then works across symbols on time).</summary>
    public static Dataset Merge(IReadOnlyList<Dataset> parts)
    {
        if (parts.Count == 1) return parts[0];
        var first = parts[0];
        foreach (var p in parts)
            if (!p.FeatureNames.SequenceEqual(first.FeatureNames) || p.Task != first.Task)
                throw new ArgumentException("Datasets to merge must share features and task.");
        var order = parts.SelectMany((p, pi) => Enumerable.Range(0, p.Count).Select(i => (pi, i)))
            .OrderBy(t => parts[t.pi].Start[t.i]).ThenBy(t => t.pi).ThenBy(t => t.i).ToArray();
        var f = first.FeatureCount;
        var x = new float[order.Length * f];
        T[] Pick<T>(Func<Dataset, T[]> col) => order.Select(o => col(parts[o.pi])[o.i]).ToArray();
        for (var k = 0; k < order.Length; k++) parts[order[k].pi].Row(order[k].i).CopyTo(x.AsSpan(k * f, f));
        return new Dataset(first.Task, first.FeatureNames, x, Pick(d => d.BarTime), Pick(d => d.Start), Pick(d => d.End), Pick(d => d.Class),
            Pick(d => d.Target), Pick(d => d.Outcome), Pick(d => d.PastReturn), Pick(d => d.Weight), first.ClassValues, Pick(d => d.Symbol));
    }
}
