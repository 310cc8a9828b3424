using Platform3.AI.Training.Metrics;

namespace Platform3.AI.Training.Pipeline;

/// <summary>Metrics of predictions (model or baseline) for rows of a dataset.</summary>
public static class Evaluation
{
    public static MetricSet Evaluate(Dataset data, IReadOnlyList<int> rows, ReadOnlySpan<float> predictions)
    {
        if (data.Task == TaskKind.Regression)
        {
            var truth = rows.Select(i => data.Target[i]).ToArray();
            var pred = new double[rows.Count];
            for (var k = 0; k < pred.Length; k++) pred[k] = predictions[k];
            return RegressionMetrics.Compute(truth, pred);
        }
        var y = rows.Select(i => data.Class[i]).ToArray();
        return ClassificationMetrics.Compute(y, predictions, data.ClassCount, ClassNames.For(data.ClassValues));
    }
}
