using Platform3.AI.Training.Metrics;

namespace Platform3.AI.Tests.Training;

public class MetricsTests
{
    [Fact]
    public void Binary_metrics_match_hand_computed_values()
    {
        int[] y = [0, 0, 1, 1];
        float[] p = [0.9f, 0.1f, 0.6f, 0.4f, 0.35f, 0.65f, 0.2f, 0.8f]; // P(1) = 0.1, 0.4, 0.65, 0.8
        var m = ClassificationMetrics.Compute(y, p, 2, ["down", "up"]);
        Assert.Equal(1.0, m["accuracy"]);
        Assert.Equal(1.0, m["auc"]);
        Assert.Equal(1.0, m["balanced_accuracy"]);
        var ll = -(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.65) + Math.Log(0.8)) / 4;
        Assert.Equal(ll, m["log_loss"], 6);
        var brier = (0.01 + 0.16 + 0.35 * 0.35 + 0.04) / 4;
        Assert.Equal(brier, m["brier"], 6);
        Assert.Equal(1.0, m["precision[up]"]);
    }

    [Fact]
    public void Auc_counts_ties_as_half_and_matches_pairwise_definition()
    {
        double[] s = [0.1, 0.4, 0.4, 0.8, 0.3];
        bool[] pos = [false, true, false, true, true];
        // positives: 0.4, 0.8, 0.3; negatives: 0.1, 0.4. Pairs won: (0.4>0.1)1 (0.4=0.4)0.5 (0.8)2 (0.3>0.1)1 = 4.5 of 6.
        Assert.Equal(4.5 / 6, ClassificationMetrics.Auc(s, pos), 12);
    }

    [Fact]
    public void Balanced_accuracy_averages_recall_per_class()
    {
        int[] y = [0, 0, 0, 1];
        float[] p = [0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f]; // always class 0
        var m = ClassificationMetrics.Compute(y, p, 2);
        Assert.Equal(0.75, m["accuracy"]);
        Assert.Equal(0.5, m["balanced_accuracy"]);
        Assert.True(double.IsNaN(m["precision[1]"]));
        Assert.Equal(0.0, m["recall[1]"]);
    }

    [Fact]
    public void Spearman_is_one_for_monotone_and_handles_ties()
    {
        Assert.Equal(1.0, Ranking.Spearman([1, 2, 3, 4], [10, 20, 35, 100]), 12);
        Assert.Equal(-1.0, Ranking.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        Assert.Equal(new[] { 1.5, 1.5, 3 }, Ranking.AverageRanks([5, 5, 7]));
        var m = RegressionMetrics.Compute([0.1, -0.2, 0.3], [0.2, -0.1, 0.1]);
        Assert.Equal(1.0, m["hit_rate"]);
        Assert.Equal(0.5, m["ic"], 12);
    }

    [Property(MaxTest = 50)]
    public Property Auc_of_reversed_scores_is_one_minus_auc(PositiveInt seed)
    {
        var rng = new Random(seed.Get);
        var s = Enumerable.Range(0, 40).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray();
        var pos = Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToArray();
        var a = ClassificationMetrics.Auc(s, pos);
        var b = ClassificationMetrics.Auc(s.Select(v => -v).ToArray(), pos);
        return (Math.Abs(a + b - 1) < 1e-12).ToProperty();
    }
}
