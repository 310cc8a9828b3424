using System.CommandLine;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data resample</c>: builds coarser bars (or M1 from ticks) and merges them into the store.</summary>
internal static class DataResampleCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("resample", "Build coarser bars from stored ones (Tick → M1 … W1; D1 closes 17:00 New York) and store them.");
        var symbol = DataOptions.Symbol();
        var fromTf = DataOptions.Timeframe("--from-tf", description: "Source timeframe (Tick, M1, ...).");
        var toTf = DataOptions.Timeframe("--to-tf", description: "Target timeframe (M5, M15, M30, H1, H4, D1, W1).");
        var from = DataOptions.From();
        var to = DataOptions.To();
        foreach (var o in new Option[] { symbol, fromTf, toTf, from, to }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var sym = DataOptions.ParseSymbol(ctx, r.GetValue(symbol)!).Symbol;
            var source = DataOptions.ParseTimeframe(r.GetValue(fromTf)!);
            var target = DataOptions.ParseTimeframe(r.GetValue(toTf)!);
            var (f, t) = DataOptions.ParseRange(r, from, to);
            var store = BarStore.Open(ctx.DataDir);
            ctx.Out.Step($"Resampling {sym} {source} → {target}");
            var (result, read) = Resample(store, ctx, sym, source, target, f, t);
            var w = store.WriteBars(result);
            ctx.Out.Line($"  {DataOptions.N(read)} {source} rows → {DataOptions.N(result.Count)} {target} bars, {DataOptions.Utc(result.Count > 0 ? result.TimeAt(0) : null)} → " +
                         $"{DataOptions.Utc(result.Count > 0 ? result.TimeAt(result.Count - 1) : null)} UTC");
            ctx.Out.Line($"  store: {DataOptions.N(w.Added)} new, {DataOptions.N(w.Replaced)} replaced, {DataOptions.N(w.Unchanged)} already stored");
            return CliApp.Ok;
        });
        return cmd;
    }

    public static (BarSeries Bars, long Read) Resample(BarStore store, CliContext ctx, string symbol, Timeframe source, Timeframe target, DateTime? from, DateTime? to)
    {
        if (source.IsTick)
        {
            var ticks = store.LoadTicks(symbol, from, to);
            if (ticks.Count == 0) throw new Core.Errors.DataException($"no {symbol} ticks in {store.DataDir}.");
            if (target.IsTick) throw new Core.Errors.UsageException("--to-tf must be a bar timeframe.");
            return (TickBarAggregator.Aggregate(ticks, ctx.Calendar, target).Bars, ticks.Count);
        }
        var bars = DataOptions.LoadOrExplain(store, symbol, source, from, to);
        return (BarResampler.Resample(bars, target, ctx.Calendar), bars.Count);
    }
}
