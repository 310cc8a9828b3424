using System.Globalization;
using Platform3.AI.Inference;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Pipeline;
using Platform3.Core.Domain;
using Platform3.Trading.Audit;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Hosting;
using Platform3.Trading.Reports;
using Platform3.Trading.Risk;

namespace Platform3.Cli.Commands;

/// <summary>
/// The decision part of the demo: train the day-trading model walk-forward (each out-of-sample period gets a model
/// trained only on data before it), register the last one as champion, backtest the out-of-sample span through the
/// decision engine with the configured rules and risk limits on the simulated broker, write the audit log and the
/// monitoring events, verify the chain and summarise.
/// </summary>
internal static class DecideDemoSteps
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string ModelName = "demo-day";
    private static readonly Timeframe DecisionFrame = Timeframe.M15;
    /// <summary>Out-of-sample periods of the walk-forward (each scored by a model trained before it).</summary>
    private const int Periods = 3;

    public static IReadOnlyList<DemoStep> All =>
    [
        new("Build features and train the LightGBM day-trading model walk-forward (purged CV); register the champion", Train),
        new("Backtest the out-of-sample span through the decision engine (rules, risk limits, portfolio VaR) on the simulated broker", Backtest),
        new("Write the HTML report, the audit log and the trade monitoring events", Write),
        new("Verify the audit chain", Verify),
        new("Summary: the model beside its baselines, and the net trading result", Summary),
    ];

    private sealed record WalkForward(IReadOnlyList<ModelSchedule> Schedule, TrainingOutcome Last, DateTime OosFrom, DateTime OosTo);

    private static void Train(DemoContext d)
    {
        var job = new TrainingJob(d.DemoDir, d.Cli.Instruments, d.Cli.Calendar);
        // Half the data trains the first model; the rest is split into periods, each scored by a model retrained on
        // everything before it (expanding window), as it would have been in real time.
        var span = d.ToUtc - d.FromUtc;
        var oosFrom = Day(d.FromUtc + span / 2);
        var step = TimeSpan.FromDays(Math.Max(1, Math.Floor((d.ToUtc - oosFrom).TotalDays / Periods)));
        var schedule = new List<ModelSchedule>();
        TrainingOutcome? last = null;
        for (var k = 0; k < Periods; k++)
        {
            var from = oosFrom + k * step;
            var config = ModelConfigLoader.Parse(Config(d, from), $"{ModelName}.yaml");
            var outcome = job.Run(config, progress: m => d.Out.Line("   " + m));
            var v = outcome.Registered ?? throw new InvalidOperationException("the demo model was not registered");
            schedule.Add(new ModelSchedule(from, $"{v.Name}@{v.Version}"));
            d.Out.Line($"   {v.Ref}: trained on {Utc(d.FromUtc)} → {Utc(from)}, scores {Utc(from)} → {Utc(k == Periods - 1 ? d.ToUtc : from + step)}; " +
                       $"out-of-sample AUC {F(outcome.Result.Overall.GetOrNaN("auc"), 3)}, accuracy {F(outcome.Result.Overall.GetOrNaN("accuracy"), 3)}");
            last = outcome;
        }
        var champion = last!.Registered!;
        job.Registry.Promote(champion.Name, "champion", champion.Version, "demo", "latest walk-forward model");
        d.Out.Line($"   {champion.Name}@champion → version {champion.Version}");
        d.Shared["decide.walkforward"] = new WalkForward(schedule, last, oosFrom, d.ToUtc);
    }

    /// <summary>The model config of one walk-forward period: M15 bars of the demo pairs, core features, a 1-hour label.</summary>
    private static string Config(DemoContext d, DateTime trainTo) => $"""
        name: {ModelName}
        symbols: [{string.Join(", ", d.Symbols)}]
        timeframe: {DecisionFrame.Name}
        range: {"{"} from: {d.FromUtc:yyyy-MM-dd}, to: {trainTo:yyyy-MM-dd} {"}"}
        features: core@1
        label: {"{"} kind: fixed-horizon, horizon: 4 {"}"}
        trainer:
          kind: lightgbm-binary
          threads: 1
          params: {"{"} num_iterations: 60, num_leaves: 15, min_data_in_leaf: 200, learning_rate: 0.05 {"}"}
        cv: {"{"} mode: expanding, folds: 3, min_train: {MinTrain(d, trainTo)}, embargo: 8 {"}"}
        seeds: {"{"} training: {d.Seed}, hpo: {d.Seed} {"}"}
        """;

    /// <summary>A third of the expected rows (M15 bars on weekdays, all pairs pooled) trains the first fold.</summary>
    private static int MinTrain(DemoContext d, DateTime trainTo) =>
        Math.Max(500, (int)((trainTo - d.FromUtc).TotalDays * 5 / 7 * 96 * d.Symbols.Count / 3));

    private static void Backtest(DemoContext d)
    {
        var wf = (WalkForward)d.Shared["decide.walkforward"];
        var config = DecisionEngineConfig.Load(d.Cli.ConfigDir, d.Cli.Instruments);
        // Feature warm-up: start the feed a week before the first scored period (no model signal before it).
        var feedFrom = wf.OosFrom.AddDays(-7);
        var data = new MarketDataSet();
        foreach (var symbol in d.Symbols)
            data.AddBars(d.Cli.Instruments.Get(symbol), d.Store.LoadBars(symbol, Timeframe.M5, feedFrom, wf.OosTo));
        var results = Path.Combine(d.DemoDir, "results");
        Directory.CreateDirectory(results);
        var auditPath = Path.Combine(results, "audit.db");
        var job = new TrainingJob(d.DemoDir, d.Cli.Instruments, d.Cli.Calendar);
        using var engine = new InferenceEngine(job.Registry);
        using var audit = new SqliteAuditLog(auditPath, AuditDurability.Batched, batchSize: 5000);
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), audit);
        var strategy = new DecisionStrategy(new DecisionEngineSetup
        {
            Config = config,
            Timeframe = DecisionFrame,
            Audit = audit,
            KillSwitch = kill,
            RunId = "demo",
            Sources = ctx =>
            [
                new ModelSignalSource(engine, wf.Schedule, ctx.Universe, DecisionFrame, ctx.Calendar, TimeSpan.FromHours(1), ctx.Clock),
                new TechnicalSignalSource(["ma-cross(10,50)"], ctx.Universe, DecisionFrame, ctx.Calendar),
                new PatternSignalSource(ctx.Universe, DecisionFrame, horizonBars: 2),
            ],
        });
        // The same broker simulation as `p3 backtest`: bid/ask fills, session spread, slippage, commission and swaps from config.
        var settings = new BacktestSettings
        {
            Instruments = d.Cli.Instruments, Calendar = d.Cli.Calendar, PreTradeChecks = [new KillSwitchPreTradeCheck(kill)],
            Models = BacktestOptions.ConfiguredModels(d.Cli),
        };
        var result = new BacktestEngine(settings).Run(data, strategy);
        d.Out.Line($"   {result.BarsProcessed:N0} M5 bars, {strategy.Master.Decisions:N0} decisions " +
                   $"({string.Join(", ", strategy.DecisionCounts.OrderBy(kv => kv.Key).Select(kv => $"{DecisionEventJson.Name(kv.Key)} {kv.Value:N0}"))}), " +
                   $"risk approved {strategy.Approved:N0} and rejected {strategy.Rejected:N0}, {result.Trades.Count:N0} trades, in {result.Elapsed.TotalSeconds:0.0} s");
        if (result.LedgerProblem is { } problem) throw new InvalidOperationException("ledger identity failed: " + problem);
        d.Shared["decide.result"] = result;
        d.Shared["decide.strategy"] = strategy;
        d.Shared["decide.audit"] = auditPath;
    }

    private static void Write(DemoContext d)
    {
        var strategy = (DecisionStrategy)d.Shared["decide.strategy"];
        var results = Path.Combine(d.DemoDir, "results");
        // One configuration was run (no search over rules or models), so the deflated Sharpe counts one trial.
        var report = BacktestReport.Build((BacktestResult)d.Shared["decide.result"], trials: 1);
        var html = Path.Combine(results, "report.html");
        report.Save(html, Path.Combine(results, "report.json"));
        d.Shared["decide.report"] = report;
        d.Out.Line($"   report: {html} (and report.json)");
        var monitoring = Path.Combine(results, "monitoring.jsonl");
        strategy.Monitor.WriteJsonLines(monitoring);
        d.Out.Line($"   audit log: {d.Shared["decide.audit"]} (explain a decision: p3 audit explain demo-0000100 --db {d.Shared["decide.audit"]})");
        d.Out.Line($"   monitoring: {monitoring} ({strategy.Monitor.Events.Count:N0} fill and mark events)");
    }

    private static void Verify(DemoContext d)
    {
        var v = AuditVerifier.Verify((string)d.Shared["decide.audit"]);
        if (!v.Ok) throw new Core.Errors.DataException(v.ToString());
        d.Out.Line($"   {v}");
    }

    private static void Summary(DemoContext d)
    {
        var wf = (WalkForward)d.Shared["decide.walkforward"];
        var r = wf.Last.Result;
        string[] keys = ["accuracy", "balanced_accuracy", "auc", "log_loss", "brier"];
        var rows = new List<IReadOnlyList<string>> { (IReadOnlyList<string>)["model (out-of-sample)", .. keys.Select(k => F(r.Overall.GetOrNaN(k), 4))] };
        rows.AddRange(r.BaselineOverall.Select(b => (IReadOnlyList<string>)[b.Key + " (baseline)", .. keys.Select(k => F(b.Value.GetOrNaN(k), 4))]));
        d.Out.Table(["", .. keys], rows, $"{wf.Last.Registered!.Ref}: purged walk-forward, {r.Folds.Count} folds");

        BacktestCommand.PrintSummary(d.Cli, (BacktestReport)d.Shared["decide.report"]);
    }

    private static DateTime Day(DateTime t) => new(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc);
    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd", Inv);
    private static string F(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals.ToString(Inv), Inv) : "-";
}

