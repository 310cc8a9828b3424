using System.Diagnostics;
using Platform3.AI.Inference;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Pipeline;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Audit;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Hosting;

namespace Platform3.Bench;

/// <summary>
/// End-to-end backtest throughput: one year of M5 bid/ask bars on EURUSD, GBPUSD and USDJPY through the kernel and
/// the simulated broker, with online features (core@1), LightGBM inference and the decision engine (fusion, rules,
/// risk, planning, hash-chained audit) at each close of the decision timeframe: H1, M15, and M5 (a decision on
/// every bar, the plain reading of the target). Each model is trained once in the setup (not timed) on the
/// three months before the year. Variants separate the cost of each layer.
/// </summary>
public sealed class DecisionEndToEndBench : IBenchmark
{
    public string Name => "decision-e2e";
    public string Description => "Backtest of 1 year of M5 x 3 pairs with features, model inference, DecisionMaster and the sim broker (bars/s)";

    private static readonly string[] Symbols = ["EURUSD", "GBPUSD", "USDJPY"];

    private sealed class Idle : Platform3.Trading.Strategies.Strategy
    {
        public override string Name => "idle";
    }

    public void Run(TextWriter output)
    {
        var dir = Directory.CreateTempSubdirectory("p3-bench-e2e-").FullName;
        try
        {
            var calendar = FxCalendar.Default;
            var from = new DateTime(2023, 10, 1, 0, 0, 0, DateTimeKind.Utc);
            var yearFrom = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = yearFrom.AddYears(1);
            var sw = Stopwatch.StartNew();
            var m1 = new SyntheticMarket().M1(Symbols, from, to, SynthModel.Regime, 42);
            var store = BarStore.Open(dir);
            var m5 = new List<BarSeries>();
            foreach (var s in m1)
            {
                var five = BarResampler.Resample(s, Timeframe.M5, calendar);
                m5.Add(five);
                store.WriteBars(five);
                foreach (var tf in new[] { Timeframe.M15, Timeframe.H1 }) store.WriteBars(BarResampler.Resample(s, tf, calendar));
            }
            m1 = null;
            var job = new TrainingJob(dir, InstrumentCatalog.Builtin, calendar);
            foreach (var tf in new[] { Timeframe.M5, Timeframe.M15, Timeframe.H1 })
            {
                var cfg = ModelConfigLoader.Parse($$"""
                    name: e2e-{{tf.Name.ToLowerInvariant()}}
                    symbols: [EURUSD, GBPUSD, USDJPY]
                    timeframe: {{tf.Name}}
                    range: { from: 2023-10-01, to: 2024-01-01 }
                    features: {{(tf == Timeframe.H1 ? "core-h1@1" : "core@1")}}
                    label: { kind: fixed-horizon, horizon: 4 }
                    trainer: { kind: lightgbm-binary, threads: 1, params: { num_iterations: 50, num_leaves: 15, min_data_in_leaf: 100 } }
                    cv: { mode: expanding, folds: 2, min_train: 500, embargo: 4 }
                    seeds: { training: 1, hpo: 1 }
                    """, "e2e.yaml");
                var v = job.Run(cfg).Registered!;
                job.Registry.Promote(v.Name, "champion", v.Version, "bench");
            }
            output.WriteLine($"setup (synthesise, resample, train three models; not timed): {BenchRunner.F(sw.Elapsed.TotalSeconds, 1)} s");

            var data = new MarketDataSet();
            for (var k = 0; k < Symbols.Length; k++)
            {
                var s = m5[k];
                data.AddBars(InstrumentCatalog.Builtin.Get(Symbols[k]), s.Range(s.LowerBound(yearFrom.Ticks), s.Count));
            }
            output.WriteLine($"load average before the runs: {DecisionLatencyBench.LoadAverage()}");
            output.WriteLine($"data: {data.TotalPoints:N0} M5 bars ({Symbols.Length} pairs, {yearFrom:yyyy-MM-dd} → {to:yyyy-MM-dd})");
            output.WriteLine();
            // The first run of a variant in the process pays for JIT compilation of whatever it reaches first; it is
            // reported apart, and the throughput is the median of five runs after a warm-up (see below).
            // Wall time is the figure; the thread's CPU time beside it shows how much of it was the run's own work when
            // the machine is shared (a loaded machine stretches wall time, not CPU time).
            output.WriteLine("| variant | decisions | trades | first run s | first run bars/s | seconds (median of 5 warm) | bars/s | thread CPU s (median) | bars per CPU s |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|");
            using var engine = new InferenceEngine(job.Registry);
            // For profiling and A/B runs: P3_E2E_ROWS=2,4 runs only those rows (0-based, in the order below) and
            // P3_E2E_RUNS=N times N runs instead of 5 (the median is still reported).
            var rows = Environment.GetEnvironmentVariable("P3_E2E_ROWS") is { Length: > 0 } r
                ? r.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
                : null;
            var runs = int.TryParse(Environment.GetEnvironmentVariable("P3_E2E_RUNS"), out var n) && n > 0 ? n : 5;
            var row = -1;
            foreach (var (label, tf, model, sqliteOrHost) in new (string, Timeframe, bool, bool)[]
            {
                ("kernel + sim broker only (a strategy that does nothing)", Timeframe.H1, false, false),
                ("decisions at H1 without signal sources (fusion, rules, audit in memory)", Timeframe.H1, false, true),
                ("decisions at H1: features + LightGBM + DecisionMaster, audit in memory", Timeframe.H1, true, false),
                ("decisions at H1: same, audit in SQLite (batched)", Timeframe.H1, true, true),
                ("decisions at M15: features + LightGBM + DecisionMaster, audit in memory", Timeframe.M15, true, false),
                ("decisions at M5 (every bar): features + LightGBM + DecisionMaster, audit in memory", Timeframe.M5, true, false),
            })
            {
                if (rows is not null && !rows.Contains(++row)) continue;
                var idle = !model && !sqliteOrHost;
                var sqlite = model && sqliteOrHost;
                long decisions = 0;
                var trades = 0;
                var runNumber = 0;
                (double Seconds, double Cpu) Run()
                {
                    var dbPath = Path.Combine(dir, $"audit-{runNumber++}.db");
                    IAuditLog audit = sqlite ? new SqliteAuditLog(dbPath, AuditDurability.Batched, 5000) : new InMemoryAuditLog();
                    try
                    {
                        using (audit)
                        {
                            var reference = $"e2e-{tf.Name.ToLowerInvariant()}@champion";
                            var strategy = new DecisionStrategy(new DecisionEngineSetup
                            {
                                Config = DecisionEngineConfig.Default,
                                Timeframe = tf,
                                Audit = audit,
                                Sources = ctx => model
                                    ? [new ModelSignalSource(engine, reference, ctx.Universe, tf, ctx.Calendar, TimeSpan.FromTicks(tf.DurationTicks * 4), ctx.Clock)]
                                    : [],
                            });
                            // Start each run from a collected heap: the previous run's in-memory audit log (every record of a
                            // year) is garbage now, and collecting it inside the next timed run made later runs slower.
                            GC.Collect();
                            GC.WaitForPendingFinalizers();
                            GC.Collect();
                            var allocStart = GC.GetAllocatedBytesForCurrentThread();
                            var gcStart = GC.CollectionCount(0);
                            var gc2Start = GC.CollectionCount(2);
                            var pauseStart = GC.GetTotalPauseDuration();
                            var cpuStart = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : 0;
                            var t = Stopwatch.StartNew();
                            var result = new BacktestEngine(new BacktestSettings { RecordEvents = false }).Run(data, idle ? new Idle() : strategy);
                            var seconds = t.Elapsed.TotalSeconds;
                            var cpuSeconds = ThreadCpuClock.Available ? (ThreadCpuClock.NowNanoseconds() - cpuStart) / 1e9 : double.NaN;
                            if (rows is not null)
                                Console.Error.WriteLine($"run: {seconds:F3} s, cpu {cpuSeconds:F3} s, {(GC.GetAllocatedBytesForCurrentThread() - allocStart) / 1e6:F1} MB allocated, {GC.CollectionCount(0) - gcStart} GCs ({GC.CollectionCount(2) - gc2Start} gen2), {(GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds:F1} ms paused, last ephemeral GC promoted {GC.GetGCMemoryInfo(GCKind.Ephemeral).PromotedBytes / 1e6:F1} MB, audit head {audit.HeadHash[..16]}");
                            decisions = idle ? 0 : strategy.Master.Decisions;
                            trades = result.Trades.Count;
                            return (seconds, cpuSeconds);
                        }
                    }
                    finally
                    {
                        if (File.Exists(dbPath)) File.Delete(dbPath);
                    }
                }
                var first = Run().Seconds;
                // Then warm up until 1 s has passed and a whole run compiled no method (at most 20 s): a run is a fraction of
                // a second, and after one run the tiering JIT was still replacing the hot loops, so three timed runs of the
                // same build spread up to 1.6x under load.
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed.TotalSeconds < 20)
                {
                    var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                    Run();
                    if (warm.Elapsed.TotalSeconds >= 1 && System.Runtime.JitInfo.GetCompiledMethodCount() == compiled) break;
                }
                // P3_E2E_ALLOC=1: sample what the timed runs allocate, by type (to stderr).
                using var sampler = Environment.GetEnvironmentVariable("P3_E2E_ALLOC") == "1" ? new AllocationSampler() : null;
                sampler?.Start();
                var timed = Enumerable.Range(0, runs).Select(_ => Run()).ToArray();
                sampler?.Stop();
                sampler?.Report(Console.Error, runs);
                var median = timed.Select(x => x.Seconds).Order().ElementAt(runs / 2);
                var cpuMedian = timed.Select(x => x.Cpu).Order().ElementAt(runs / 2);
                output.WriteLine($"| {label} | {decisions:N0} | {trades:N0} | {BenchRunner.F(first, 3)} | {BenchRunner.F(data.TotalPoints / first, 0)} | {BenchRunner.F(median, 3)} | {BenchRunner.F(data.TotalPoints / median, 0)} | {BenchRunner.F(cpuMedian, 3)} | {BenchRunner.F(data.TotalPoints / cpuMedian, 0)} |");
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
