namespace Platform3.AI.Training.Metrics;

/// <summary>
/// Classification metrics from class probabilities (row-major, n × K). The predicted class is the most
/// probable one. Brier is (p − y)² on the positive class for two classes, and Σ_k (p_k − y_k)² for more.
/// AUC is the Mann-Whitney statistic with tied scores counted half (macro one-vs-rest for K &gt; 2).
/// </summary>
public static class ClassificationMetrics
{
    public const double ProbabilityFloor = 1e-15;

    public static MetricSet Compute(ReadOnlySpan<int> truth, ReadOnlySpan<float> probabilities, int classCount,
        IReadOnlyList<string>? classNames = null)
    {
        var n = truth.Length;
        if (probabilities.Length != n * classCount) throw new ArgumentException("Probabilities must be n × K.");
        var m = new MetricSet();
        m.Add("count", n);
        if (n == 0) return m;

        var correct = 0;
        var confusion = new int[classCount, classCount]; // [truth, predicted]
        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var p = probabilities.Slice(i * classCount, classCount);
            var pred = ArgMax(p);
            var y = truth[i];
            if (pred == y) correct++;
            confusion[y, pred]++;
            logLoss -= Math.Log(Math.Clamp(p[y], ProbabilityFloor, 1.0));
            if (classCount == 2)
            {
                var d = p[1] - (y == 1 ? 1.0 : 0.0);
                brier += d * d;
            }
            else
            {
                for (var k = 0; k < classCount; k++)
                {
                    var d = p[k] - (k == y ? 1.0 : 0.0);
                    brier += d * d;
                }
            }
        }
        m.Add("accuracy", (double)correct / n);

        double recallSum = 0; var present = 0;
        var precision = new double[classCount];
        var recall = new double[classCount];
        for (var k = 0; k < classCount; k++)
        {
            int tp = confusion[k, k], actual = 0, predicted = 0;
            for (var j = 0; j < classCount; j++) { actual += confusion[k, j]; predicted += confusion[j, k]; }
            recall[k] = actual == 0 ? double.NaN : (double)tp / actual;
            precision[k] = predicted == 0 ? double.NaN : (double)tp / predicted;
            if (actual > 0) { recallSum += recall[k]; present++; }
        }
        m.Add("balanced_accuracy", present == 0 ? double.NaN : recallSum / present);
        m.Add("auc", classCount == 2 ? Auc(truth, probabilities, classCount, 1) : MacroAuc(truth, probabilities, classCount));
        m.Add("log_loss", logLoss / n);
        m.Add("brier", brier / n);
        for (var k = 0; k < classCount; k++)
        {
            var name = classNames is not null && k < classNames.Count ? classNames[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            m.Add($"precision[{name}]", precision[k]);
            m.Add($"recall[{name}]", recall[k]);
        }
        return m;
    }

    public static int ArgMax(ReadOnlySpan<float> p)
    {
        var best = 0;
        for (var k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    private static double MacroAuc(ReadOnlySpan<int> truth, ReadOnlySpan<float> probabilities, int classCount)
    {
        double sum = 0; var count = 0;
        for (var k = 0; k < classCount; k++)
        {
            var a = Auc(truth, probabilities, classCount, k);
            if (double.IsNaN(a)) continue;
            sum += a; count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>One-vs-rest AUC of class <paramref name="positive"/>; NaN when only one side is present.</summary>
    public static double Auc(ReadOnlySpan<int> truth, ReadOnlySpan<float> probabilities, int classCount, int positive)
    {
        var n = truth.Length;
        var scores = new double[n];
        var isPos = new bool[n];
        for (var i = 0; i < n; i++) { scores[i] = probabilities[i * classCount + positive]; isPos[i] = truth[i] == positive; }
        return Auc(scores, isPos);
    }

    public static double Auc(double[] scores, bool[] isPositive)
    {
        var ranks = Ranking.AverageRanks(scores);
        double rankSum = 0; long pos = 0;
        for (var i = 0; i < scores.Length; i++)
            if (isPositive[i]) { rankSum += ranks[i]; pos++; }
        long neg = scores.Length - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }
}
