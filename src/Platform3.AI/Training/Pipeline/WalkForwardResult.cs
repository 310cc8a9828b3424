using Platform3.AI.Training.Metrics;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Training.Pipeline;

/// <summary>What one outer fold produced: sizes, time spans, chosen parameters, the model's and the baselines' metrics.</summary>
public sealed record FoldResult
{
    public required int Index { get; init; }
    public required int TrainRows { get; init; }
    public required int TestRows { get; init; }
    public required int Purged { get; init; }
    public required int Embargoed { get; init; }
    public required long TrainFromTicks { get; init; }
    public required long TrainToTicks { get; init; }
    public required long TestFromTicks { get; init; }
    public required long TestToTicks { get; init; }
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }
    public required MetricSet Model { get; init; }
    public required IReadOnlyDictionary<string, MetricSet> Baselines { get; init; }
    public required TimeSpan Duration { get; init; }
}

/// <summary>Out-of-sample predictions: each test row once, with its fold, in time order.</summary>
public sealed class OutOfSample
{
    public required int[] Rows { get; init; }
    public required int[] Fold { get; init; }
    /// <summary>Row-major, Rows.Length × Width (class probabilities, or one regression value).</summary>
    public required float[] Predictions { get; init; }
    public required int Width { get; init; }
    public required IReadOnlyDictionary<string, float[]> Baselines { get; init; }

    public ReadOnlySpan<float> At(int k) => Predictions.AsSpan(k * Width, Width);
}

public sealed class WalkForwardResult
{
    public required IReadOnlyList<FoldResult> Folds { get; init; }
    public required MetricSet Overall { get; init; }
    public required IReadOnlyDictionary<string, MetricSet> BaselineOverall { get; init; }
    public required OutOfSample OutOfSample { get; init; }
    /// <summary>The model to register (null when not requested), fitted with <see cref="FinalSpec"/>.</summary>
    public TrainedModel? FinalModel { get; init; }
    public required TrainerSpec FinalSpec { get; init; }
    /// <summary>Rows the final model was trained on.</summary>
    public int FinalTrainRows { get; init; }
    /// <summary>Feature importance of the final model (or of the last fold's model), summing to 1.</summary>
    public required IReadOnlyList<double> FeatureImportance { get; init; }
    public required TimeSpan Duration { get; init; }
}
