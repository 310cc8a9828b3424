namespace Platform3.AI.Training;

/// <summary>What a model predicts.</summary>
public enum TaskKind
{
    /// <summary>Two classes (down/up, or a meta-label's no/yes); class index 1 is the positive class.</summary>
    Binary,
    /// <summary>Three or more classes (down/flat/up).</summary>
    Multiclass,
    /// <summary>A continuous target such as the forward return.</summary>
    Regression,
}
