using Platform3.AI.Inference.Native;
using Platform3.AI.Inference.Onnx;
using Platform3.AI.Registry;
using Platform3.AI.Training;
using Platform3.Core.Errors;

namespace Platform3.AI.Inference;

/// <summary>
/// Opens a registered version for serving, after the registry has verified the artifact's SHA-256. By default
/// an ML.NET tree model is compiled to the native evaluator and served natively only if it reproduces ML.NET's
/// outputs on the probe batch; any other shape, or any difference, falls back to ML.NET with a logged reason.
/// </summary>
public static class ModelLoader
{
    public static IPredictor Load(ModelRegistry registry, ModelVersion version, int onnxThreads = 1) =>
        Load(registry, version, InferenceOptions.Default with { OnnxThreads = onnxThreads });

    public static IPredictor Load(ModelRegistry registry, ModelVersion version, InferenceOptions options)
    {
        var path = registry.VerifiedArtifactPath(version);
        var sig = version.Signature;
        if (version.Format != ArtifactFormat.MlNet)
        {
            if (options.Runtime is ServingRuntime.Native or ServingRuntime.MlNet)
                throw new UsageException($"{version.Ref} is an ONNX artifact; it can only be served by ONNX Runtime (runtime auto or onnx).");
            options.Log?.Invoke($"{version.Ref}: onnxruntime");
            return OnnxPredictor.Load(path, sig.Inputs.Count, sig.OutputWidth, sig.OnnxInput, sig.OnnxOutput, options.OnnxThreads);
        }
        var mlnet = MlNetPredictor.Load(path, sig.Task, sig.Inputs.Count, sig.OutputWidth);
        try
        {
            switch (options.Runtime)
            {
                case ServingRuntime.MlNet:
                    options.Log?.Invoke($"{version.Ref}: ml.net (requested)");
                    return mlnet;
                case ServingRuntime.Onnx:
                {
                    if (!OnnxExporter.TryExport(mlnet.Transformer, sig.Task, sig.Inputs.Count, out var onnx, out var output, out var why))
                        throw new UsageException($"{version.Ref} cannot be served by ONNX Runtime: {why}.");
                    mlnet.Dispose();
                    options.Log?.Invoke($"{version.Ref}: onnxruntime (exported on load)");
                    return OnnxPredictor.Load(onnx, version.Ref, sig.Inputs.Count, sig.OutputWidth, OnnxExporter.InputName, output, options.OnnxThreads);
                }
                default:
                {
                    var native = TryNative(mlnet, sig.Task, sig.Inputs.Count, sig.OutputWidth, options.NativeBatchThreads, out var why);
                    if (native is not null)
                    {
                        mlnet.Dispose();
                        options.Log?.Invoke($"{version.Ref}: native ({native.Model.Describe()}; equal to ML.NET on {NativeVerifier.RandomRows + 2} probe rows)");
                        return native;
                    }
                    if (options.Runtime == ServingRuntime.Native)
                        throw new DataException($"{version.Ref} cannot be served natively: {why}.");
                    options.Log?.Invoke($"{version.Ref}: ml.net (native evaluator not used: {why})");
                    return mlnet;
                }
            }
        }
        catch
        {
            mlnet.Dispose();
            throw;
        }
    }

    /// <summary>Compiles and verifies against <paramref name="reference"/>; null with a reason when either fails.</summary>
    public static NativePredictor? TryNative(MlNetPredictor reference, TaskKind task, int featureCount, int outputWidth, int batchThreads,
        out string? reason)
    {
        if (!NativeCompiler.TryCompile(reference.Transformer, task, featureCount, outputWidth, out var model, out reason)) return null;
        var native = new NativePredictor(model!, batchThreads);
        var mismatch = NativeVerifier.Verify(native, reference);
        if (mismatch is null) return native;
        reason = $"differs from ML.NET on {mismatch}";
        return null;
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
