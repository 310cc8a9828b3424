namespace Platform3.AI.Registry;

public enum VersionStatus { Active, Archived, Deleted }

/// <summary>One registered version of a model, with its artifact, signature, lineage, metrics and tags.</summary>
public sealed record ModelVersion
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required ArtifactFormat Format { get; init; }
    /// <summary>Artifact path relative to the registry root.</summary>
    public required string ArtifactPath { get; init; }
    public required string Sha256 { get; init; }
    public required ModelSignature Signature { get; init; }
    /// <summary>The experiment run that produced the model (null for imported models).</summary>
    public string? RunId { get; init; }
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public VersionStatus Status { get; init; } = VersionStatus.Active;
    public DateTime CreatedUtc { get; init; }
    public string? Description { get; init; }

    public string Ref => $"{Name}@{Version}";
}

/// <summary>An audit entry: an alias moved (promote, rollback or remove), by whom, when and why.</summary>
public sealed record AliasEvent(long Id, string Name, string Alias, int? FromVersion, int? ToVersion, string Action,
    DateTime AtUtc, string Actor, string? Reason);
