namespace Platform3.AI.Training.Baselines;

/// <summary>Predicts the training fold's class frequencies for every row (its hard call is the majority class).</summary>
public sealed class MajorityBaseline : IBaseline
{
    public string Name => "majority";

    public float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test) =>
        ConditionalFrequencies.Predict(data, train, test, _ => 0, 1);
}

/// <summary>Regression: always predicts a zero return.</summary>
public sealed class ZeroBaseline : IBaseline
{
    public string Name => "zero";

    public float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test) => new float[test.Count];
}
