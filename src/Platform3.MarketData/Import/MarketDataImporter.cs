using System.Text.RegularExpressions;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Import.Formats;
using Platform3.MarketData.Storage;

namespace Platform3.MarketData.Import;

/// <summary>
/// Reads source files into clean bars or ticks (every timestamp in UTC, bad rows quarantined with file, line
/// and reason) and merges them into the store. <see cref="Parse"/> does the reading alone, for checking a file
/// without importing it.
/// </summary>
public sealed partial class MarketDataImporter(BarStore store, FxCalendar calendar, InstrumentCatalog instruments)
{
    public BarStore Store => store;

    /// <summary>Parses, validates and writes; the quarantine side file is written when rows were rejected.</summary>
    public ImportReport Import(ImportRequest request)
    {
        var report = Parse(request);
        WriteResult written = default;
        if (report.Bars is { Count: > 0 } bars) written = store.WriteBars(bars);
        if (report.Ticks is { Count: > 0 } ticks) written = store.WriteTicks(ticks);
        report.Quarantine.ResolveRawLines();
        var qfile = report.Quarantine.Write(store.Layout.QuarantineRoot, report.Symbol, Path.GetFileName(request.Files[0]), DateTime.UtcNow);
        return report with { Written = written, QuarantineFile = qfile };
    }

    /// <summary>Reads and validates without touching the store.</summary>
    public ImportReport Parse(ImportRequest request)
    {
        if (request.Files.Count == 0) throw new UsageException("No input file given.");
        var symbol = StoreLayout.CheckSymbol(request.Symbol);
        var instrument = instruments.Get(symbol);
        var quarantine = new Quarantine();
        return request.Format switch
        {
            ImportFormat.HistDataTick => ReadTicks(request, symbol, quarantine, (rows, zone) => new HistDataTickReader(zone, rows), TimeZoneSpec.NewYork),
            ImportFormat.HistData => ReadBars(request with { Timeframe = Timeframe.M1 }, symbol, quarantine,
                (rows, zone) => new HistDataM1Reader(zone, rows), TimeZoneSpec.NewYork),
            ImportFormat.Dukascopy when IsTickHeader(request.Files[0]) =>
                ReadTicks(request, symbol, quarantine, (rows, zone) => new CsvRowReader(Dukascopy(zone, ticks: true), null, rows), TimeZoneSpec.Utc),
            ImportFormat.Dukascopy => ReadBars(request, symbol, quarantine,
                (rows, zone) => new CsvRowReader(Dukascopy(zone, ticks: false), rows, null), TimeZoneSpec.Utc),
            ImportFormat.MetaTrader => ReadBars(request, symbol, quarantine,
                (rows, zone) => new CsvRowReader(MetaTrader(request.Files[0], zone, request.PointSize ?? instrument.TickSizeD), rows, null), TimeZoneSpec.Utc),
            ImportFormat.Csv when request.Csv?.Ticks == true =>
                ReadTicks(request, symbol, quarantine, (rows, zone) => new CsvRowReader(request.Csv with { TimeZone = zone }, null, rows), request.Csv.TimeZone),
            ImportFormat.Csv => ReadBars(request, symbol, quarantine,
                (rows, zone) => new CsvRowReader((request.Csv ?? new CsvSpec()) with { TimeZone = zone }, rows, null), request.Csv?.TimeZone ?? TimeZoneSpec.Utc),
            _ => ReadBidAsk(request, symbol, quarantine, instrument),
        };
    }

    private ImportReport ReadBars(ImportRequest request, string symbol, Quarantine quarantine,
        Func<BarRows, TimeZoneSpec, RowFileReader> make, TimeZoneSpec defaultZone)
    {
        if (request.Timeframe.IsTick) throw new UsageException($"--format {ImportFormats.Name(request.Format)} holds bars: give a bar timeframe.");
        var zone = request.TimeZone ?? defaultZone;
        var rows = new BarRows(BarRows.CapacityFor(request.Files));
        var reader = make(rows, zone);
        for (var f = 0; f < request.Files.Count; f++)
        {
            rows.Files.Add(request.Files[f]);
            reader.ReadFile(request.Files[f], f, quarantine);
        }
        var outcome = BarValidator.Validate(rows, symbol, request.Timeframe, calendar, request.Validation, quarantine);
        return BarReport(request, symbol, zone, reader.LinesRead, quarantine, outcome);
    }

