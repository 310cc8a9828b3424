using Platform3.Core.Domain;

namespace Platform3.MarketData.Quality;

/// <summary>One finding: when, and what.</summary>
public sealed record QualityExample(DateTime TimeUtc, string Detail);

/// <summary>One check: how many findings, and the first few (in time order).</summary>
public sealed class QualityCheck(string name, string description, int maxExamples)
{
    private readonly List<QualityExample> _examples = [];

    public string Name { get; } = name;
    public string Description { get; } = description;
    public long Count { get; private set; }
    public IReadOnlyList<QualityExample> Examples => _examples;

    internal void Add(long utcTicks, Func<string> detail)
    {
        Count++;
        if (_examples.Count < maxExamples) _examples.Add(new QualityExample(new DateTime(utcTicks, DateTimeKind.Utc), detail()));
    }
}

/// <summary>Gap sizes (in missing open-market bars) and the longest gaps.</summary>
public sealed record GapSummary(long MissingBars, long UpTo5, long UpTo60, long UpTo1440, long Longer, IReadOnlyList<QualityExample> Longest);

/// <summary>The result of <see cref="DataQuality.Analyze(BarSeries, Platform3.Core.Calendar.FxCalendar, QualityOptions?)"/>.</summary>
public sealed record QualityReport
{
    public required string Symbol { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required long Bars { get; init; }
    public DateTime? FirstUtc { get; init; }
    public DateTime? LastUtc { get; init; }
    public required QualityOptions Options { get; init; }
    public required QualityCheck Gaps { get; init; }
    public required GapSummary GapSizes { get; init; }
    public required QualityCheck Duplicates { get; init; }
    public required QualityCheck NonMonotonic { get; init; }
    public required QualityCheck OhlcViolations { get; init; }
    public required QualityCheck Crossed { get; init; }
    public required QualityCheck Spikes { get; init; }
    public required QualityCheck StaleRuns { get; init; }
    public required QualityCheck ClosedMarket { get; init; }

    public IEnumerable<QualityCheck> Checks => [Gaps, Duplicates, NonMonotonic, OhlcViolations, Crossed, Spikes, StaleRuns, ClosedMarket];

    /// <summary>Issues that make data unusable as is (the others are facts about the source to know).</summary>
    public long Errors => Duplicates.Count + NonMonotonic.Count + OhlcViolations.Count;
}

/// <summary>Thresholds of the quality checks.</summary>
public sealed record QualityOptions
{
    /// <summary>Examples kept per check.</summary>
    public int MaxExamples { get; init; } = 5;
    /// <summary>A return whose robust z-score (distance from the median in units of 1.4826 × MAD) exceeds this is a spike.</summary>
    public double SpikeZ { get; init; } = 25;
    /// <summary>A stale run is at least this many consecutive bars with open = high = low = close = the previous close.</summary>
    public int StaleMinBars { get; init; } = 10;
}
