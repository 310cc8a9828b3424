using System.CommandLine;
using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data synth</c>: seeded synthetic bid/ask data into the store.</summary>
internal static class DataSynthCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("synth", "Generate seeded synthetic bid/ask data (random walk or regime model) on the FX calendar and store it.");
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated pairs, e.g. EURUSD,GBPUSD (generated together: correlated, crosses consistent).", Required = true };
        var timeframe = DataOptions.Timeframe(defaultValue: "M1", description: "Tick, M1 (default) or a coarser frame (made from M1).");
        var from = new Option<string>("--from") { Description = "Start (UTC), e.g. 2024-01-01.", Required = true };
        var to = new Option<string>("--to") { Description = "End (UTC, exclusive), e.g. 2025-01-01.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same data).", DefaultValueFactory = _ => 42 };
        var model = new Option<string>("--model") { Description = "randomwalk (the null model) or regime (default).", DefaultValueFactory = _ => "regime" };
        foreach (var o in new Option[] { symbols, timeframe, from, to, seed, model }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var syms = r.GetValue(symbols)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => DataOptions.ParseSymbol(ctx, s).Symbol).Distinct().ToList();
            if (syms.Count == 0) throw new UsageException("--symbols: give at least one pair, e.g. EURUSD.");
            var tf = DataOptions.ParseTimeframe(r.GetValue(timeframe)!);
            var f = DataOptions.ParseDate(r.GetValue(from), "--from")!.Value;
            var t = DataOptions.ParseDate(r.GetValue(to), "--to")!.Value;
            if (t <= f) throw new UsageException("--to must be after --from.");
            var m = SynthModels.Parse(r.GetValue(model)!);
            var s = r.GetValue(seed);
            var store = BarStore.Open(ctx.DataDir);
            var rows = Generate(ctx, store, syms, tf, f, t, m, s);
            ctx.Out.Table(["Symbol", "Timeframe", "Rows", "First (UTC)", "Last (UTC)", "First close", "Last close"], rows);
            ctx.Out.Line($"Stored in {store.DataDir} (model {m}, seed {s}).");
            return CliApp.Ok;
        });
        return cmd;
    }

    public static List<IReadOnlyList<string>> Generate(CliContext ctx, BarStore store, IReadOnlyList<string> symbols, Timeframe tf,
        DateTime from, DateTime to, SynthModel model, int seed)
    {
        var market = new SyntheticMarket(new SynthOptions { Calendar = ctx.Calendar, Instruments = ctx.Instruments });
        var rows = new List<IReadOnlyList<string>>();
        if (tf.IsTick)
        {
            foreach (var sym in symbols)
            {
                ctx.Out.Step($"Synthesising {sym} ticks {from:yyyy-MM-dd} → {to:yyyy-MM-dd} ({model}, seed {seed})");
                var ticks = market.Ticks(sym, from, to, model, seed);
                store.WriteTicks(ticks);
                rows.Add([sym, "Tick", DataOptions.N(ticks.Count), Time(ticks.Count > 0 ? ticks.Time[0] : null), Time(ticks.Count > 0 ? ticks.Time[^1] : null),
                    ticks.Count > 0 ? P(ticks.Bid[0]) : "-", ticks.Count > 0 ? P(ticks.Bid[^1]) : "-"]);
            }
            return rows;
        }
        ctx.Out.Step($"Synthesising {string.Join(", ", symbols)} M1 {from:yyyy-MM-dd} → {to:yyyy-MM-dd} ({model}, seed {seed})");
        foreach (var m1 in market.M1(symbols, from, to, model, seed))
        {
            var bars = tf == Timeframe.M1 ? m1 : BarResampler.Resample(m1, tf, ctx.Calendar);
            store.WriteBars(bars);
            rows.Add([bars.Symbol, tf.Name, DataOptions.N(bars.Count), DataOptions.Utc(bars.Count > 0 ? bars.TimeAt(0) : null),
                DataOptions.Utc(bars.Count > 0 ? bars.TimeAt(bars.Count - 1) : null), bars.Count > 0 ? P(bars.Close[0]) : "-", bars.Count > 0 ? P(bars.Close[^1]) : "-"]);
        }
        return rows;
    }

    private static string Time(long? ticks) => ticks is null ? "-" : DataOptions.Utc(new DateTime(ticks.Value, DateTimeKind.Utc));
    private static string P(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);
}
