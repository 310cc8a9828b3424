using System.CommandLine;
using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary>
/// <c>p3 ta</c>: computes indicators over stored bars (batch mode) and writes them to CSV/Parquet, or prints the
/// last rows. Bars before --from are loaded for warm-up, so the first output row already has settled values.
/// </summary>
internal static class TaCommand
{
    /// <summary>History loaded before --from: this many times the longest warm-up (recursive indicators need more than their warm-up to settle).</summary>
    public const int WarmUpFactor = 10;

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("ta", "Technical indicators over stored bars: e.g. --indicators \"rsi(14),macd(12,26,9),bb(20,2)\" --out ind.parquet.");
        var symbol = DataOptions.Symbol(required: false);
        var timeframe = DataOptions.Timeframe(defaultValue: "H1");
        var indicators = new Option<string?>("--indicators") { Description = "Comma-separated specs, e.g. \"rsi(14),macd(12,26,9),bb(20,2),atr(14),sma(50,field=mid)\"." };
        var from = DataOptions.From();
        var to = DataOptions.To();
        var output = new Option<string?>("--out") { Description = "Output file (.csv or .parquet). Without it the last rows are printed." };
        var tail = new Option<int>("--tail") { Description = "Rows to print when there is no --out.", DefaultValueFactory = _ => 10 };
        var list = new Option<bool>("--list") { Description = "List every indicator with its parameters and outputs." };
        foreach (var o in new Option[] { symbol, timeframe, indicators, from, to, output, tail, list }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            if (r.GetValue(list))
            {
                ctx.Out.Table(["indicator", "usage", "what"], IndicatorFactory.Available.Select(d => (IReadOnlyList<string>)[d.Name, d.Signature, d.Summary]),
                    $"{IndicatorFactory.Available.Count} indicators");
                return CliApp.Ok;
            }
            var symbolText = r.GetValue(symbol) ?? throw new UsageException("--symbol is required (e.g. --symbol EURUSD).");
            var specs = r.GetValue(indicators) ?? throw new UsageException("--indicators is required, e.g. --indicators \"rsi(14),bb(20,2)\" (see p3 ta --list).");
            var sym = DataOptions.ParseSymbol(ctx, symbolText).Symbol;
            var tf = DataOptions.ParseTimeframe(r.GetValue(timeframe)!);
            if (tf.IsTick) throw new UsageException("p3 ta works on bars; pick a bar timeframe such as M1 or H1.");
            var (f, t) = DataOptions.ParseRange(r, from, to);
            var list2 = IndicatorFactory.CreateMany(specs);
            var store = BarStore.Open(ctx.DataDir);
            var warmUp = list2.Max(i => i.WarmUpPeriod) * WarmUpFactor;
            // Calendar-driven indicators (weekly pivots) need whole periods of history, at least two weeks.
            var lookback = TimeSpan.FromTicks(Math.Max(tf.DurationTicks * warmUp * 7 / 5, TimeSpan.FromDays(15).Ticks));
            var loadFrom = f is null ? (DateTime?)null : f.Value - lookback;
            var bars = DataOptions.LoadOrExplain(store, sym, tf, loadFrom, t);
            var start = f is null ? 0 : bars.LowerBound(f.Value.Ticks);
            if (start >= bars.Count) throw new DataException($"no {sym} {tf} bars from {DataOptions.Utc(f)} in {store.DataDir}.");
            var results = list2.Select(i => i.Compute(bars)).ToList();
            var knownAt = new long[bars.Count];
            for (var i = 0; i < bars.Count; i++) knownAt[i] = ctx.Calendar.BarCloseUtcTicks(tf, bars.Time[i]);
            var path = r.GetValue(output);
            if (path is not null)
            {
                TaOutput.Write(path, bars, knownAt, start, results);
                ctx.Out.Line($"Wrote {DataOptions.N(bars.Count - start)} {sym} {tf} rows × {results.Sum(x => x.OutputNames.Count)} indicator columns " +
                             $"to {Path.GetFullPath(path)} (warm-up from {DataOptions.N(start)} earlier bars; time_utc = bar open, known_at_utc = bar close).");
                return CliApp.Ok;
            }
            var rows = Math.Max(1, r.GetValue(tail));
            var headers = new List<string> { "bar open (UTC)", "close" };
            headers.AddRange(results.SelectMany(x => Enumerable.Range(0, x.OutputNames.Count).Select(x.ColumnName)));
            var first = Math.Max(start, bars.Count - rows);
            ctx.Out.Table(headers, Enumerable.Range(first, bars.Count - first).Select(i =>
            {
                var cells = new List<string> { DataOptions.Utc(bars.TimeAt(i)), Fmt(bars.Close[i]) };
                cells.AddRange(results.SelectMany(x => Enumerable.Range(0, x.OutputNames.Count).Select(k => Fmt(x[k][i]))));
                return (IReadOnlyList<string>)cells;
            }), $"{sym} {tf}: last {bars.Count - first} of {DataOptions.N(bars.Count - start)} bars");
            return CliApp.Ok;
        });
        return cmd;
    }

    internal static string Fmt(double v) => double.IsNaN(v) ? "-" : v.ToString(Math.Abs(v) >= 1000 ? "0.##" : "0.######", CultureInfo.InvariantCulture);
}
