using System.CommandLine;
using Platform3.Core.Errors;
using Platform3.MarketData.Export;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data export</c>: a stored series to Parquet or CSV.</summary>
internal static class DataExportCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("export", "Export stored bars or ticks to Parquet (DuckDB/pandas ready) or CSV (.gz compresses).");
        var symbol = DataOptions.Symbol();
        var timeframe = DataOptions.Timeframe();
        var format = new Option<string>("--format") { Description = "parquet or csv.", Required = true };
        var output = new Option<string>("--out") { Description = "Output file.", Required = true };
        var from = DataOptions.From();
        var to = DataOptions.To();
        foreach (var o in new Option[] { symbol, timeframe, format, output, from, to }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var sym = DataOptions.ParseSymbol(ctx, r.GetValue(symbol)!).Symbol;
            var tf = DataOptions.ParseTimeframe(r.GetValue(timeframe)!);
            var fmt = r.GetValue(format)!.Trim().ToLowerInvariant();
            if (fmt is not ("parquet" or "csv")) throw new UsageException($"Unknown export format '{fmt}'. Valid formats: parquet, csv.");
            var path = r.GetValue(output)!;
            var (f, t) = DataOptions.ParseRange(r, from, to);
            var store = BarStore.Open(ctx.DataDir);
            long rows;
            if (tf.IsTick)
            {
                var ticks = store.LoadTicks(sym, f, t);
                if (ticks.Count == 0) throw new DataException($"no {sym} ticks in {store.DataDir}.");
                if (fmt == "parquet") BarExporter.ToParquet(ticks, path); else BarExporter.ToCsv(ticks, path);
                rows = ticks.Count;
            }
            else
            {
                var bars = DataOptions.LoadOrExplain(store, sym, tf, f, t);
                if (fmt == "parquet") BarExporter.ToParquet(bars, path); else BarExporter.ToCsv(bars, path);
                rows = bars.Count;
            }
            ctx.Out.Line($"Wrote {DataOptions.N(rows)} {sym} {tf} rows to {Path.GetFullPath(path)} ({fmt}, times in UTC{(tf.IsTick ? "" : ", bar open time")}).");
            return CliApp.Ok;
        });
        return cmd;
    }
}
