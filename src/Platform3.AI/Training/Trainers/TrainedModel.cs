using Microsoft.ML;
using Microsoft.ML.Data;
using Platform3.AI.Common;

namespace Platform3.AI.Training.Trainers;

/// <summary>A fitted ML.NET pipeline with what is needed to score, explain and save it.</summary>
public sealed class TrainedModel
{
    public MLContext Context { get; }
    public ITransformer Transformer { get; }
    public DataViewSchema InputSchema { get; }
    public TaskKind Task { get; }
    public IReadOnlyList<double> ClassValues { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public TrainerSpec Spec { get; }
    public int OutputWidth => Task == TaskKind.Regression ? 1 : ClassValues.Count;

    internal TrainedModel(MLContext context, ITransformer transformer, DataViewSchema inputSchema, TaskKind task,
        IReadOnlyList<double> classValues, IReadOnlyList<string> featureNames, TrainerSpec spec)
    {
        Context = context; Transformer = transformer; InputSchema = inputSchema; Task = task;
        ClassValues = classValues; FeatureNames = featureNames; Spec = spec;
    }

    /// <summary>Scores rows in one batch: probabilities n × K for classification, one value per row for regression.</summary>
    public float[] Score(Dataset data, IReadOnlyList<int> rows) =>
        ModelScorer.Score(Transformer, new MatrixDataView(data, rows as int[] ?? rows.ToArray()), Task, OutputWidth);

    /// <summary>Saves the pipeline as an ML.NET zip, crash-safely.</summary>
    public void Save(string path) => AtomicFile.Write(path, s => Context.Model.Save(Transformer, InputSchema, s));

    /// <summary>
    /// Per-feature importance from the model itself: split gains for tree ensembles, |weight| for linear
    /// models; normalised to sum to 1. Empty when the model exposes none.
    /// </summary>
    public double[] FeatureImportance()
    {
        // Calibrated binary models wrap the ensemble or the linear model.
        var (inner, _) = ModelParts.Unwrap(ModelParts.LastModel(Transformer));
        double[] dense;
        switch (inner)
        {
            case Microsoft.ML.Trainers.FastTree.TreeEnsembleModelParameters trees:
                var buffer = default(VBuffer<float>);
                trees.GetFeatureWeights(ref buffer);
                dense = buffer.DenseValues().Select(v => Math.Abs((double)v)).ToArray();
                break;
            case Microsoft.ML.Trainers.LinearModelParameters linear:
                dense = linear.Weights.Select(v => Math.Abs((double)v)).ToArray();
                break;
            default:
                return [];
        }
        var sum = dense.Sum();
        return sum > 0 ? dense.Select(v => v / sum).ToArray() : dense;
    }
}
