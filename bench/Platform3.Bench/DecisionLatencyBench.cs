using System.Diagnostics;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Bench;

/// <summary>
/// Decision latency: from a cycle's signals to a persisted <see cref="TradingDecisionEvent"/> (fusion, rules,
/// risk with exposures and VaR, planning, canonical JSON, SHA-256 chain link, store), per call to
/// <see cref="DecisionMaster.Decide"/>. Three pairs, three signals each, 28 pairs quoted, positions held, a full
/// return window (VaR on). In memory, and with SQLite (synchronous=FULL per record; and batched as backtests use).
/// </summary>
public sealed class DecisionLatencyBench : IBenchmark
{
    public string Name => "decision-latency";
    public string Description => "DecisionMaster: signals -> persisted TradingDecisionEvent, p50/p99 (in memory, SQLite sync, SQLite batched)";


    public void Run(TextWriter output)
    {
        output.WriteLine($"load average before: {LoadAverage()}; wall = elapsed time per call, cpu = the calling thread's CPU time per call");
        output.WriteLine();
        output.WriteLine("| log | clock | cycles | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | decisions/s |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        // A live engine would run with the GC in sustained low-latency mode; so does the measurement.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        Measure(output, "in memory (newest 4096 records held)", () => new InMemoryAuditLog(keepLast: 4096), warmup: 20_000, cycles: 60_000);
        var dir = Directory.CreateTempSubdirectory("p3-bench-audit-").FullName;
        try
        {
            Measure(output, "SQLite, synchronous (FULL, one commit per record)", () => new SqliteAuditLog(Path.Combine(dir, "sync.db")), warmup: 200, cycles: 2_000);
            Measure(output, "SQLite, batched (1000 per commit)", () => new SqliteAuditLog(Path.Combine(dir, "batch.db"), AuditDurability.Batched, 1000), warmup: 5_000, cycles: 50_000);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void Measure(TextWriter output, string label, Func<IAuditLog> makeLog, int warmup, int cycles)
    {
        var catalog = InstrumentCatalog.Builtin;
        using var log = makeLog();
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), log);
        DecisionMaster? master = null;
        var gateway = new LazyGateway(() => master!);
        master = new DecisionMaster(DecisionEngineConfig.Default, catalog, FxCalendar.Default, Currency.USD, log, kill, gateway, "bench");
        var rng = new Random(2017);
        var symbols = new[] { catalog.Get("EURUSD"), catalog.Get("GBPUSD"), catalog.Get("USDJPY") };
        var usd = new Dictionary<string, double> { ["EUR"] = 1.10, ["GBP"] = 1.30, ["AUD"] = 0.75, ["NZD"] = 0.70, ["USD"] = 1.0, ["CAD"] = 0.78, ["CHF"] = 1.02, ["JPY"] = 0.009 };
        var mids = catalog.All.Select(i => usd[i.Base.Code] / usd[i.Quote.Code]).ToArray();
        var t = new DateTime(2017, 1, 2, 8, 0, 0, DateTimeKind.Utc);
        var horizon = TimeSpan.FromHours(1);
        var signals = new SignalInput[3];
        var total = warmup + cycles;
        var samples = new long[cycles];
        var cpu = new long[cycles];
        var n = 0;
        for (var c = 0; c < total / symbols.Length; c++)
        {
            // Five-minute cycles on weekdays; quotes and equity are the host's work, outside the timed call.
            t = t.AddMinutes(5);
            if (!FxCalendar.Default.IsOpen(t)) { t = t.AddDays(2); }
            for (var k = 0; k < mids.Length; k++)
            {
                mids[k] *= Math.Exp((rng.NextDouble() - 0.5) * 0.001);
                var half = catalog[k].PipSizeD / 2;
                master.OnQuote(catalog[k], t, mids[k] - half, mids[k] + half);
            }
            master.MarkEquity(t, 100_000 + (rng.NextDouble() - 0.5) * 500);
            foreach (var inst in symbols)
            {
                var p = rng.NextDouble();
                signals[0] = SignalInput.FromProbabilities("model:day", inst.Symbol, t, horizon, p, 1 - p, "day@1");
                signals[1] = new SignalInput("ma-cross", SignalKind.Technical, inst.Symbol, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(), horizon, t);
                signals[2] = new SignalInput("engulfing", SignalKind.Pattern, inst.Symbol, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(), horizon, t);
                var market = new MarketContext(mids[inst.Id] * 0.0008, FeatureVectorHash: "0123456789abcdef0123456789abcdef");
                var cpuStart = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : 0;
                var start = Stopwatch.GetTimestamp();
                master.Decide(inst, t, signals, market);
                var elapsed = Stopwatch.GetTimestamp() - start;
                var cpuElapsed = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() - cpuStart : 0;
                if (n >= warmup && n - warmup < cycles)
                {
                    samples[n - warmup] = elapsed;
                    cpu[n - warmup] = cpuElapsed;
                }
                n++;
            }
        }
        log.Flush();
        var measured = Math.Min(cycles, n - warmup);
        Row(output, label, "wall", samples.Take(measured).Select(x => x * 1e6 / Stopwatch.Frequency));
        if (ThreadCpuClock.Available) Row(output, label, "cpu", cpu.Take(measured).Select(x => x / 1e3));
    }

    private static void Row(TextWriter output, string label, string clock, IEnumerable<double> values)
    {
        var us = values.OrderBy(x => x).ToArray();
        double P(double q) => us[Math.Min(us.Length - 1, (int)(q * us.Length))];
        output.WriteLine($"| {label} | {clock} | {us.Length} | {BenchRunner.F(P(0.5))} | {BenchRunner.F(P(0.9))} | {BenchRunner.F(P(0.99))} | {BenchRunner.F(P(0.999))} | {BenchRunner.F(us[^1])} | {BenchRunner.F(us.Length / us.Sum() * 1e6, 0)} |");
    }

    internal static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    private sealed class LazyGateway(Func<DecisionMaster> master) : IExecutionGateway
    {
        public void Submit(ExecutionPlan plan)
        {
            var m = master();
            m.Portfolio.SetPosition(plan.Instrument, m.Portfolio.Units(plan.Instrument) + (int)plan.Side * (double)plan.Units, plan.DecisionPrice);
        }
        public void CancelAllWorking(string reason) { }
        public void FlattenAll(string reason) => master().Portfolio.ClearPositions();
    }
}
