using Platform3.Core.Configuration;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Import.Formats;

/// <summary>What a CSV column holds.</summary>
public enum CsvField
{
    Skip, Time, Date, Clock, Open, High, Low, Close, AskOpen, AskHigh, AskLow, AskClose, Bid, Ask, Volume, Spread,
}

/// <summary>
/// A CSV layout: the delimiter, whether there is a header, what each column holds (or "from the header"),
/// how timestamps are written and in which zone, bars or ticks, and how to read a spread column.
/// Generic CSV imports build one from CLI options or a small YAML file; Dukascopy, MetaTrader and FXCM
/// files are read through fixed specs of their own.
/// </summary>
public sealed record CsvSpec
{
    public string FormatName { get; init; } = "CSV";
    public bool Ticks { get; init; }
    public char Delimiter { get; init; } = ',';
    /// <summary>True: the first line is a header; false: there is none; null: a header when the first line does not start with a digit.</summary>
    public bool? Header { get; init; }
    /// <summary>Columns in order; null: mapped from the header's names.</summary>
    public IReadOnlyList<CsvField>? Columns { get; init; }
    public TimestampParser Time { get; init; } = new(TimestampStyle.Auto);
    public TimeZoneSpec TimeZone { get; init; } = TimeZoneSpec.Utc;
    /// <summary>Multiplies the spread column: 1 for price units, the tick size for MetaTrader points.</summary>
    public double SpreadScale { get; init; } = 1;

    public static readonly IReadOnlyDictionary<string, CsvField> Names = new Dictionary<string, CsvField>(StringComparer.OrdinalIgnoreCase)
    {
        ["skip"] = CsvField.Skip, ["_"] = CsvField.Skip, ["time"] = CsvField.Time, ["timestamp"] = CsvField.Time,
        ["datetime"] = CsvField.Time, ["date"] = CsvField.Date, ["clock"] = CsvField.Clock, ["open"] = CsvField.Open,
        ["high"] = CsvField.High, ["low"] = CsvField.Low, ["close"] = CsvField.Close, ["ask_open"] = CsvField.AskOpen,
        ["ask_high"] = CsvField.AskHigh, ["ask_low"] = CsvField.AskLow, ["ask_close"] = CsvField.AskClose, ["bid"] = CsvField.Bid,
        ["ask"] = CsvField.Ask, ["volume"] = CsvField.Volume, ["spread"] = CsvField.Spread,
    };

    public static string ValidNames => "time, date, clock, open, high, low, close, ask_open, ask_high, ask_low, ask_close, bid, ask, volume, spread, skip";

    /// <summary>Parses "time,open,high,low,close,volume" (names from <see cref="Names"/>).</summary>
    public static IReadOnlyList<CsvField> ParseColumns(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(n => Names.TryGetValue(n, out var f) ? f
            : throw new UsageException($"Unknown CSV column '{n}'. Valid column names: {ValidNames}.")).ToList();

    /// <summary>Header cells as the sources write them, mapped to fields (MetaTrader's &lt;DATE&gt;, Dukascopy's "Gmt time", FXCM's "timestamp" …).</summary>
    internal static CsvField? FromHeaderName(string raw, bool hasDateColumn)
    {
        var n = raw.Trim().Trim('"').Trim('<', '>').Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return n switch
        {
            "time" when hasDateColumn => CsvField.Clock,
            "time" or "timestamp" or "datetime" or "gmttime" or "time(utc)" or "timeutc" or "localtime" or "time(eet)" => CsvField.Time,
            "date" => CsvField.Date,
            "open" or "bidopen" => CsvField.Open,
            "high" or "bidhigh" => CsvField.High,
            "low" or "bidlow" => CsvField.Low,
            "close" or "bidclose" => CsvField.Close,
            "askopen" => CsvField.AskOpen,
            "askhigh" => CsvField.AskHigh,
            "asklow" => CsvField.AskLow,
            "askclose" => CsvField.AskClose,
            "bid" => CsvField.Bid,
            "ask" => CsvField.Ask,
            "volume" or "tickvol" or "tickvolume" or "ticks" => CsvField.Volume,
            "vol" or "realvolume" or "askvolume" or "bidvolume" => CsvField.Skip,
            "spread" => CsvField.Spread,
            _ => null,
        };
    }

    /// <summary>
    /// Reads a YAML spec: <c>kind: bars|ticks</c>, <c>delimiter</c>, <c>header: true|false</c>,
    /// <c>columns: [time, open, high, low, close, volume]</c>, <c>time_format: iso|dayfirst|compact|unix|unix_ms|auto|.NET format</c>,
    /// <c>timezone: UTC|America/New_York|UTC+2|nyclose</c>, <c>spread_scale</c>. Every error is reported with its line.
    /// </summary>
    public static CsvSpec Load(string path)
    {
        var root = YamlConfig.Load(path);
        root.AllowOnly("kind", "delimiter", "header", "columns", "time_format", "timezone", "spread_scale");
        var kind = root.OptionalOneOf("kind", "bars", "bars", "ticks");
        var delimiter = root.OptionalString("delimiter", ",")!;
        if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
        if (delimiter.Length != 1) root.Error("delimiter", $"expected one character, got '{delimiter}'");
        bool? header = root.Has("header") ? root.OptionalBool("header", false) : null;
        IReadOnlyList<CsvField>? columns = null;
        if (root.Has("columns"))
        {
            var names = root.OptionalStringList("columns");
            var list = new List<CsvField>();
            foreach (var n in names)
            {
                if (Names.TryGetValue(n, out var f)) list.Add(f);
                else root.Error("columns", $"unknown column '{n}'; valid names: {ValidNames}");
            }
            columns = list;
        }
        TimestampParser time = new(TimestampStyle.Auto);
        TimeZoneSpec zone = TimeZoneSpec.Utc;
        try
        {
            time = TimestampParser.Parse(root.OptionalString("time_format", "auto")!);
            zone = TimeZoneSpec.Parse(root.OptionalString("timezone", "UTC")!);
        }
        catch (UsageException ex)
        {
            root.Error(root.Has("timezone") ? "timezone" : "time_format", ex.Message);
        }
        var scale = root.OptionalDouble("spread_scale", 1, 0, double.MaxValue, exclusiveMin: true);
        root.Errors.ThrowIfAny();
        return new CsvSpec
        {
            FormatName = "CSV (" + Path.GetFileName(path) + ")",
            Ticks = kind == "ticks",
            Delimiter = delimiter.Length == 1 ? delimiter[0] : ',',
            Header = header,
            Columns = columns,
            Time = time,
            TimeZone = zone,
            SpreadScale = scale,
        };
    }
}
