using Platform3.AI.Training.Hpo;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Training.Pipeline;

/// <summary>How to train: the trainer, the purged walk-forward, an optional nested search, and whether to fit a final model.</summary>
public sealed record PipelineOptions
{
    public required TrainerSpec Trainer { get; init; }
    public required WalkForwardOptions Cv { get; init; }
    public HpoOptions? Hpo { get; init; }
    /// <summary>Fit a final model on the latest window (all rows for expanding, the last MinTrain rows for rolling) to register.</summary>
    public bool TrainFinalModel { get; init; } = true;
}
