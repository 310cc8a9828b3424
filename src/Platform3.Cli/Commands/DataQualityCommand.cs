using System.CommandLine;
using Platform3.MarketData.Import;
using Platform3.MarketData.Quality;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data quality</c>: gaps, duplicates, order, OHLC, crossed quotes, spikes, stale runs, closed-market bars.</summary>
internal static class DataQualityCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("quality",
            "Check stored bars (or a source file with --file/--format, without importing it): gaps in trading hours, duplicates, " +
            "out-of-order rows, OHLC violations, crossed quotes, spikes, stale runs, bars while the market is closed.");
        var source = new ImportOptions(cmd, fileRequired: false);
        var from = DataOptions.From();
        var to = DataOptions.To();
        var spikeZ = new Option<double>("--spike-z") { Description = "Robust z-score above which a return is a spike.", DefaultValueFactory = _ => new QualityOptions().SpikeZ };
        var stale = new Option<int>("--stale-bars") { Description = "Shortest run of unchanged bars reported as stale.", DefaultValueFactory = _ => new QualityOptions().StaleMinBars };
        var examples = new Option<int>("--examples") { Description = "Examples shown per check.", DefaultValueFactory = _ => 3 };
        foreach (var o in new Option[] { from, to, spikeZ, stale, examples }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var options = new QualityOptions { SpikeZ = r.GetValue(spikeZ), StaleMinBars = Math.Max(2, r.GetValue(stale)), MaxExamples = Math.Max(0, r.GetValue(examples)) };
            var (f, t) = DataOptions.ParseRange(r, from, to);
            QualityReport report;
            var store = BarStore.Open(ctx.DataDir);
            if (source.HasFile(r))
            {
                var request = source.Build(r, ctx);
                ctx.Out.Step($"Checking {string.Join(", ", request.Files.Select(Path.GetFileName))} as {ImportFormats.Name(request.Format)} (nothing is imported)");
                var parsed = new MarketDataImporter(store, ctx.Calendar, ctx.Instruments).Parse(request);
                DataImportCommand.Print(ctx.Out, parsed, written: false);
                if (parsed.Bars is null)
                {
                    ctx.Out.Line("Tick files: the row checks above are the report (resample to M1 to check bars).");
                    return CliApp.Ok;
                }
                report = DataQuality.Analyze(parsed.Bars.Slice(f, t), ctx.Calendar, options);
            }
            else
            {
                var sym = DataOptions.ParseSymbol(ctx, r.GetValue(source.SymbolOption)!).Symbol;
                var tf = DataOptions.ParseTimeframe(r.GetValue(source.TimeframeOption)!);
                if (tf.IsTick) throw new Core.Errors.UsageException("Quality checks run on bars: resample ticks to M1 first (p3 data resample --from-tf Tick --to-tf M1).");
                ctx.Out.Step($"Checking {sym} {tf} in {store.DataDir}");
                report = DataQuality.Analyze(DataOptions.LoadOrExplain(store, sym, tf, f, t), ctx.Calendar, options);
            }
            Print(ctx.Out, report);
            return CliApp.Ok;
        });
        return cmd;
    }

    public static void Print(CliOutput o, QualityReport q)
    {
        o.Line($"{q.Symbol} {q.Timeframe}: {DataOptions.N(q.Bars)} bars, {DataOptions.Utc(q.FirstUtc)} → {DataOptions.Utc(q.LastUtc)} UTC");
        o.Table(["Check", "Count", "First examples (UTC)"],
            q.Checks.Select(c => (IReadOnlyList<string>)[c.Name, DataOptions.N(c.Count),
                c.Examples.Count == 0 ? "-" : string.Join("\n", c.Examples.Select(e => $"{e.TimeUtc:yyyy-MM-dd HH:mm} {e.Detail}"))]));
        DataInfoCommand.PrintGaps(o, q);
        o.Line($"Spikes: robust z > {q.Options.SpikeZ}; stale: {q.Options.StaleMinBars}+ unchanged bars. Weekends and configured holidays are not gaps.");
    }
}
