using System.CommandLine;
using System.Globalization;
using Platform3.AI.Experiments;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 experiments list|show|compare</c>: recorded training runs.</summary>
internal static class ExperimentsCommands
{
    private static readonly string[] Headline = ["accuracy", "auc", "log_loss", "ic"];

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("experiments", "Recorded training runs: parameters, data fingerprint, git commit, seeds, metrics, artifacts.");
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(Show(context));
        cmd.Subcommands.Add(Compare(context));
        return cmd;
    }

    private static ExperimentStore Store(CliContext ctx) => ExperimentStore.ForDataDir(ctx.DataDir);

    private static Command List(Func<ParseResult, CliContext> context)
    {
        var name = AiCli.Optional("--name", "Only runs of this model.");
        var limit = new Option<int>("--limit") { Description = "How many (default 20).", DefaultValueFactory = _ => 20 };
        var cmd = new Command("list", "List runs, newest first.");
        cmd.Options.Add(name); cmd.Options.Add(limit);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var runs = Store(ctx).List(r.GetValue(name), r.GetValue(limit));
            if (runs.Count == 0) { r.InvocationConfiguration.Output.WriteLine("no runs recorded"); return 0; }
            AiCli.Table(r.InvocationConfiguration.Output, ["run", "model", "status", "started (UTC)", "s", "features", "data", .. Headline, "majority acc"],
                runs.Select(x => (IReadOnlyList<string>)
                [
                    x.Id, x.Name, x.Status.ToString().ToLowerInvariant(), AiCli.Utc(x.StartedUtc), x.DurationSeconds.ToString("F0", CultureInfo.InvariantCulture),
                    x.FeatureSet, $"{string.Join("+", x.Data.Symbols)} {x.Data.Timeframe} {x.Data.Bars}", .. Headline.Select(h => AiCli.F(x.Overall(h))),
                    AiCli.F(x.Overall("accuracy", "majority")),
                ]));
            return 0;
        });
        return cmd;
    }

    private static Command Show(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("run") { Description = "Run id (or a unique prefix)." };
        var cmd = new Command("show", "Show a run: parameters, lineage, metrics per fold and overall, artifacts.");
        cmd.Arguments.Add(id);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var store = Store(ctx);
            var x = store.Get(r.GetValue(id)!);
            var o = r.InvocationConfiguration.Output;
            o.WriteLine($"run {x.Id}  model {x.Name}  {x.Status.ToString().ToLowerInvariant()}  started {AiCli.Utc(x.StartedUtc)} UTC  {x.DurationSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
            if (x.Error is not null) o.WriteLine($"error: {x.Error}");
            o.WriteLine($"features {x.FeatureSet} (hash {x.FeatureSetHash[..Math.Min(12, x.FeatureSetHash.Length)]}), data {x.Data}");
            o.WriteLine($"git {x.GitCommit ?? "(unknown)"}, seeds {string.Join(", ", x.Seeds.Select(s => $"{s.Key}={s.Value}"))}");
            foreach (var (k, v) in x.Parameters) o.WriteLine($"  {k}: {v}");
            var subjects = x.Metrics.Where(m => m.Subject is not ("fold" or "param")).Select(m => m.Subject).Distinct().ToArray();
            var folds = x.Metrics.Select(m => m.Fold).Distinct().Order().ToArray();
            var metricNames = x.Metrics.Where(m => m.Subject == "model").Select(m => m.Metric).Distinct()
                .Where(m => m != "count").ToArray();
            foreach (var subject in subjects)
            {
                AiCli.Table(r.InvocationConfiguration.Output, ["fold", .. metricNames], folds.Select(f => (IReadOnlyList<string>)
                [
                    f < 0 ? "overall" : f.ToString(CultureInfo.InvariantCulture),
                    .. metricNames.Select(n => AiCli.F(x.Metrics.FirstOrDefault(m => m.Fold == f && m.Subject == subject && m.Metric == n)?.Value ?? double.NaN)),
                ]), subject);
            }
            foreach (var a in x.Artifacts) o.WriteLine($"artifact {a.Name,-24} {a.Bytes,10} bytes  sha256 {a.Sha256[..12]}  {Path.Combine(store.Root, a.RelativePath)}");
            return 0;
        });
        return cmd;
    }

    private static Command Compare(Func<ParseResult, CliContext> context)
    {
        var ids = new Argument<string[]>("runs") { Description = "Two or more run ids (or prefixes).", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("compare", "Compare runs side by side: overall metrics of the model and the baselines, and what differs in their parameters.");
        cmd.Arguments.Add(ids);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var store = Store(ctx);
            var runs = r.GetValue(ids)!.Select(store.Get).ToArray();
            var rows = new List<IReadOnlyList<string>>();
            var keys = runs.SelectMany(x => x.Metrics.Where(m => m.Fold < 0 && m.Subject is not ("fold" or "param")).Select(m => (m.Subject, m.Metric)))
                .Distinct().Where(k => k.Metric is "accuracy" or "balanced_accuracy" or "auc" or "log_loss" or "brier" or "ic" or "rmse" or "hit_rate")
                .OrderBy(k => k.Subject == "model" ? 0 : 1).ThenBy(k => k.Subject, StringComparer.Ordinal);
            foreach (var (subject, metric) in keys)
                rows.Add([$"{subject}.{metric}", .. runs.Select(x => AiCli.F(x.Overall(metric, subject)))]);
            foreach (var p in runs.SelectMany(x => x.Parameters.Keys).Distinct())
            {
                var values = runs.Select(x => x.Parameters.GetValueOrDefault(p, "-")).ToArray();
                if (values.Distinct().Count() > 1) rows.Add([p, .. values]);
            }
            rows.Add(["data", .. runs.Select(x => x.Data.ContentHash[..12])]);
            rows.Add(["git", .. runs.Select(x => x.GitCommit is null ? "-" : x.GitCommit[..Math.Min(12, x.GitCommit.Length)])]);
            AiCli.Table(r.InvocationConfiguration.Output, ["", .. runs.Select(x => x.Id)], rows);
            return 0;
        });
        return cmd;
    }
}
