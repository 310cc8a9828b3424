using System.CommandLine;
using System.Globalization;
using Platform3.Core.Errors;
using Platform3.MarketData.Quality;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data info</c>: one series' partitions, range, row count and gaps.</summary>
internal static class DataInfoCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("info", "Show one stored series: partitions, UTC range, rows, and gaps inside trading hours.");
        var symbol = DataOptions.Symbol();
        var timeframe = DataOptions.Timeframe();
        cmd.Options.Add(symbol);
        cmd.Options.Add(timeframe);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var sym = DataOptions.ParseSymbol(ctx, r.GetValue(symbol)!).Symbol;
            var tf = DataOptions.ParseTimeframe(r.GetValue(timeframe)!);
            var store = BarStore.Open(ctx.DataDir);
            var info = store.Info(sym, tf);
            if (info is null)
            {
                var held = store.List().Where(i => i.Symbol == sym).Select(i => i.Timeframe.Name).ToList();
                throw new DataException($"no {sym} {tf} data in {store.DataDir}" + (held.Count > 0 ? $"; stored for {sym}: {string.Join(", ", held)}." : "."));
            }
            ctx.Out.Line($"{sym} {tf}: {DataOptions.N(info.Count)} {(tf.IsTick ? "ticks" : "bars")}, {DataOptions.Utc(info.FirstUtc)} → {DataOptions.Utc(info.LastUtc)} UTC, {DataOptions.Bytes(info.Bytes)}");
            ctx.Out.Table(["Partition", "Rows", "First (UTC)", "Last (UTC)", "Size"],
                info.Partitions.Select(p => (IReadOnlyList<string>)[Path.GetFileName(p.File), DataOptions.N(p.Count), DataOptions.Utc(p.FirstUtc), DataOptions.Utc(p.LastUtc), DataOptions.Bytes(p.Bytes)]));
            if (tf.IsTick) return CliApp.Ok;
            var bars = store.LoadBars(sym, tf);
            var q = DataQuality.Analyze(bars, ctx.Calendar);
            PrintGaps(ctx.Out, q);
            ctx.Out.Line(bars.HasAsk ? "Prices: bid and ask OHLC." : bars.Spread is not null ? "Prices: bid OHLC with a spread column." : "Prices: bid OHLC only (no ask, no spread).");
            return CliApp.Ok;
        });
        return cmd;
    }

    public static void PrintGaps(CliOutput o, QualityReport q)
    {
        var g = q.GapSizes;
        o.Line($"Gaps inside trading hours: {DataOptions.N(q.Gaps.Count)} ({DataOptions.N(g.MissingBars)} missing {q.Timeframe} bars); " +
               $"by length: ≤5 min {DataOptions.N(g.UpTo5)}, 5–60 min {DataOptions.N(g.UpTo60)}, 1–24 h {DataOptions.N(g.UpTo1440)}, > 24 h {DataOptions.N(g.Longer)}");
        foreach (var e in g.Longest) o.Line($"  longest: {e.Detail}");
    }

    internal static string Count(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
