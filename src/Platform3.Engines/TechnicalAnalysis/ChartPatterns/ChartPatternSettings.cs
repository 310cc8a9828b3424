namespace Platform3.Engines.TechnicalAnalysis.ChartPatterns;

/// <summary>Tolerances of the pattern rules, relative to the zigzag's typical swing.</summary>
public sealed record ChartPatternSettings
{
    /// <summary>Two tops (or bottoms, shoulders) count as equal within this fraction of the pattern height.</summary>
    public double EqualityTolerance { get; init; } = 0.25;

    /// <summary>A boundary is "flat" when it moves less than this fraction of the pattern height over the pattern.</summary>
    public double FlatTolerance { get; init; } = 0.2;

    /// <summary>A breakout must come within this many times the pattern's length in bars, or the setup expires.</summary>
    public double ExpiryLengths { get; init; } = 1.0;

    /// <summary>A flag's pole must be at least this many times larger than each flag swing.</summary>
    public double FlagPoleRatio { get; init; } = 2.5;

    public static ChartPatternSettings Default { get; } = new();
}
