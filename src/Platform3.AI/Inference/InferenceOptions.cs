using Platform3.Core.Errors;

namespace Platform3.AI.Inference;

/// <summary>Which runtime serves a model.</summary>
public enum ServingRuntime
{
    /// <summary>ML.NET tree models natively when they compile and verify, else ML.NET; ONNX artifacts with ONNX Runtime.</summary>
    Auto,
    /// <summary>Platform3's native tree evaluator; loading fails if the model cannot be compiled or verified.</summary>
    Native,
    /// <summary>ML.NET's pooled prediction engines.</summary>
    MlNet,
    /// <summary>ONNX Runtime (ML.NET artifacts are exported to ONNX on load).</summary>
    Onnx,
}

/// <summary>How the inference engine loads models.</summary>
public sealed record InferenceOptions
{
    public static readonly InferenceOptions Default = new();

    public ServingRuntime Runtime { get; init; } = ServingRuntime.Auto;
    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int OnnxThreads { get; init; } = 1;
    /// <summary>Cores a native batch may use (0 = all).</summary>
    public int NativeBatchThreads { get; init; }
    /// <summary>Receives one line per load saying which runtime serves the model and, on a fallback, why.</summary>
    public Action<string>? Log { get; init; }

    public static readonly IReadOnlyList<string> RuntimeNames = ["auto", "native", "mlnet", "onnx"];

    public static ServingRuntime ParseRuntime(string text) => text.ToLowerInvariant() switch
    {
        "auto" => ServingRuntime.Auto,
        "native" => ServingRuntime.Native,
        "mlnet" or "ml.net" => ServingRuntime.MlNet,
        "onnx" or "onnxruntime" => ServingRuntime.Onnx,
        _ => throw new UsageException($"Unknown runtime '{text}'; expected one of {string.Join(", ", RuntimeNames)}."),
    };
}
