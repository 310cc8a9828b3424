namespace Platform3.AI.Inference;

/// <summary>
/// A loaded model that turns feature vectors into outputs (class probabilities, or one regression value).
/// Implementations are thread-safe: any number of threads may call Predict concurrently.
/// </summary>
public interface IPredictor : IDisposable
{
    int FeatureCount { get; }
    /// <summary>Values per row: the class count, or 1 for regression.</summary>
    int OutputWidth { get; }
    string Runtime { get; }

    /// <summary>Scores one row into <paramref name="output"/> (length OutputWidth). Does not allocate on the hot path.</summary>
    void Predict(ReadOnlySpan<float> features, Span<float> output);

    /// <summary>Scores <paramref name="rows"/> row-major rows into <paramref name="output"/> (rows × OutputWidth).</summary>
    void PredictBatch(ReadOnlyMemory<float> features, int rows, Memory<float> output);
}
