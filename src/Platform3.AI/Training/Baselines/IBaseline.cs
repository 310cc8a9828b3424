namespace Platform3.AI.Training.Baselines;

/// <summary>
/// A naive predictor reported beside every model, fitted on the training rows of a fold only. Output has
/// the same shape as a model's: probabilities n × K for classification, one value per row for regression.
/// </summary>
public interface IBaseline
{
    string Name { get; }
    float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test);
}

public static class Baselines
{
    /// <summary>The baselines reported for a task.</summary>
    public static IReadOnlyList<IBaseline> For(TaskKind task) => task == TaskKind.Regression
        ? [new ZeroBaseline(), new MomentumBaseline(), new PersistenceBaseline()]
        : [new MajorityBaseline(), new MomentumBaseline(), new PersistenceBaseline()];
}
