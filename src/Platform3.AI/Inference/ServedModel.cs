using System.Diagnostics;
using Platform3.AI.Registry;
using Platform3.AI.Training.Metrics;

namespace Platform3.AI.Inference;

/// <summary>
/// A model reference being served (e.g. day-eurusd@champion). Each request pins the current version for
/// its whole duration, so a hot swap never mixes versions inside one request and never fails one: the old
/// version keeps serving its in-flight requests and is disposed when the last of them finishes.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private Instance _current;

    public ModelRef Reference { get; }
    public LatencyHistogram Latency { get; } = new();
    public ModelVersion Version => Volatile.Read(ref _current).Version;
    public int FeatureCount => Volatile.Read(ref _current).Predictor.FeatureCount;
    public int OutputWidth => Volatile.Read(ref _current).Predictor.OutputWidth;
    public IReadOnlyList<string> Inputs => Version.Signature.Inputs;
    /// <summary>The runtime serving the current version ("native", "ml.net" or "onnxruntime").</summary>
    public string Runtime => Volatile.Read(ref _current).Predictor.Runtime;

    /// <summary>How the current version was loaded: its runtime and, after a fallback, why the native evaluator was not used.</summary>
    public string? LoadNote => Volatile.Read(ref _current).Note;

    internal ServedModel(ModelRef reference, ModelVersion version, IPredictor predictor, string? note = null)
    {
        Reference = reference;
        _current = new Instance(version, predictor, note);
    }

    /// <summary>Scores one row into <paramref name="output"/>; returns the version used and the expected value. No allocation.</summary>
    public PredictionInfo Predict(ReadOnlySpan<float> features, Span<float> output)
    {
        var start = Stopwatch.GetTimestamp();
        var inst = Acquire();
        try
        {
            var w = inst.Predictor.OutputWidth;
            inst.Predictor.Predict(features, output[..w]);
            var sig = inst.Version.Signature;
            var cls = sig.Task == Training.TaskKind.Regression ? 0 : ClassificationMetrics.ArgMax(output[..w]);
            return new PredictionInfo(inst.Version.Version, cls, ModelLoader.ExpectedValue(sig.Task, sig.ClassValues, output[..w]));
        }
        finally
        {
            inst.Release();
            Latency.RecordTicks(Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Scores one row and returns a self-describing prediction (allocates the result).</summary>
    public ModelPrediction Predict(ReadOnlySpan<float> features)
    {
        var start = Stopwatch.GetTimestamp();
        var inst = Acquire();
        try
        {
            var buffer = new float[inst.Predictor.OutputWidth];
            inst.Predictor.Predict(features, buffer);
            return Describe(inst.Version, buffer);
        }
        finally
        {
            inst.Release();
            Latency.RecordTicks(Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Scores a batch with one version; returns that version.</summary>
    public ModelVersion PredictBatch(ReadOnlyMemory<float> features, int rows, Memory<float> output)
    {
        var inst = Acquire();
        try
        {
            inst.Predictor.PredictBatch(features, rows, output);
            return inst.Version;
        }
        finally
        {
            inst.Release();
        }
    }

    public static ModelPrediction Describe(ModelVersion version, float[] output)
    {
        var sig = version.Signature;
        if (sig.Task == Training.TaskKind.Regression)
            return new ModelPrediction(version.Ref, [], [], output[0], output[0]);
        var cls = ClassificationMetrics.ArgMax(output);
        return new ModelPrediction(version.Ref, output, sig.ClassValues, sig.ClassValues[cls],
            ModelLoader.ExpectedValue(sig.Task, sig.ClassValues, output));
    }

    /// <summary>Serves <paramref name="next"/> from now on; the previous version retires after its in-flight requests.</summary>
    internal ModelVersion Swap(ModelVersion version, IPredictor predictor, string? note = null)
    {
        var old = Interlocked.Exchange(ref _current, new Instance(version, predictor, note));
        old.Release(); // drop the server's own reference
        return old.Version;
    }

    private Instance Acquire()
    {
        while (true)
        {
            var inst = Volatile.Read(ref _current);
            if (inst.TryAddRef()) return inst;
            // It retired between the read and the add-ref: the new one is already published.
        }
    }

    public void Dispose() => Volatile.Read(ref _current).Release();

    /// <summary>A version with a reference count; the server holds one reference until it swaps the version out.</summary>
    private sealed class Instance(ModelVersion version, IPredictor predictor, string? note)
    {
        private int _refs = 1;
        public ModelVersion Version { get; } = version;
        public IPredictor Predictor { get; } = predictor;
        public string? Note { get; } = note;

        public bool TryAddRef()
        {
            while (true)
            {
                var r = Volatile.Read(ref _refs);
                if (r == 0) return false;
                if (Interlocked.CompareExchange(ref _refs, r + 1, r) == r) return true;
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _refs) == 0) Predictor.Dispose();
        }
    }
}
