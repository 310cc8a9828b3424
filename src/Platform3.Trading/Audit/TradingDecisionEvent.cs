using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Audit;

/// <summary>A signal as it entered a decision, with the weight fusion gave it.</summary>
public readonly record struct WeightedSignal(SignalInput Signal, double Weight);

/// <summary>
/// The record of one decision cycle for one symbol, HOLDs and rejections included: the signals, how they
/// were fused, the business decision, the risk assessment, the execution plan(s), the model versions and a
/// hash of the feature vector. <see cref="Timestamp"/> is the (simulated or real) decision time, never the
/// wall clock of a backtest, so a replay produces the same record.
/// </summary>
public sealed record TradingDecisionEvent
{
    public required string DecisionId { get; init; }
    public required DateTime Timestamp { get; init; }
    public required string Symbol { get; init; }
    public required DecisionType DecisionType { get; init; }
    public required double Confidence { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<WeightedSignal> SignalSources { get; init; }
    public required FusedSignal Fusion { get; init; }
    public required double PositionBefore { get; init; }
    public RiskAssessment? RiskAssessment { get; init; }
    public required IReadOnlyList<ExecutionPlan> ExecutionPlans { get; init; }
    public required IReadOnlyList<string> ModelVersions { get; init; }
    public string? FeatureVectorHash { get; init; }
    public required bool Halted { get; init; }
    /// <summary>The audit record's hash once persisted (the chain link that identifies this exact decision).</summary>
    public string? RecordHash { get; internal set; }

    /// <summary>True when the decision leads to orders.</summary>
    public bool Actionable => ExecutionPlans.Count > 0;
}
