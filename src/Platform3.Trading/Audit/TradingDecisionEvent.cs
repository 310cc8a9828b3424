using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// <summary>
    /// The feature vector's fingerprint: the text given, else the hex of <see cref="FeatureDigest"/> (made when read),
    /// else null. The record holds the same text either way.
    /// </summary>
    public string? FeatureVectorHash
    {
        get => _featureVectorHash ?? FeatureDigest.Text;
        init => _featureVectorHash = value;
    }

    private readonly string? _featureVectorHash;

    /// <summary>The fingerprint as given as text (null when it was not), for the writer.</summary>
    internal string? FeatureVectorHashText => _featureVectorHash;

    /// <summary>The fingerprint as a value (no string per decision); used when no text was given.</summary>
    public FeatureDigest FeatureDigest { get; init; }
    public required bool Halted { get; init; }
    /// <summary>The audit record's hash once persisted (the chain link that identifies this exact decision).</summary>
    public string? RecordHash
    {
        // Kept as the digest's 32 bytes and written as hex when read: the engine persists every decision and almost
        // none has its hash read, so a 64-character string per decision was garbage for the collector.
        get => _hasRecordDigest ? AuditChain.LowerHex(RecordDigest) : null;
        internal set
        {
            _hasRecordDigest = value is not null;
            _recordDigest = default;
            if (value is not null) Convert.FromHexString(value, RecordDigest, out _, out _);
        }
    }

    private Vector256<byte> _recordDigest;
    private bool _hasRecordDigest;

    /// <summary>Where the log writes the record's digest (<see cref="RecordHash"/> is its hex).</summary>
    internal Span<byte> RecordDigest => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref _recordDigest, 1));

    internal void MarkRecordDigestWritten() => _hasRecordDigest = true;

    /// <summary>True when the decision leads to orders.</summary>
    public bool Actionable => ExecutionPlans.Count > 0;
}
