namespace Platform3.AI.Training.Baselines;

/// <summary>
/// The move continues: classification conditions the class frequencies on the sign of the past return
/// over the label horizon; regression predicts the past return itself.
/// </summary>
public sealed class MomentumBaseline : IBaseline
{
    public string Name => "momentum";

    public float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test)
    {
        if (data.Task == TaskKind.Regression)
            return test.Select(i => double.IsNaN(data.PastReturn[i]) ? 0f : (float)data.PastReturn[i]).ToArray();
        return ConditionalFrequencies.Predict(data, train, test, i => ConditionalFrequencies.SignKey(data.PastReturn[i]), 3);
    }
}
