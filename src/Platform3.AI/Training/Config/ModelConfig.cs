using Platform3.AI.Labels;
using Platform3.AI.Training.Hpo;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Domain;

namespace Platform3.AI.Training.Config;

/// <summary>Settings for the trading evaluation of out-of-sample predictions and the walk-forward retraining backtest.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Go long when P(up) ≥ threshold, short when P(up) ≤ 1 − threshold (regression: |prediction| above it).</summary>
    public double Threshold { get; init; } = 0.55;
    /// <summary>Bars a position is held (defaults to the label horizon).</summary>
    public int? HoldBars { get; init; }
    /// <summary>Walk-forward retraining: retrain every N bars on the trailing window.</summary>
    public int RetrainEvery { get; init; } = 2000;
    public int TrainWindow { get; init; } = 8000;
    public decimal Lots { get; init; } = 1m;
    public decimal CommissionPerMillion { get; init; } = 30m;
}

/// <summary>One model's configuration, loaded from config/models/NAME.yaml.</summary>
public sealed record ModelConfig
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<string> Symbols { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required DateTime FromUtc { get; init; }
    public required DateTime ToUtc { get; init; }
    public required string FeatureSet { get; init; }
    public required LabelSpec Label { get; init; }
    public bool UniquenessWeights { get; init; }
    public required TrainerSpec Trainer { get; init; }
    public required WalkForwardOptions Cv { get; init; }
    public HpoOptions? Hpo { get; init; }
    public int TrainingSeed { get; init; } = 42;
    public int HpoSeed { get; init; } = 7;
    public EvaluationSettings Evaluation { get; init; } = new();
    public bool Register { get; init; } = true;
    /// <summary>The YAML text the config was read from (stored with the run for lineage).</summary>
    public string SourceText { get; init; } = "";
    public string SourcePath { get; init; } = "";

    public TaskKind Task => Trainer.Kind.Task();
}
