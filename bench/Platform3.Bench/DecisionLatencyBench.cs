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
/// In memory it reports the process's first decisions (cold: the JIT is still promoting methods) and the steady state
/// after the JIT went quiet, which is what a long-running engine sees.
/// </summary>
public sealed class DecisionLatencyBench : IBenchmark
{
    public string Name => "decision-latency";
    public string Description => "DecisionMaster: signals -> persisted TradingDecisionEvent, p50/p99 (in memory, SQLite sync, SQLite batched)";


    public void Run(TextWriter output)
    {
        output.WriteLine($"load average before: {LoadAverage()}; wall = elapsed time per call, cpu = the calling thread's CPU time per call");
        output.WriteLine("cold = the process's first decisions (the JIT still tiering); steady = after the JIT went quiet (no method compiled for 1 s of decisions)");
        output.WriteLine();
        output.WriteLine("| log | phase | clock | cycles | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | decisions/s |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        // A live engine would run with the GC in sustained low-latency mode; so does the measurement.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        Measure(output, "in memory (newest 4096 records held)", () => new InMemoryAuditLog(keepLast: 4096), cold: 20_000, cycles: 60_000);
        var dir = Directory.CreateTempSubdirectory("p3-bench-audit-").FullName;
        try
        {
            Measure(output, "SQLite, synchronous (FULL, one commit per record)", () => new SqliteAuditLog(Path.Combine(dir, "sync.db")), cold: 0, cycles: 2_000);
            Measure(output, "SQLite, batched (1000 per commit)", () => new SqliteAuditLog(Path.Combine(dir, "batch.db"), AuditDurability.Batched, 1000), cold: 0, cycles: 50_000);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// Runs <paramref name="cold"/> measured decisions from the start, then warms up until the JIT has compiled
    /// nothing for a second of decisions (tiered compilation promotes hot methods on a timer, so a fixed count of
    /// warm-up calls does not reach steady state), then measures <paramref name="cycles"/> decisions.
    /// </summary>
    private static void Measure(TextWriter output, string label, Func<IAuditLog> makeLog, int cold, int cycles)
    {
        using var log = makeLog();
        var driver = new Driver(log);
        if (cold > 0) Sample(output, label, "cold", driver, cold);
        var quietSince = Stopwatch.GetTimestamp();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        var warm = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            driver.Step(out _, out _);
            warm++;
            if (warm % 256 != 0) continue;
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) { compiled = now; quietSince = Stopwatch.GetTimestamp(); }
            else if (warm >= 20_000 && Stopwatch.GetTimestamp() - quietSince > Stopwatch.Frequency) break;
        }
        Sample(output, label, "steady", driver, cycles);
        log.Flush();
    }

    private static void Sample(TextWriter output, string label, string phase, Driver driver, int cycles)
    {
        var wall = new double[cycles];
        var cpu = new double[cycles];
        for (var i = 0; i < cycles; i++) driver.Step(out wall[i], out cpu[i]);
        Row(output, label, phase, "wall", wall);
        if (ThreadCpuClock.Available) Row(output, label, phase, "cpu", cpu);
    }

    /// <summary>The engine under test and its synthetic market: one <see cref="Step"/> is one timed decision.</summary>
    private sealed class Driver
    {
        private readonly InstrumentCatalog _catalog = InstrumentCatalog.Builtin;
        private readonly DecisionMaster _master;
        private readonly Random _rng = new(2017);
        private readonly Instrument[] _symbols;
        private readonly double[] _mids;
        private readonly SignalInput[] _signals = new SignalInput[3];
        private readonly TimeSpan _horizon = TimeSpan.FromHours(1);
        private static readonly FeatureDigest Fingerprint = FeatureDigest.TryParse("0123456789abcdef0123456789abcdef", out var d) ? d : default;
        private DateTime _t = new(2017, 1, 2, 8, 0, 0, DateTimeKind.Utc);
        private int _next;

        public Driver(IAuditLog log)
        {
            var kill = new KillSwitch(new InMemoryKillSwitchStore(), log);
            DecisionMaster? master = null;
            var gateway = new LazyGateway(() => master!);
            master = new DecisionMaster(DecisionEngineConfig.Default, _catalog, FxCalendar.Default, Currency.USD, log, kill, gateway, "bench");
            _master = master;
            _symbols = [_catalog.Get("EURUSD"), _catalog.Get("GBPUSD"), _catalog.Get("USDJPY")];
            var usd = new Dictionary<string, double> { ["EUR"] = 1.10, ["GBP"] = 1.30, ["AUD"] = 0.75, ["NZD"] = 0.70, ["USD"] = 1.0, ["CAD"] = 0.78, ["CHF"] = 1.02, ["JPY"] = 0.009 };
            _mids = _catalog.All.Select(i => usd[i.Base.Code] / usd[i.Quote.Code]).ToArray();
        }

        public void Step(out double wallMicros, out double cpuMicros)
        {
            if (_next == 0)
            {
                // Five-minute cycles on weekdays; quotes and equity are the host's work, outside the timed call.
                _t = _t.AddMinutes(5);
                if (!FxCalendar.Default.IsOpen(_t)) { _t = _t.AddDays(2); }
                for (var k = 0; k < _mids.Length; k++)
                {
                    _mids[k] *= Math.Exp((_rng.NextDouble() - 0.5) * 0.001);
                    var half = _catalog[k].PipSizeD / 2;
                    _master.OnQuote(_catalog[k], _t, _mids[k] - half, _mids[k] + half);
                }
                _master.MarkEquity(_t, 100_000 + (_rng.NextDouble() - 0.5) * 500);
            }
            var inst = _symbols[_next];
            _next = (_next + 1) % _symbols.Length;
            var p = _rng.NextDouble();
            _signals[0] = SignalInput.FromProbabilities("model:day", inst.Symbol, _t, _horizon, p, 1 - p, "day@1");
            _signals[1] = new SignalInput("ma-cross", SignalKind.Technical, inst.Symbol, (SignalDirection)_rng.Next(-1, 2), _rng.NextDouble(), _horizon, _t);
            _signals[2] = new SignalInput("engulfing", SignalKind.Pattern, inst.Symbol, (SignalDirection)_rng.Next(-1, 2), _rng.NextDouble(), _horizon, _t);
            var market = new MarketContext(_mids[inst.Id] * 0.0008, FeatureDigest: Fingerprint); // a value, as the model source gives it
            var cpuStart = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : 0;
            var start = Stopwatch.GetTimestamp();
            _master.Decide(inst, _t, _signals, market);
            var elapsed = Stopwatch.GetTimestamp() - start;
            var cpuElapsed = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() - cpuStart : 0;
            wallMicros = elapsed * 1e6 / Stopwatch.Frequency;
            cpuMicros = cpuElapsed / 1e3;
        }
    }

    private static void Row(TextWriter output, string label, string phase, string clock, double[] values)
    {
        var us = values.OrderBy(x => x).ToArray();
        double P(double q) => us[Math.Min(us.Length - 1, (int)(q * us.Length))];
        output.WriteLine($"| {label} | {phase} | {clock} | {us.Length} | {BenchRunner.F(P(0.5))} | {BenchRunner.F(P(0.9))} | {BenchRunner.F(P(0.99))} | {BenchRunner.F(P(0.999))} | {BenchRunner.F(us[^1])} | {BenchRunner.F(us.Length / us.Sum() * 1e6, 0)} |");
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
