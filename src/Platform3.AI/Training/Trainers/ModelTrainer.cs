using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Platform3.AI.Training.Trainers;

/// <summary>Fits an ML.NET pipeline (processors, then the trainer) on chosen rows of a dataset.</summary>
public static class ModelTrainer
{
    public static TrainedModel Fit(Dataset data, IReadOnlyList<int> rows, TrainerSpec spec)
    {
        if (spec.Kind.Task() != data.Task)
            throw new ArgumentException($"Trainer {spec.Kind.Name()} predicts {spec.Kind.Task()}, but the dataset's labels are {data.Task}.");
        if (rows.Count == 0) throw new ArgumentException("No training rows (purging and the embargo may have removed them all).");
        var ml = new MLContext(spec.Seed);
        var view = new MatrixDataView(data, rows as int[] ?? rows.ToArray());
        var estimator = BuildEstimator(ml, spec, data);
        var transformer = estimator.Fit(view);
        return new TrainedModel(ml, transformer, view.Schema, data.Task, data.ClassValues, data.FeatureNames, spec);
    }

    private static IEstimator<ITransformer> BuildEstimator(MLContext ml, TrainerSpec spec, Dataset data)
    {
        const string f = MatrixDataView.FeaturesColumn, l = MatrixDataView.LabelColumn, w = MatrixDataView.WeightColumn;
        IEstimator<ITransformer>? chain = null;
        foreach (var p in spec.Processors)
        {
            IEstimator<ITransformer> step = p switch
            {
                // fixZero: false so the mean is really removed (ML.NET's default only scales).
                ProcessorKind.ZScore => ml.Transforms.NormalizeMeanVariance(f, fixZero: false),
                _ => ml.Transforms.NormalizeMinMax(f, fixZero: false),
            };
            chain = chain is null ? step : chain.Append(step);
        }
        var trainer = Trainer(ml, spec, data, f, l, w);
        return chain is null ? trainer : chain.Append(trainer);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainerSpec s, Dataset data, string f, string l, string w)
    {
        int I(string name) => (int)Math.Round(s.Get(name));
        double D(string name) => s.Get(name);
        GradientBooster.Options Booster() => new()
        {
            FeatureFraction = D("feature_fraction"),
            SubsampleFraction = D("bagging_fraction"),
            SubsampleFrequency = I("bagging_freq"),
            L1Regularization = D("l1"),
            L2Regularization = D("l2"),
        };
        switch (s.Kind)
        {
            case TrainerKind.LightGbmBinary:
                return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = l, FeatureColumnName = f, ExampleWeightColumnName = w,
                    NumberOfLeaves = I("num_leaves"), LearningRate = D("learning_rate"), NumberOfIterations = I("num_iterations"),
                    MinimumExampleCountPerLeaf = I("min_data_in_leaf"), MaximumBinCountPerFeature = I("max_bin"),
                    NumberOfThreads = s.Threads, Seed = s.Seed, Deterministic = true, Silent = true, Verbose = false,
                    Booster = Booster(),
                });
            case TrainerKind.LightGbmMulticlass:
                return ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
                {
                    LabelColumnName = l, FeatureColumnName = f, ExampleWeightColumnName = w,
                    NumberOfLeaves = I("num_leaves"), LearningRate = D("learning_rate"), NumberOfIterations = I("num_iterations"),
                    MinimumExampleCountPerLeaf = I("min_data_in_leaf"), MaximumBinCountPerFeature = I("max_bin"),
                    NumberOfThreads = s.Threads, Seed = s.Seed, Deterministic = true, Silent = true, Verbose = false,
                    UseSoftmax = true, Booster = Booster(),
                });
            case TrainerKind.LightGbmRegression:
                return ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
                {
                    LabelColumnName = l, FeatureColumnName = f, ExampleWeightColumnName = w,
                    NumberOfLeaves = I("num_leaves"), LearningRate = D("learning_rate"), NumberOfIterations = I("num_iterations"),
                    MinimumExampleCountPerLeaf = I("min_data_in_leaf"), MaximumBinCountPerFeature = I("max_bin"),
                    NumberOfThreads = s.Threads, Seed = s.Seed, Deterministic = true, Silent = true, Verbose = false,
                    Booster = Booster(),
                });
            case TrainerKind.FastTreeBinary:
                return ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = l, FeatureColumnName = f, ExampleWeightColumnName = w,
                    NumberOfLeaves = I("num_leaves"), NumberOfTrees = I("num_trees"), LearningRate = D("learning_rate"),
                    MinimumExampleCountPerLeaf = I("min_data_in_leaf"), FeatureFraction = D("feature_fraction"),
                    NumberOfThreads = s.Threads, Seed = s.Seed, FeatureSelectionSeed = s.Seed,
                });
            case TrainerKind.SdcaLogistic:
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = l, FeatureColumnName = f, ExampleWeightColumnName = w,
                    L2Regularization = (float)D("l2"), L1Regularization = (float)D("l1"), MaximumNumberOfIterations = I("max_iterations"),
                    NumberOfThreads = s.Threads, Shuffle = false,
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(s));
        }
    }
}