    private static ImportReport BarReport(ImportRequest request, string symbol, TimeZoneSpec zone, long lines, Quarantine quarantine, BarValidator.Outcome outcome)
    {
        var s = outcome.Series;
        return new ImportReport
        {
            Symbol = symbol, Format = ImportFormats.Name(request.Format), Timeframe = s.Timeframe, Files = request.Files,
            TimeZone = zone.Name, LinesRead = lines, Accepted = s.Count, Quarantine = quarantine,
            Reordered = outcome.Reordered, Duplicates = outcome.Duplicates, Crossed = outcome.Crossed,
            FirstUtc = s.Count > 0 ? s.TimeAt(0) : null, LastUtc = s.Count > 0 ? s.TimeAt(s.Count - 1) : null, Bars = s,
        };
    }

    private ImportReport ReadTicks(ImportRequest request, string symbol, Quarantine quarantine,
        Func<TickRows, TimeZoneSpec, RowFileReader> make, TimeZoneSpec defaultZone)
    {
        var zone = request.TimeZone ?? defaultZone;
        var rows = new TickRows();
        var reader = make(rows, zone);
        for (var f = 0; f < request.Files.Count; f++)
        {
            rows.Files.Add(request.Files[f]);
            reader.ReadFile(request.Files[f], f, quarantine);
        }
        var outcome = TickValidator.Validate(rows, symbol, quarantine);
        var t = outcome.Series;
        return new ImportReport
        {
            Symbol = symbol, Format = ImportFormats.Name(request.Format), Timeframe = Timeframe.Tick, Files = request.Files,
            TimeZone = zone.Name, LinesRead = reader.LinesRead, Accepted = t.Count, Quarantine = quarantine,
            Reordered = outcome.Reordered, Crossed = outcome.Crossed,
            FirstUtc = t.Count > 0 ? new DateTime(t.Time[0], DateTimeKind.Utc) : null,
            LastUtc = t.Count > 0 ? new DateTime(t.Time[^1], DateTimeKind.Utc) : null, Ticks = t,
        };
    }

    // ------------------------------------------------------------------ bid + ask files

    private ImportReport ReadBidAsk(ImportRequest request, string symbol, Quarantine quarantine, Instrument instrument)
    {
        if (request.Files.Count != 1) throw new UsageException("--format bidask takes one bid file (--file) and one ask file (--ask-file).");
        var bidFile = request.Files[0];
        var askFile = request.AskFile ?? AskFileFor(bidFile);
        var bid = ReadSide(bidFile, request, symbol, quarantine, instrument, out var bidLines, out var zone);
        var ask = ReadSide(askFile, request, symbol, quarantine, instrument, out var askLines, out _);
        var b = bid.Series;
        var a = ask.Series;
        var builder = new BarSeriesBuilder(symbol, request.Timeframe, Math.Max(b.Count, 4));
        int i = 0, j = 0;
        long crossed = 0;
        while (i < b.Count || j < a.Count)
        {
            if (j >= a.Count || (i < b.Count && b.Time[i] < a.Time[j]))
            {
                quarantine.AddPending(bidFile, bid.Lines[i], $"unmatched bid bar: no ask bar at {b.TimeAt(i):yyyy-MM-dd HH:mm:ss} UTC in {Path.GetFileName(askFile)}");
                i++;
            }
            else if (i >= b.Count || a.Time[j] < b.Time[i])
            {
                quarantine.AddPending(askFile, ask.Lines[j], $"unmatched ask bar: no bid bar at {a.TimeAt(j):yyyy-MM-dd HH:mm:ss} UTC in {Path.GetFileName(bidFile)}");
                j++;
            }
            else
            {
                var bar = new Bar(b.TimeAt(i), b.Open[i], b.High[i], b.Low[i], b.Close[i], a.Open[j], a.High[j], a.Low[j], a.Close[j],
                    Math.Max(b.Volume[i], a.Volume[j]));
                if (bar.AskClose < bar.Close) crossed++;
                builder.Add(bar);
                i++; j++;
            }
        }
        var merged = builder.Build();
        return new ImportReport
        {
            Symbol = symbol, Format = ImportFormats.Name(request.Format), Timeframe = request.Timeframe, Files = [bidFile, askFile],
            TimeZone = zone, LinesRead = bidLines + askLines, Accepted = merged.Count, Quarantine = quarantine,
            Reordered = bid.Reordered + ask.Reordered, Duplicates = bid.Duplicates + ask.Duplicates, Crossed = crossed,
            FirstUtc = merged.Count > 0 ? merged.TimeAt(0) : null, LastUtc = merged.Count > 0 ? merged.TimeAt(merged.Count - 1) : null,
            Bars = merged,
        };
    }

