using Platform3.AI.Registry;
using Platform3.AI.Training;
using Platform3.Core.Errors;

namespace Platform3.AI.Inference.Onnx;

/// <summary>
/// Registers a model trained outside Platform3 (e.g. in Python) from an ONNX file: opens it with ONNX
/// Runtime, checks its input width against the feature set's columns and its output against the task,
/// then registers it with a signature naming the feature set and tensors.
/// </summary>
public static class OnnxImporter
{
    public static ModelVersion Import(ModelRegistry registry, string onnxFile, string name, string featureSet, string? featureSetHash,
        IReadOnlyList<string> inputs, TaskKind task, IReadOnlyList<double> classValues, string? inputTensor = null, string? outputTensor = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        if (!File.Exists(onnxFile)) throw new UsageException($"ONNX file not found: {onnxFile}");
        if (task != TaskKind.Regression && classValues.Count < 2) throw new UsageException("A classifier needs at least two class values.");
        var width = task == TaskKind.Regression ? 1 : classValues.Count;
        string input, output;
        using (var p = OnnxPredictor.Load(onnxFile, inputs.Count, width, inputTensor, outputTensor))
        {
            input = p.InputName;
            output = p.OutputName;
            // A smoke prediction: the model must run and give finite outputs on a zero vector.
            var o = new float[width];
            p.Predict(new float[inputs.Count], o);
            if (o.Any(v => !float.IsFinite(v))) throw new DataException($"{onnxFile}: the model returned non-finite outputs on a zero input.");
        }
        var signature = new ModelSignature
        {
            FeatureSet = featureSet, FeatureSetHash = featureSetHash, Inputs = inputs, Task = task,
            ClassValues = task == TaskKind.Regression ? [] : classValues, OnnxInput = input, OnnxOutput = output,
        };
        var allTags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>()) { ["source"] = "onnx-import" };
        return registry.Register(name, onnxFile, ArtifactFormat.Onnx, signature, runId: null, tags: allTags,
            description: $"imported from {Path.GetFileName(onnxFile)}");
    }
}
