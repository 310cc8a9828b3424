namespace Platform3.AI.Training.Metrics;

/// <summary>Regression metrics; "ic" is the Spearman information coefficient between prediction and outcome.</summary>
public static class RegressionMetrics
{
    public static MetricSet Compute(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        var n = truth.Count;
        if (predicted.Count != n) throw new ArgumentException("truth and predicted must have the same length.");
        var m = new MetricSet();
        m.Add("count", n);
        if (n == 0) return m;
        double se = 0, ae = 0, mean = 0, hits = 0, signed = 0;
        for (var i = 0; i < n; i++) mean += truth[i];
        mean /= n;
        double ss = 0;
        for (var i = 0; i < n; i++)
        {
            var d = predicted[i] - truth[i];
            se += d * d; ae += Math.Abs(d);
            ss += (truth[i] - mean) * (truth[i] - mean);
            if (predicted[i] != 0 && truth[i] != 0) { signed++; if (Math.Sign(predicted[i]) == Math.Sign(truth[i])) hits++; }
        }
        m.Add("rmse", Math.Sqrt(se / n));
        m.Add("mae", ae / n);
        m.Add("r2", ss == 0 ? double.NaN : 1 - se / ss);
        m.Add("ic", Ranking.Spearman(predicted, truth));
        m.Add("pearson", Ranking.Pearson(predicted, truth));
        m.Add("hit_rate", signed == 0 ? double.NaN : hits / signed);
        return m;
    }
}
