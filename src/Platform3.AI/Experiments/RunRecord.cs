namespace Platform3.AI.Experiments;

public enum RunStatus { Running, Finished, Failed }

/// <summary>One metric value of a run: per fold (Fold ≥ 0) or overall (Fold = −1), for the model or a baseline.</summary>
public sealed record MetricRecord(int Fold, string Subject, string Metric, double Value);

public sealed record ArtifactRecord(string Name, string RelativePath, string Sha256, long Bytes);

/// <summary>A training run as recorded: what was trained on what data, with which code and seeds, and how it scored.</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTime StartedUtc { get; init; }
    public DateTime? FinishedUtc { get; init; }
    public double DurationSeconds { get; init; }
    public required string ConfigText { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required string FeatureSet { get; init; }
    public required string FeatureSetHash { get; init; }
    public required Features.DataFingerprint Data { get; init; }
    public string? GitCommit { get; init; }
    public required IReadOnlyDictionary<string, int> Seeds { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<MetricRecord> Metrics { get; init; } = [];
    public IReadOnlyList<ArtifactRecord> Artifacts { get; init; } = [];

    public double Overall(string metric, string subject = "model") =>
        Metrics.FirstOrDefault(m => m.Fold < 0 && m.Subject == subject && m.Metric == metric)?.Value ?? double.NaN;
}
