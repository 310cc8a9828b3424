using Platform3.AI.Registry;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Tests.Support;

/// <summary>Small trained models saved to disk, for registry and inference tests.</summary>
internal static class Models
{
    public static TrainedModel Train(Dataset data, int iterations = 20, int seed = 1, TrainerKind kind = TrainerKind.LightGbmBinary,
        IReadOnlyList<ProcessorKind>? processors = null)
    {
        var p = kind == TrainerKind.SdcaLogistic ? new Dictionary<string, double>()
            : kind == TrainerKind.FastTreeBinary ? new() { ["num_trees"] = iterations, ["num_leaves"] = 8 }
            : new() { ["num_iterations"] = iterations, ["num_leaves"] = 8, ["min_data_in_leaf"] = 10 };
        return ModelTrainer.Fit(data, Enumerable.Range(0, data.Count).ToArray(), new TrainerSpec
        {
            Kind = kind, Seed = seed, Parameters = p, Processors = processors ?? [],
        });
    }

    public static ModelSignature Signature(Dataset data) => new()
    {
        FeatureSet = "test@1", Inputs = data.FeatureNames.ToArray(), Task = data.Task, ClassValues = data.ClassValues.ToArray(),
    };

    public static ModelVersion Register(ModelRegistry registry, string name, TrainedModel model, Dataset data, string dir)
    {
        var file = System.IO.Path.Combine(dir, $"{name}-{Guid.NewGuid():N}.zip");
        model.Save(file);
        return registry.Register(name, file, ArtifactFormat.MlNet, Signature(data), runId: "run-test");
    }
}
