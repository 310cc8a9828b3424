using Platform3.AI.Registry;
using Platform3.AI.Training;

namespace Platform3.AI.Inference;

/// <summary>Opens a registered version for serving, after the registry has verified the artifact's SHA-256.</summary>
public static class ModelLoader
{
    public static IPredictor Load(ModelRegistry registry, ModelVersion version, int onnxThreads = 1)
    {
        var path = registry.VerifiedArtifactPath(version);
        var sig = version.Signature;
        return version.Format switch
        {
            ArtifactFormat.MlNet => MlNetPredictor.Load(path, sig.Task, sig.Inputs.Count, sig.OutputWidth),
            _ => OnnxPredictor.Load(path, sig.Inputs.Count, sig.OutputWidth, sig.OnnxInput, sig.OnnxOutput, onnxThreads),
        };
    }

    /// <summary>Σ p_k·value_k, or the regression value itself.</summary>
    public static double ExpectedValue(TaskKind task, IReadOnlyList<double> classValues, ReadOnlySpan<float> output)
    {
        if (task == TaskKind.Regression) return output[0];
        double ev = 0;
        for (var k = 0; k < output.Length; k++) ev += output[k] * classValues[k];
        return ev;
    }
}
