using Platform3.Core.Domain;
using Platform3.MarketData.Import.Formats;
using Platform3.MarketData.Storage;

namespace Platform3.MarketData.Import;

/// <summary>What to import: format, symbol, files and the options that formats need.</summary>
public sealed record ImportRequest
{
    public required ImportFormat Format { get; init; }
    public required string Symbol { get; init; }
    /// <summary>Source files (for bidask: the bid files).</summary>
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>bidask: the ask file; when absent it is the bid file's name with "bid" replaced by "ask".</summary>
    public string? AskFile { get; init; }
    /// <summary>Overrides the format's default zone (HistData: America/New_York; Dukascopy, MetaTrader, CSV: UTC).</summary>
    public TimeZoneSpec? TimeZone { get; init; }
    /// <summary>Timeframe of bar files (HistData M1 is always M1).</summary>
    public Timeframe Timeframe { get; init; } = Timeframe.M1;
    /// <summary>csv: the layout (from options or a YAML spec).</summary>
    public CsvSpec? Csv { get; init; }
    /// <summary>MetaTrader: price of one spread point; default the instrument's tick size.</summary>
    public double? PointSize { get; init; }
    public ValidationOptions Validation { get; init; } = new();
}

/// <summary>What an import read, kept, rejected and changed in the store.</summary>
public sealed record ImportReport
{
    public required string Symbol { get; init; }
    public required string Format { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    public required string TimeZone { get; init; }
    public long LinesRead { get; init; }
    public long Accepted { get; init; }
    public required Quarantine Quarantine { get; init; }
    public string? QuarantineFile { get; init; }
    public long Reordered { get; init; }
    public long Duplicates { get; init; }
    /// <summary>Bars or ticks with ask below bid (kept: FXCM data has many; the quality report lists them).</summary>
    public long Crossed { get; init; }
    public DateTime? FirstUtc { get; init; }
    public DateTime? LastUtc { get; init; }
    public WriteResult Written { get; init; }
    /// <summary>The imported bars (null for ticks).</summary>
    public BarSeries? Bars { get; init; }
    /// <summary>The imported ticks (null for bars).</summary>
    public TickSeries? Ticks { get; init; }
    public long Rejected => Quarantine.Count;
}
