using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Platform3.AI.Features;
using Platform3.AI.Features.Checks;
using Platform3.AI.Features.Storage;
using Platform3.Core.Errors;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 features list|build|check</c>: the offline feature store and its two correctness checks.</summary>
internal static class FeaturesCommands
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("features", "Feature sets: list them, build training matrices (Parquet), check for lookahead and online = offline.");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Build(context));
        cmd.Subcommands.Add(Check(context));
        return cmd;
    }

    private static Command List()
    {
        var tf = AiCli.Optional("--timeframe", "Show columns for this timeframe (default: the set's first).");
        var cmd = new Command("list", "List the feature sets defined in code, with their hash and columns.");
        cmd.Options.Add(tf);
        cmd.SetAction(r =>
        {
            var o = r.InvocationConfiguration.Output;
            foreach (var set in FeatureSetCatalog.All)
            {
                var t = r.GetValue(tf) is { } s ? AiCli.ParseTimeframe(s) : set.Timeframes[0];
                if (!set.Timeframes.Contains(t)) continue;
                var names = set.Names(t);
                o.WriteLine($"{set.Id}  ({string.Join(",", set.Timeframes)})  hash {set.Hash(t)[..12]} on {t}  {names.Count} columns  warm-up ≤ {set.MaxWarmUp(t)} bars");
                o.WriteLine($"  {set.Description}");
                o.WriteLine($"  {string.Join(", ", names)}");
            }
            return 0;
        });
        return cmd;
    }

    private sealed record Common(Option<string> Set, Option<string> Symbol, Option<string> Timeframe, Option<string> From, Option<string> To)
    {
        public (FeatureSet Set, Core.Domain.Instrument Instrument, Core.Domain.Timeframe Timeframe, DateTime From, DateTime To) Read(ParseResult r, CliContext ctx) =>
            (FeatureSetCatalog.Get(r.GetValue(Set)!), ctx.Instruments.Get(r.GetValue(Symbol)!), AiCli.ParseTimeframe(r.GetValue(Timeframe)!),
             AiCli.ParseUtc(r.GetValue(From)!, "--from"), AiCli.ParseUtc(r.GetValue(To)!, "--to"));
    }

    private static Common AddCommon(Command cmd)
    {
        var c = new Common(AiCli.Required("--set", "Feature set, e.g. core@2."), AiCli.Required("--symbol", "Instrument, e.g. EURUSD."),
            AiCli.Required("--timeframe", "Bar timeframe, e.g. M15."), AiCli.Required("--from", "First bar (UTC), yyyy-MM-dd[THH:mm]."),
            AiCli.Required("--to", "End (UTC, exclusive)."));
        cmd.Options.Add(c.Set); cmd.Options.Add(c.Symbol); cmd.Options.Add(c.Timeframe); cmd.Options.Add(c.From); cmd.Options.Add(c.To);
        return c;
    }

    private static Command Build(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("build", "Build the feature matrix for a symbol, timeframe and range into a Parquet file (cached by feature-set hash and data fingerprint).");
        var c = AddCommon(cmd);
        var output = AiCli.Optional("--out", "Write the matrix to this Parquet file (it is also cached under DATA_DIR/features).");
        var noCache = new Option<bool>("--no-cache") { Description = "Rebuild even if a cached matrix exists." };
        cmd.Options.Add(output);
        cmd.Options.Add(noCache);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var (set, instrument, tf, from, to) = c.Read(r, ctx);
            if (to <= from) throw new UsageException("--to must be after --from.");
            var symbol = instrument.Symbol;
            var store = new FeatureStore(ctx.DataDir, ctx.Instruments, ctx.Calendar);
            ctx.Out.Step($"building {set.Id} for {symbol} {tf} {AiCli.Utc(from)} → {AiCli.Utc(to)}");
            var sw = Stopwatch.StartNew();
            var frame = store.Build(set, symbol, tf, from, to, out var hit, out var cachePath, useCache: !r.GetValue(noCache));
            sw.Stop();
            var path = r.GetValue(output);
            if (path is not null) FeatureFile.Write(path, frame);
            var o = r.InvocationConfiguration.Output;
            o.WriteLine($"rows {frame.Count}, columns {frame.Width}, warm-up excluded {frame.WarmUpExcluded}, {(hit ? "from cache" : "built")} in {sw.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
            o.WriteLine($"feature set {frame.FeatureSet} hash {frame.FeatureSetHash[..12]}, data sha256 {frame.DataFingerprint[..12]}");
            if (frame.Count > 0) o.WriteLine($"first row {AiCli.Utc(frame.BarTime[0])}, last row {AiCli.Utc(frame.BarTime[^1])} (bar open, UTC)");
            o.WriteLine($"cache {cachePath}");
            if (path is not null) o.WriteLine($"wrote {Path.GetFullPath(path)}");
            return 0;
        });
        return cmd;
    }

    private static Command Check(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("check", "Run the lookahead check (recompute on data truncated at random times) and the online = offline check, bit for bit.");
        var c = AddCommon(cmd);
        var samples = new Option<int>("--samples") { Description = "Truncation points for the lookahead check (default 20).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed for the truncation points.", DefaultValueFactory = _ => 1 };
        cmd.Options.Add(samples);
        cmd.Options.Add(seed);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var (set, instrument, tf, from, to) = c.Read(r, ctx);
            var store = new FeatureStore(ctx.DataDir, ctx.Instruments, ctx.Calendar);
            var inputs = store.LoadInputs(set, instrument.Symbol, tf, from, to);
            var o = r.InvocationConfiguration.Output;
            ctx.Out.Step($"{set.Id} on {instrument.Symbol} {tf}: {inputs.Bars.Count} bars from {AiCli.Utc(inputs.LoadFromUtc)} (with warm-up history)");
            var results = new[]
            {
                FeatureChecks.Lookahead(set, instrument, inputs.Bars, ctx.Calendar, inputs.Universe, r.GetValue(samples), r.GetValue(seed)),
                FeatureChecks.OnlineEqualsOffline(set, instrument, inputs.Bars, ctx.Calendar, inputs.Universe),
            };
            foreach (var res in results)
            {
                o.WriteLine($"{res.Name}: {(res.Passed ? "PASS" : "FAIL")} ({res.Checked} rows compared bit for bit, {res.Mismatches.Count} mismatches)");
                foreach (var m in res.Mismatches.Take(10)) o.WriteLine($"  {m}");
                if (!res.Passed && res.FailingFeatures.Count > 0) o.WriteLine($"  failing features: {string.Join(", ", res.FailingFeatures)}");
            }
            if (results.Any(x => !x.Passed)) throw new DataException($"feature check failed for {set.Id} on {instrument.Symbol} {tf}.");
            return 0;
        });
        return cmd;
    }
}
