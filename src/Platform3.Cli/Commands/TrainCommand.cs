using System.CommandLine;
using System.Globalization;
using Platform3.AI.Registry;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Metrics;
using Platform3.AI.Training.Pipeline;

namespace Platform3.Cli.Commands;

/// <summary>
/// <c>p3 train --config config/models/NAME.yaml</c>: purged walk-forward training with progress per fold,
/// out-of-sample metrics beside the baselines, registration, then the trading evaluation of the
/// out-of-sample predictions and a walk-forward retraining backtest.
/// <c>p3 train --reproduce NAME@VERSION</c> retrains from a registered version's lineage and compares.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var config = AiCli.Optional("--config", "Model config YAML (config/models/NAME.yaml).");
        var reproduce = AiCli.Optional("--reproduce", "Retrain NAME@VERSION from its recorded run and check the predictions are identical.");
        var noRegister = new Option<bool>("--no-register") { Description = "Train and record the run, but do not register the model." };
        var noEval = new Option<bool>("--no-eval") { Description = "Skip the trading evaluation." };
        var cmd = new Command("train", "Train a model from its YAML config: purged walk-forward, baselines, metrics, experiment record, registry.");
        cmd.Options.Add(config);
        cmd.Options.Add(reproduce);
        cmd.Options.Add(noRegister);
        cmd.Options.Add(noEval);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var o = r.InvocationConfiguration.Output;
            var job = new TrainingJob(ctx.DataDir, ctx.Instruments, ctx.Calendar);
            if (r.GetValue(reproduce) is { } reference)
            {
                var version = job.Registry.Resolve(reference);
                var (max, rows, runId) = job.Reproduce(version, ctx.Out.Step);
                o.WriteLine($"retrained {version.Ref} from run {runId} on {rows} rows: max |Δp| = {max.ToString("G3", CultureInfo.InvariantCulture)}");
                o.WriteLine(max == 0 ? "identical predictions" : "predictions DIFFER");
                return max == 0 ? 0 : CliApp.DataError;
            }
            var path = r.GetValue(config) ?? throw new Core.Errors.UsageException("Give --config FILE (or --reproduce NAME@VERSION).");
            var cfg = ModelConfigLoader.Load(path, ctx.Instruments);
            ctx.Out.Step($"{cfg.Name}: {string.Join(",", cfg.Symbols)} {cfg.Timeframe} {AiCli.Utc(cfg.FromUtc)} → {AiCli.Utc(cfg.ToUtc)}, {cfg.FeatureSet}, {cfg.Label}");
            var outcome = job.Run(cfg, ctx.Out.Step, f => PrintFold(o, f), register: r.GetValue(noRegister) ? false : null);
            PrintSummary(ctx, o, outcome);
            if (!r.GetValue(noEval)) TrainEvaluation.Run(ctx, outcome, o);
            return 0;
        });
        return cmd;
    }

    private static readonly string[] Headline = ["accuracy", "balanced_accuracy", "auc", "log_loss", "brier"];
    private static readonly string[] RegressionHeadline = ["ic", "pearson", "hit_rate", "rmse", "r2"];

    private static void PrintFold(TextWriter o, FoldResult f)
    {
        var keys = f.Model.TryGet("ic", out _) ? RegressionHeadline : Headline;
        var best = f.Parameters.Count == 0 ? "" : "  params " + string.Join(" ", f.Parameters.Select(p => $"{p.Key}={p.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
        o.WriteLine($"fold {f.Index}: train {f.TrainRows} [{AiCli.Utc(f.TrainFromTicks)} → {AiCli.Utc(f.TrainToTicks)}] purged {f.Purged} embargo {f.Embargoed}, " +
                    $"test {f.TestRows} [{AiCli.Utc(f.TestFromTicks)} → {AiCli.Utc(f.TestToTicks)}] " +
                    string.Join(" ", keys.Select(k => $"{k}={AiCli.F(f.Model.GetOrNaN(k))}")) + best +
                    $"  ({f.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
    }

    private static void PrintSummary(CliContext ctx, TextWriter o, TrainingOutcome outcome)
    {
        var r = outcome.Result;
        var keys = r.Overall.TryGet("ic", out _) ? RegressionHeadline : Headline;
        var rows = new List<IReadOnlyList<string>> { Row("model", r.Overall, keys) };
        rows.AddRange(r.BaselineOverall.Select(b => Row(b.Key + " (baseline)", b.Value, keys)));
        o.WriteLine();
        o.WriteLine($"out-of-sample ({r.Overall.GetOrNaN("count").ToString(CultureInfo.InvariantCulture)} rows over {r.Folds.Count} folds):");
        AiCli.Table(o, ["", .. keys], rows);
        var perClass = r.Overall.Items.Where(m => m.Key.StartsWith("precision[", StringComparison.Ordinal) || m.Key.StartsWith("recall[", StringComparison.Ordinal));
        if (perClass.Any()) o.WriteLine("per class: " + string.Join("  ", perClass.Select(m => $"{m.Key}={AiCli.F(m.Value, 3)}")));
        var top = outcome.Dataset.FeatureNames.Zip(r.FeatureImportance).OrderByDescending(p => p.Second).Take(8);
        if (r.FeatureImportance.Count > 0) o.WriteLine("top features: " + string.Join(", ", top.Select(p => $"{p.First} {AiCli.F(p.Second * 100, 1)}%")));
        o.WriteLine($"run {outcome.RunId} ({r.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s), data {outcome.Data}");
        if (outcome.OnnxNote is not null) o.WriteLine(outcome.OnnxNote);
        if (outcome.Registered is { } v)
            o.WriteLine($"registered {v.Ref} (sha256 {v.Sha256[..12]}); promote with: p3 models promote {v.Name} --version {v.Version} --alias champion");
    }

    private static List<string> Row(string name, MetricSet m, string[] keys) => [name, .. keys.Select(k => AiCli.F(m.GetOrNaN(k)))];
}
