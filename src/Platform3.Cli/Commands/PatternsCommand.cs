using System.CommandLine;
using System.Globalization;
using Platform3.Core.Errors;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary>
/// <c>p3 patterns</c>: candlestick, chart and Elliott detections over stored bars, each with the time it became
/// known (the close of the confirming bar).
/// </summary>
internal static class PatternsCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("patterns", "Candlestick, chart-pattern and Elliott detections with their confirmation times.");
        var symbol = DataOptions.Symbol();
        var timeframe = DataOptions.Timeframe(defaultValue: "H1");
        var kinds = new Option<string>("--kinds") { Description = "candles, chart, elliott (comma-separated) or all.", DefaultValueFactory = _ => "candles,chart,elliott" };
        var zigzag = new Option<string>("--zigzag") { Description = "Zigzag reversal for chart/Elliott: a percent (\"0.5%\") or an ATR multiple (\"3atr\", ATR 14).", DefaultValueFactory = _ => "3atr" };
        var from = DataOptions.From();
        var to = DataOptions.To();
        var limit = new Option<int>("--limit") { Description = "Show the last N detections (0 = all).", DefaultValueFactory = _ => 40 };
        foreach (var o in new Option[] { symbol, timeframe, kinds, zigzag, from, to, limit }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var sym = DataOptions.ParseSymbol(ctx, r.GetValue(symbol)!).Symbol;
            var tf = DataOptions.ParseTimeframe(r.GetValue(timeframe)!);
            if (tf.IsTick) throw new UsageException("p3 patterns works on bars; pick a bar timeframe such as H1.");
            var which = PatternScan.ParseKinds(r.GetValue(kinds)!);
            var zz = ParseZigZag(r.GetValue(zigzag)!);
            var (f, t) = DataOptions.ParseRange(r, from, to);
            var bars = DataOptions.LoadOrExplain(BarStore.Open(ctx.DataDir), sym, tf, f, t);
            var events = PatternScan.Run(bars, which, zz, ctx.Calendar);
            var n = r.GetValue(limit);
            var shown = n > 0 && events.Count > n ? events.Skip(events.Count - n).ToList() : events.ToList();
            var summary = string.Join(", ", events.GroupBy(e => e.Category).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            ctx.Out.Line($"{sym} {tf}: {DataOptions.N(bars.Count)} bars {DataOptions.Utc(bars.TimeAt(0))} → {DataOptions.Utc(bars.TimeAt(bars.Count - 1))} UTC; " +
                         $"{events.Count} detections ({(summary.Length == 0 ? "none" : summary)}); zigzag {zz}.");
            if (shown.Count == 0) return CliApp.Ok;
            ctx.Out.Table(["kind", "pattern", "dir", "start (UTC)", "end (UTC)", "confirmed (UTC)", "key level", "target", "score", "details"],
                shown.Select(e => (IReadOnlyList<string>)
                [
                    e.Category.ToString().ToLowerInvariant(), e.Name, e.Direction > 0 ? "bull" : e.Direction < 0 ? "bear" : "-",
                    DataOptions.Utc(e.StartTime), DataOptions.Utc(e.EndTime), DataOptions.Utc(e.ConfirmTime),
                    TaCommand.Fmt(e.KeyLevel), TaCommand.Fmt(e.Target), e.Score.ToString("0.00", CultureInfo.InvariantCulture), e.Details,
                ]), shown.Count < events.Count ? $"last {shown.Count} of {events.Count}" : null);
            return CliApp.Ok;
        });
        return cmd;
    }

    internal static ZigZagSettings ParseZigZag(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        try
        {
            if (s.EndsWith('%') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct)) return ZigZagSettings.ByPercent(pct);
            if (s.EndsWith("atr", StringComparison.Ordinal) && double.TryParse(s[..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out var k)) return ZigZagSettings.ByAtr(k);
        }
        catch (ArgumentOutOfRangeException) { }
        throw new UsageException($"--zigzag: expected a positive percent such as 0.5% or an ATR multiple such as 3atr, got '{text}'.");
    }
}
