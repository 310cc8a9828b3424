using System.CommandLine;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Import;
using Platform3.MarketData.Import.Formats;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data import</c>: reads vendor files into the store (UTC, merged, bad rows quarantined).</summary>
internal static class DataImportCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("import", "Import bars or ticks from a file (.gz read transparently) into the store. Bad rows go to a quarantine file.");
        var o = new ImportOptions(cmd);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var request = o.Build(r, ctx);
            ctx.Out.Step($"Importing {request.Symbol} from {string.Join(", ", request.Files.Select(Path.GetFileName))} ({ImportFormats.Name(request.Format)})");
            var importer = new MarketDataImporter(BarStore.Open(ctx.DataDir), ctx.Calendar, ctx.Instruments);
            var report = importer.Import(request);
            Print(ctx.Out, report);
            if (report.Accepted == 0) throw new DataException($"no valid row in {string.Join(", ", report.Files)}; see {report.QuarantineFile}.");
            return CliApp.Ok;
        });
        return cmd;
    }

    public static void Print(CliOutput o, ImportReport r, bool written = true)
    {
        o.Line($"  lines read:     {DataOptions.N(r.LinesRead)}   (times read as {r.TimeZone}, stored as UTC)");
        o.Line($"  accepted:       {DataOptions.N(r.Accepted)} {(r.Timeframe.IsTick ? "ticks" : r.Timeframe + " bars")}, {DataOptions.Utc(r.FirstUtc)} → {DataOptions.Utc(r.LastUtc)} UTC");
        var kinds = string.Join(", ", r.Quarantine.CountsByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key}: {k.Value}"));
        o.Line($"  quarantined:    {DataOptions.N(r.Rejected)}" + (r.Rejected > 0 ? $" ({kinds})" : ""));
        foreach (var q in r.Quarantine.Rows.OrderBy(q => q.SourceFile, StringComparer.Ordinal).ThenBy(q => q.Line).Take(5))
            o.Line($"    {Path.GetFileName(q.SourceFile)}:{q.Line}: {q.Reason}");
        if (r.Rejected > 5) o.Line($"    ... {DataOptions.N(r.Rejected - 5)} more");
        if (r.QuarantineFile is not null) o.Line($"  quarantine file: {r.QuarantineFile}");
        if (r.Duplicates > 0) o.Line($"  duplicates:     {DataOptions.N(r.Duplicates)} (later rows quarantined)");
        if (r.Reordered > 0) o.Line($"  out of order:   {DataOptions.N(r.Reordered)} (sorted)");
        if (r.Crossed > 0) o.Line($"  crossed quotes: {DataOptions.N(r.Crossed)} (ask below bid; kept, see `p3 data quality`)");
        if (written)
            o.Line($"  store:          {DataOptions.N(r.Written.Added)} new, {DataOptions.N(r.Written.Replaced)} replaced, " +
                   $"{DataOptions.N(r.Written.Unchanged)} already stored; {r.Written.PartitionsWritten} partition(s) written");
    }
}

