using Microsoft.ML;
using Microsoft.ML.Data;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Inference;

/// <summary>
/// Serves an ML.NET model. The <see cref="ITransformer"/> is shared (it is thread-safe); PredictionEngines
/// are not, so each call rents one from a pool together with its reusable input and output buffers.
/// Batch scoring goes through the transformer over a features-only data view.
/// </summary>
public sealed class MlNetPredictor : IPredictor
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly TaskKind _task;
    private readonly SchemaDefinition _inputSchema;
    private readonly ObjectPool<Slot> _pool;

    public int FeatureCount { get; }
    public int OutputWidth { get; }
    public string Runtime => "ml.net";
    public ITransformer Transformer => _transformer;
    public TaskKind Task => _task;

    public MlNetPredictor(MLContext ml, ITransformer transformer, TaskKind task, int featureCount, int outputWidth)
    {
        _ml = ml; _transformer = transformer; _task = task;
        FeatureCount = featureCount; OutputWidth = outputWidth;
        _inputSchema = SchemaDefinition.Create(typeof(FeatureInput));
        _inputSchema[nameof(FeatureInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        _pool = new ObjectPool<Slot>(CreateSlot);
        // Build one engine now so a broken model fails at load, not on the first request.
        _pool.Return(CreateSlot());
    }

    public static MlNetPredictor Load(string zipPath, TaskKind task, int featureCount, int outputWidth)
    {
        var ml = new MLContext(0);
        using var s = File.OpenRead(zipPath);
        var transformer = ml.Model.Load(s, out _);
        return new MlNetPredictor(ml, transformer, task, featureCount, outputWidth);
    }

    public static MlNetPredictor From(TrainedModel model) =>
        new(model.Context, model.Transformer, model.Task, model.FeatureNames.Count, model.OutputWidth);

    public void Predict(ReadOnlySpan<float> features, Span<float> output)
    {
        if (features.Length != FeatureCount) throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.");
        var slot = _pool.Rent();
        try
        {
            features.CopyTo(slot.Input.Features);
            slot.Run(output);
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    public void PredictBatch(ReadOnlyMemory<float> features, int rows, Memory<float> output)
    {
        if (features.Length != rows * FeatureCount) throw new ArgumentException($"Expected {rows} × {FeatureCount} features.");
        var scores = ModelScorer.Score(_transformer, new FeaturesDataView(features, rows, FeatureCount), _task, OutputWidth);
        scores.AsSpan().CopyTo(output.Span);
    }

    private Slot CreateSlot()
    {
        var input = new FeatureInput { Features = new float[FeatureCount] };
        return _task switch
        {
            TaskKind.Binary => new BinarySlot(_ml.Model.CreatePredictionEngine<FeatureInput, BinaryOutput>(_transformer, inputSchemaDefinition: _inputSchema), input),
            TaskKind.Multiclass => new MulticlassSlot(_ml.Model.CreatePredictionEngine<FeatureInput, MulticlassOutput>(_transformer, inputSchemaDefinition: _inputSchema), input),
            _ => new RegressionSlot(_ml.Model.CreatePredictionEngine<FeatureInput, RegressionOutput>(_transformer, inputSchemaDefinition: _inputSchema), input),
        };
    }

    public void Dispose()
    {
        foreach (var slot in _pool.Drain()) slot.Dispose();
    }

    internal sealed class FeatureInput
    {
        public float[] Features = [];
    }

    internal sealed class BinaryOutput
    {
        public float Probability;
    }

    internal sealed class MulticlassOutput
    {
        public float[] Score = [];
    }

    internal sealed class RegressionOutput
    {
        public float Score;
    }

    private abstract class Slot(FeatureInput input) : IDisposable
    {
        public FeatureInput Input { get; } = input;
        public abstract void Run(Span<float> output);
        public abstract void Dispose();
    }

    private sealed class BinarySlot(PredictionEngine<FeatureInput, BinaryOutput> engine, FeatureInput input) : Slot(input)
    {
        private BinaryOutput _out = new();

        public override void Run(Span<float> output)
        {
            engine.Predict(Input, ref _out);
            output[0] = 1 - _out.Probability;
            output[1] = _out.Probability;
        }

        public override void Dispose() => engine.Dispose();
    }

    private sealed class MulticlassSlot(PredictionEngine<FeatureInput, MulticlassOutput> engine, FeatureInput input) : Slot(input)
    {
        private MulticlassOutput _out = new();

        public override void Run(Span<float> output)
        {
            engine.Predict(Input, ref _out);
            _out.Score.AsSpan(0, output.Length).CopyTo(output);
            ModelScorer.Normalise(output);
        }

        public override void Dispose() => engine.Dispose();
    }

    private sealed class RegressionSlot(PredictionEngine<FeatureInput, RegressionOutput> engine, FeatureInput input) : Slot(input)
    {
        private RegressionOutput _out = new();

        public override void Run(Span<float> output)
        {
            engine.Predict(Input, ref _out);
            output[0] = _out.Score;
        }

        public override void Dispose() => engine.Dispose();
    }
}
