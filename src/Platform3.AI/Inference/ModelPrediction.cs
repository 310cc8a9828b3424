namespace Platform3.AI.Inference;

/// <summary>
/// One prediction as the decision engine consumes it: which model version produced it (name@version),
/// the class probabilities in the order of <see cref="ClassValues"/> (empty for regression), the most
/// probable class's value, and the expected value Σ p_k·value_k (for −1/+1 classes: P(up) − P(down);
/// for regression: the predicted value).
/// </summary>
public sealed record ModelPrediction(string Model, IReadOnlyList<float> Probabilities, IReadOnlyList<double> ClassValues,
    double PredictedClassValue, double ExpectedValue)
{
    public float ProbabilityOf(double classValue)
    {
        for (var k = 0; k < ClassValues.Count; k++) if (ClassValues[k] == classValue) return Probabilities[k];
        return float.NaN;
    }
}

/// <summary>The allocation-free summary of a prediction written into a caller's buffer.</summary>
public readonly record struct PredictionInfo(int Version, int PredictedClass, double ExpectedValue);
