using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform3.Core.Errors;

namespace Platform3.AI.Inference;

/// <summary>
/// Serves an ONNX model through one shared <see cref="InferenceSession"/> (its Run is thread-safe), using
/// the OrtValue API: single-row calls rent a slot whose input and output OrtValues wrap pinned, reused
/// buffers, so the hot path does not allocate tensors. The model must take one float tensor [N, F] and
/// produce a float tensor [N, W] (class probabilities, or one regression value).
/// </summary>
public sealed class OnnxPredictor : IPredictor
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames, _outputNames;
    private readonly ObjectPool<Slot> _pool;

    public int FeatureCount { get; }
    public int OutputWidth { get; }
    public string Runtime => "onnxruntime";
    public string InputName => _inputNames[0];
    public string OutputName => _outputNames[0];

    private OnnxPredictor(InferenceSession session, string input, string output, int featureCount, int outputWidth)
    {
        _session = session;
        _inputNames = [input];
        _outputNames = [output];
        FeatureCount = featureCount;
        OutputWidth = outputWidth;
        _pool = new ObjectPool<Slot>(() => new Slot(featureCount, outputWidth));
    }

    /// <summary>
    /// Opens an ONNX file and checks it against the expected shape. <paramref name="input"/> and
    /// <paramref name="output"/> default to the model's first input and its first float output.
    /// </summary>
    public static OnnxPredictor Load(string path, int? featureCount = null, int? outputWidth = null, string? input = null,
        string? output = null, int intraOpThreads = 1) =>
        Open(path, options => new InferenceSession(path, options), featureCount, outputWidth, input, output, intraOpThreads);

    /// <summary>Opens an in-memory ONNX model (e.g. one exported on load); <paramref name="name"/> labels errors.</summary>
    public static OnnxPredictor Load(byte[] model, string name, int? featureCount = null, int? outputWidth = null, string? input = null,
        string? output = null, int intraOpThreads = 1) =>
        Open(name, options => new InferenceSession(model, options), featureCount, outputWidth, input, output, intraOpThreads);

    private static OnnxPredictor Open(string path, Func<SessionOptions, InferenceSession> create, int? featureCount, int? outputWidth,
        string? input, string? output, int intraOpThreads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        InferenceSession session;
        try
        {
            session = create(options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new DataException($"{path}: not a loadable ONNX model: {ex.Message}", ex);
        }
        try
        {
            var (inName, inMeta) = Pick(session.InputMetadata, input, "input", path);
            var (outName, outMeta) = Pick(session.OutputMetadata, output, "output", path, requireFloatTensor: true);
            if (inMeta.ElementDataType != TensorElementType.Float || inMeta.Dimensions.Length != 2)
                throw new DataException($"{path}: input '{inName}' must be a float tensor [N, features]; it is {inMeta.ElementDataType} with {inMeta.Dimensions.Length} dimension(s).");
            var width = inMeta.Dimensions[1];
            if (width <= 0) throw new DataException($"{path}: input '{inName}' must declare its feature count (second dimension), not a symbolic size.");
            if (featureCount is { } f && f != width)
                throw new DataException($"{path}: input '{inName}' takes {width} features but the signature lists {f}.");
            var outWidth = outMeta.Dimensions.Length == 2 && outMeta.Dimensions[1] > 0 ? outMeta.Dimensions[1]
                : outMeta.Dimensions.Length == 1 ? 1 : outputWidth ?? -1;
            if (outWidth <= 0) throw new DataException($"{path}: output '{outName}' has no fixed width; expected [N, classes] or [N, 1].");
            if (outputWidth is { } w && w != outWidth)
                throw new DataException($"{path}: output '{outName}' has width {outWidth}, expected {w} (classes, or 1 for regression).");
            return new OnnxPredictor(session, inName, outName, width, outWidth);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static (string, NodeMetadata) Pick(IReadOnlyDictionary<string, NodeMetadata> nodes, string? wanted, string what, string path,
        bool requireFloatTensor = false)
    {
        if (wanted is not null)
        {
            if (nodes.TryGetValue(wanted, out var m)) return (wanted, m);
            throw new DataException($"{path}: the model has no {what} named '{wanted}' (it has: {string.Join(", ", nodes.Keys)}).");
        }
        foreach (var (name, meta) in nodes)
            if (!requireFloatTensor || (meta.IsTensor && meta.ElementDataType == TensorElementType.Float)) return (name, meta);
        throw new DataException($"{path}: the model has no float tensor {what} (it has: {string.Join(", ", nodes.Keys)}). " +
                                "Export classifiers without a ZipMap so probabilities are a tensor.");
    }

    public void Predict(ReadOnlySpan<float> features, Span<float> output)
    {
        if (features.Length != FeatureCount) throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.");
        var slot = _pool.Rent();
        try
        {
            features.CopyTo(slot.Input);
            _session.Run(_runOptions, _inputNames, slot.Inputs, _outputNames, slot.Outputs);
            slot.Output.AsSpan(0, OutputWidth).CopyTo(output);
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    public void PredictBatch(ReadOnlyMemory<float> features, int rows, Memory<float> output)
    {
        if (features.Length != rows * FeatureCount) throw new ArgumentException($"Expected {rows} × {FeatureCount} features.");
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(features), [rows, FeatureCount]);
        using var outValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output[..(rows * OutputWidth)], [rows, OutputWidth]);
        _session.Run(_runOptions, _inputNames, [input], _outputNames, [outValue]);
    }

    public void Dispose()
    {
        foreach (var s in _pool.Drain()) s.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>Reusable pinned buffers and the OrtValues over them, for one call at a time.</summary>
    private sealed class Slot : IDisposable
    {
        public readonly float[] Input, Output;
        public readonly OrtValue[] Inputs, Outputs;

        public Slot(int features, int width)
        {
            Input = new float[features];
            Output = new float[width];
            Inputs = [OrtValue.CreateTensorValueFromMemory(Input, [1, features])];
            Outputs = [OrtValue.CreateTensorValueFromMemory(Output, [1, width])];
        }

        public void Dispose()
        {
            Inputs[0].Dispose();
            Outputs[0].Dispose();
        }
    }
}