/// <summary>The options that describe a source file; shared by <c>data import</c> and <c>data quality --file</c>.</summary>
internal sealed class ImportOptions
{
    private readonly Option<string> _format = new("--format") { Description = $"Source format: {ImportFormats.Valid}." };
    private readonly Option<string> _symbol = DataOptions.Symbol();
    private readonly Option<string[]> _file = new("--file") { Description = "Source file(s); .gz is read transparently. For bidask: the bid file.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _askFile = new("--ask-file") { Description = "bidask: the ask file (default: the bid file's name with bid → ask)." };
    private readonly Option<string?> _tz = new("--tz") { Description = "Zone of the file's timestamps: IANA id, UTC, UTC+2, or nyclose (NY+7, MetaTrader). Default: America/New_York for HistData, UTC otherwise." };
    private readonly Option<string> _timeframe = DataOptions.Timeframe(defaultValue: "M1", description: "Timeframe of the bars in the file (default M1).");
    private readonly Option<string?> _spec = new("--spec") { Description = "csv: a YAML file describing the layout (kind, delimiter, header, columns, time_format, timezone)." };
    private readonly Option<string?> _columns = new("--columns") { Description = $"csv: column list, e.g. time,open,high,low,close,volume ({CsvSpec.ValidNames})." };
    private readonly Option<string?> _timeFormat = new("--time-format") { Description = "csv: iso, dayfirst, compact, unix, unix_ms, auto (default) or a .NET format like \"MM/dd/yyyy HH:mm\"." };
    private readonly Option<string?> _delimiter = new("--delimiter") { Description = "csv: field delimiter (default ','; 'tab' for tabs)." };
    private readonly Option<bool?> _header = new("--header") { Description = "csv: the first line is a header (default: detected)." };
    private readonly Option<string?> _kind = new("--kind") { Description = "csv: bars (default) or ticks." };
    private readonly Option<double?> _point = new("--point") { Description = "mt: price of one spread point (default: the instrument's tick size)." };
    private readonly Option<double?> _spike = new("--spike-threshold") { Description = "Quarantine isolated spikes further than this log-distance from both neighbours (default 0.10 ≈ 10%)." };

    public Option<string> SymbolOption => _symbol;
    public Option<string> TimeframeOption => _timeframe;

    /// <summary>True when a source file was named (data quality checks a file instead of the store then).</summary>
    public bool HasFile(ParseResult r) => r.GetValue(_file) is { Length: > 0 };

    /// <param name="fileRequired">False for <c>data quality</c>, where a file is optional.</param>
    public ImportOptions(Command cmd, bool fileRequired = true)
    {
        _format.Required = fileRequired;
        _file.Required = fileRequired;
        foreach (var o in new Option[] { _format, _symbol, _file, _askFile, _tz, _timeframe, _spec, _columns, _timeFormat, _delimiter, _header, _kind, _point, _spike })
            cmd.Options.Add(o);
    }

    public ImportRequest Build(ParseResult r, CliContext ctx)
    {
        var format = ImportFormats.Parse(r.GetValue(_format) ?? throw new UsageException($"--format is required with --file ({ImportFormats.Valid})."));
        var symbol = DataOptions.ParseSymbol(ctx, r.GetValue(_symbol)!).Symbol;
        var tf = DataOptions.ParseTimeframe(r.GetValue(_timeframe)!);
        var tz = r.GetValue(_tz) is { } z ? TimeZoneSpec.Parse(z) : null;
        var files = r.GetValue(_file) ?? [];
        foreach (var f in files.Append(r.GetValue(_askFile)).OfType<string>())
            if (!File.Exists(f)) throw new DataException($"{f}: file not found.");
        CsvSpec? csv = null;
        var csvOptionsGiven = r.GetValue(_spec) is not null || r.GetValue(_columns) is not null || r.GetValue(_timeFormat) is not null
            || r.GetValue(_delimiter) is not null || r.GetValue(_header) is not null || r.GetValue(_kind) is not null;
        if (csvOptionsGiven && format is not (ImportFormat.Csv or ImportFormat.BidAsk))
            throw new UsageException("--spec, --columns, --time-format, --delimiter, --header and --kind describe a csv (or bidask) layout; use them with --format csv.");
        if (format is ImportFormat.Csv or ImportFormat.BidAsk && csvOptionsGiven)
        {
            csv = r.GetValue(_spec) is { } spec ? CsvSpec.Load(spec) : new CsvSpec();
            if (r.GetValue(_columns) is { } cols) csv = csv with { Columns = CsvSpec.ParseColumns(cols) };
            if (r.GetValue(_timeFormat) is { } tfm) csv = csv with { Time = Platform3.MarketData.Import.TimestampParser.Parse(tfm) };
            if (r.GetValue(_delimiter) is { } d) csv = csv with { Delimiter = d is "tab" or "\\t" ? '\t' : d.Length == 1 ? d[0] : throw new UsageException($"--delimiter: one character or 'tab', got '{d}'.") };
            if (r.GetValue(_header) is { } h) csv = csv with { Header = h };
            if (r.GetValue(_kind) is { } k)
                csv = csv with { Ticks = k.Trim().ToLowerInvariant() switch { "ticks" or "tick" => true, "bars" or "bar" => false, _ => throw new UsageException($"--kind: bars or ticks, got '{k}'.") } };
        }
        if (format == ImportFormat.Csv && csv is null) csv = new CsvSpec();
        var validation = new ValidationOptions();
        if (r.GetValue(_spike) is { } s)
            validation = s > 0 ? validation with { IsolatedSpikeThreshold = s } : throw new UsageException("--spike-threshold must be positive.");
        return new ImportRequest
        {
            Format = format, Symbol = symbol, Files = files, AskFile = r.GetValue(_askFile), TimeZone = tz, Timeframe = tf,
            Csv = csv, PointSize = r.GetValue(_point), Validation = validation,
        };
    }
}
