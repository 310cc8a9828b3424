using Platform3.AI.Training;

namespace Platform3.AI.Registry;

public enum ArtifactFormat { MlNet, Onnx }

/// <summary>
/// What a model consumes and produces: the feature set (name@version and definitions hash) and the exact
/// ordered input columns, the task and the meaning of each output. ONNX models also name their tensors.
/// </summary>
public sealed record ModelSignature
{
    public required string FeatureSet { get; init; }
    public string? FeatureSetHash { get; init; }
    public required IReadOnlyList<string> Inputs { get; init; }
    public required TaskKind Task { get; init; }
    /// <summary>Class values in output order (e.g. −1, +1); empty for regression.</summary>
    public IReadOnlyList<double> ClassValues { get; init; } = [];
    public IReadOnlyList<string> Symbols { get; init; } = [];
    public string? Timeframe { get; init; }
    /// <summary>Label description (what the model was trained to predict).</summary>
    public string? Label { get; init; }
    public string? OnnxInput { get; init; }
    public string? OnnxOutput { get; init; }

    public int OutputWidth => Task == TaskKind.Regression ? 1 : ClassValues.Count;
}