    private BarValidator.Outcome ReadSide(string file, ImportRequest request, string symbol, Quarantine quarantine, Instrument instrument,
        out long lines, out string zoneName)
    {
        var rows = new BarRows(BarRows.CapacityFor([file]));
        rows.Files.Add(file);
        var first = FirstLine(file);
        RowFileReader reader;
        if (HistDataLine().IsMatch(first))
        {
            var zone = request.TimeZone ?? TimeZoneSpec.NewYork;
            reader = new HistDataM1Reader(zone, rows);
            zoneName = zone.Name;
        }
        else
        {
            var zone = request.TimeZone ?? TimeZoneSpec.Utc;
            var spec = first.StartsWith('<') || MetaTraderLine().IsMatch(first)
                ? MetaTrader(file, zone, request.PointSize ?? instrument.TickSizeD)
                : (request.Csv ?? new CsvSpec { FormatName = "OHLC CSV (one side)" }) with { TimeZone = zone, Ticks = false };
            reader = new CsvRowReader(spec, rows, null);
            zoneName = zone.Name;
        }
        reader.ReadFile(file, 0, quarantine);
        lines = reader.LinesRead;
        return BarValidator.Validate(rows, symbol, request.Timeframe, calendar, request.Validation, quarantine);
    }

    /// <summary>"fxcm-gbpusd-m1-bid-2012.csv.gz" → "fxcm-gbpusd-m1-ask-2012.csv.gz" (BID → ASK, Bid → Ask).</summary>
    public static string AskFileFor(string bidFile)
    {
        var name = Path.GetFileName(bidFile);
        var askName = name.Replace("bid", "ask", StringComparison.Ordinal).Replace("BID", "ASK", StringComparison.Ordinal)
            .Replace("Bid", "Ask", StringComparison.Ordinal);
        if (askName == name)
            throw new UsageException($"Cannot derive the ask file from '{name}' (no 'bid' in its name): give --ask-file.");
        var path = Path.Combine(Path.GetDirectoryName(bidFile) ?? "", askName);
        if (!File.Exists(path)) throw new DataException($"{path}: ask file not found (derived from {name}); give --ask-file.");
        return path;
    }

    // ------------------------------------------------------------------ fixed specs

    private static CsvSpec Dukascopy(TimeZoneSpec zone, bool ticks) => new()
    {
        FormatName = ticks ? "Dukascopy ticks CSV" : "Dukascopy CSV",
        Ticks = ticks,
        Header = true,
        Time = new TimestampParser(TimestampStyle.Auto),
        TimeZone = zone,
    };

    private static CsvSpec MetaTrader(string file, TimeZoneSpec zone, double point)
    {
        var first = FirstLine(file);
        var tab = first.Contains('\t', StringComparison.Ordinal);
        var header = first.StartsWith('<');
        IReadOnlyList<CsvField>? columns = null;
        if (!header)
        {
            var n = first.Split(tab ? '\t' : ',').Length;
            columns = n switch
            {
                6 => [CsvField.Date, CsvField.Clock, CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close],
                7 => [CsvField.Date, CsvField.Clock, CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close, CsvField.Volume],
                9 => [CsvField.Date, CsvField.Clock, CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close, CsvField.Volume, CsvField.Skip, CsvField.Spread],
                _ => null,
            };
            if (columns is null)
                throw new DataFormatException(file, 1, "line",
                    "MetaTrader history: 'date,time,open,high,low,close,tickvol' (MT4) or '<DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>' (MT5)" +
                    (FormatGuess.DescribeLine(first) is { } g ? $"; the file looks like {g}" : ""), first);
        }
        return new CsvSpec
        {
            FormatName = "MetaTrader history",
            Delimiter = tab ? '\t' : ',',
            Header = header,
            Columns = columns,
            Time = new TimestampParser(TimestampStyle.Auto),
            TimeZone = zone,
            SpreadScale = point,
        };
    }

    private static bool IsTickHeader(string file)
    {
        var cells = FirstLine(file).Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        return cells.Contains("bid") && cells.Contains("ask") && !cells.Contains("open");
    }

    private static string FirstLine(string file)
    {
        using var reader = LineReader.Open(file);
        while (reader.TryReadLine(out var line))
            if (!SpanParse.TrimSpaces(line).IsEmpty) return SpanParse.Text(line);
        throw new DataFormatException(file, 0, "file", "at least one data line", "an empty file");
    }

    [GeneratedRegex(@"^\d{8} \d{6};")]
    private static partial Regex HistDataLine();

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2}[,\t]")]
    private static partial Regex MetaTraderLine();
}
