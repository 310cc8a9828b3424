using Platform3.Core.Errors;

namespace Platform3.MarketData.Import;

/// <summary>The source formats <c>p3 data import --format</c> reads.</summary>
public enum ImportFormat
{
    /// <summary>HistData Generic ASCII M1 bars (bid), New York local time.</summary>
    HistData,
    /// <summary>HistData ASCII ticks, New York local time.</summary>
    HistDataTick,
    /// <summary>Dukascopy CSV export (bars or ticks), GMT.</summary>
    Dukascopy,
    /// <summary>MetaTrader 4/5 history CSV; the server time zone is an option.</summary>
    MetaTrader,
    /// <summary>Any delimited file, described by options or a YAML spec.</summary>
    Csv,
    /// <summary>Separate bid and ask bar files (FXCM style) merged into one bid/ask series.</summary>
    BidAsk,
}

public static class ImportFormats
{
    public const string Valid = "histdata, histdata-tick, dukascopy, mt, csv, bidask";

    public static ImportFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "histdata" => ImportFormat.HistData,
        "histdata-tick" or "histdata-ticks" => ImportFormat.HistDataTick,
        "dukascopy" => ImportFormat.Dukascopy,
        "mt" or "mt4" or "mt5" or "metatrader" => ImportFormat.MetaTrader,
        "csv" => ImportFormat.Csv,
        "bidask" or "fxcm" => ImportFormat.BidAsk,
        _ => throw new UsageException($"Unknown import format '{text}'. Valid formats: {Valid}."),
    };

    public static string Name(ImportFormat f) => f switch
    {
        ImportFormat.HistData => "histdata",
        ImportFormat.HistDataTick => "histdata-tick",
        ImportFormat.Dukascopy => "dukascopy",
        ImportFormat.MetaTrader => "mt",
        ImportFormat.Csv => "csv",
        _ => "bidask",
    };
}
