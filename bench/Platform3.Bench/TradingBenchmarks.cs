using System.Diagnostics;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;

namespace Platform3.Bench;

/// <summary>Data for the trading benchmarks: HistData 2017 M1 from ../shared when present, else synthetic M1 of the same size.</summary>
internal static class TradingBenchData
{
    public static readonly string[] TenPairs = ["EURUSD", "GBPUSD", "USDJPY", "EURGBP", "AUDUSD", "USDCHF", "USDCAD", "EURJPY", "NZDUSD", "GBPJPY"];

    public static string? SharedDir()
    {
        var env = Environment.GetEnvironmentVariable("P3_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform3.slnx")))
                return Directory.Exists(Path.Combine(dir.FullName, "..", "shared")) ? Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared")) : null;
        return null;
    }

    /// <summary>One year of M1 bars for the symbol, and where it came from.</summary>
    public static (BarSeries Bars, string Source) Year2017(string symbol, int seed)
    {
        var shared = SharedDir();
        var file = shared is null ? null : Path.Combine(shared, "data", "fx", symbol, "histdata_m1", $"DAT_ASCII_{symbol}_M1_2017.csv.gz");
        if (file is not null && File.Exists(file))
        {
            var tmp = Directory.CreateTempSubdirectory("p3-bench");
            try
            {
                var importer = new MarketDataImporter(BarStore.Open(tmp.FullName), FxCalendar.Default, InstrumentCatalog.Builtin);
                var report = importer.Parse(new ImportRequest { Format = ImportFormat.HistData, Symbol = symbol, Files = [file] });
                return (report.Bars!, "HistData 2017 M1 (bid)");
            }
            finally { tmp.Delete(true); }
        }
        var from = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (SyntheticMarket.GenerateM1(symbol, from, from.AddYears(1), SynthModel.Regime, seed), "synthetic regime M1");
    }

    public static BacktestSettings Settings() => new()
    {
        Models = SimulationModels.Realistic(FxCalendar.Default, SwapTable.Load(ConfigPath("swaps.yaml"))),
        RecordEvents = true,
        CloseAtEnd = true,
    };

    public static string ConfigPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform3.slnx"))) return Path.Combine(dir.FullName, "config", name);
        throw new FileNotFoundException("config folder not found above the benchmark binaries");
    }

    /// <summary>
    /// Runs the work after warm-up and returns (wall ms, process CPU ms, thread CPU ms) per run, sorted by wall
    /// time. On a shared machine CPU time is the steadier figure: it leaves out the time other processes held
    /// the core. Process CPU also counts the runtime's helper threads (background GC, JIT); thread CPU is the
    /// run's own thread only (including the collections it performs itself).
    /// </summary>
    public static (double Wall, double Cpu, double Thread)[] TimeWithCpu(Action work, int warmup, int runs)
    {
        WarmUp(work, warmup);
        var result = new (double, double, double)[runs];
        for (var i = 0; i < runs; i++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var thread0 = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : 0;
            var sw = Stopwatch.StartNew();
            work();
            var wall = sw.Elapsed.TotalMilliseconds;
            var thread = ThreadCpuClock.Available ? (ThreadCpuClock.NowNanoseconds() - thread0) / 1e6 : double.NaN;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
            result[i] = (wall, cpu, thread);
        }
        Array.Sort(result);
        return result;
    }

    /// <summary>
    /// At least <paramref name="minRuns"/> runs, then more until 1 s has passed and one whole run compiled no method
    /// (capped at 15 s). A backtest run is tens of milliseconds, and its loop is one long method: after two runs the
    /// tiering JIT was often still replacing it, so under load the timed runs of the same build spread 1–4×.
    /// </summary>
    private static void WarmUp(Action work, int minRuns)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < minRuns; i++) work();
        while (sw.Elapsed.TotalSeconds < 15)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            work();
            if (sw.Elapsed.TotalSeconds >= 1 && System.Runtime.JitInfo.GetCompiledMethodCount() == compiled) return;
        }
    }

    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    public static double MedianCpu((double Wall, double Cpu, double Thread)[] t) => t.Select(x => x.Cpu).Order().ElementAt(t.Length / 2);

    public static double MedianThread((double Wall, double Cpu, double Thread)[] t) => t.Select(x => x.Thread).Order().ElementAt(t.Length / 2);

    public static StrategyParameters MaParams() => StrategyParameters.Parse(["fast=10", "slow=50", "lots=0.1"]);
}

/// <summary>MA crossover over one year of EURUSD M1 with orders, the simulated broker and accounting, single thread.</summary>
public sealed class TradingMaCrossBenchmark : IBenchmark
{
    public string Name => "trading-ma-cross";
    public string Description => "MA(10,50) crossover, one year EURUSD M1, sim broker + accounting, 1 thread (target ≥ 10M bars/s)";

    public void Run(TextWriter output)
    {
        var (bars, source) = TradingBenchData.Year2017("EURUSD", 1);
        var data = new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get("EURUSD"), bars);
        output.WriteLine($"data: {source}, {bars.Count:N0} bars; load average {TradingBenchData.LoadAverage()}");
        output.WriteLine("| strategy timeframe | bars | orders | trades | wall ms (median) | CPU ms (median) | thread CPU ms (median) | bars/s (wall) | bars/s (CPU) | bars/s (thread CPU) | allocated bytes/bar | GC pause ms (median) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        // The broker always walks the M1 bars; the strategy trades M1 (an order every ~35 bars) or M15.
        foreach (var tf in new[] { Timeframe.M1, Timeframe.M15 })
        {
            var settings = TradingBenchData.Settings() with { StrategyTimeframe = tf };
            BacktestResult? last = null;
            long allocated = 0;
            var pauses = new List<double>();
            var times = TradingBenchData.TimeWithCpu(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var pause0 = GC.GetTotalPauseDuration();
                last = new BacktestEngine(settings).Run(data, new MaCrossStrategy(), TradingBenchData.MaParams());
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                pauses.Add((GC.GetTotalPauseDuration() - pause0).TotalMilliseconds);
            }, warmup: 2, runs: 7);
            var wall = times[times.Length / 2].Wall;
            var cpu = TradingBenchData.MedianCpu(times);
            var thread = TradingBenchData.MedianThread(times);
            var r = last!;
            output.WriteLine($"| {tf} | {bars.Count:N0} | {r.Orders.Count:N0} | {r.Trades.Count:N0} | {BenchRunner.F(wall, 1)} | {BenchRunner.F(cpu, 1)} | {BenchRunner.F(thread, 1)} | " +
                $"{BenchRunner.F(bars.Count / (wall / 1000.0) / 1e6, 2)}M | {BenchRunner.F(bars.Count / (cpu / 1000.0) / 1e6, 2)}M | {BenchRunner.F(bars.Count / (thread / 1000.0) / 1e6, 2)}M | {BenchRunner.F((double)allocated / bars.Count, 1)} | {BenchRunner.F(pauses.Order().ElementAt(pauses.Count / 2), 1)} |");
            if (tf == Timeframe.M1)
                output.WriteLine($"<!-- M1: net profit {r.NetProfit:F2} {r.Final.Currency}, costs spread {r.Costs.Spread:F2}, slippage {r.Costs.Slippage:F2}, " +
                    $"commission {r.Costs.Commission:F2}, swap {r.Costs.Swap:F2}; ledger identity {(r.LedgerProblem is null ? "holds" : r.LedgerProblem)} -->");
        }
    }
}

/// <summary>The same strategy over ten pairs at once: bars/s, peak memory, bytes per bar held.</summary>
public sealed class TradingMaCrossTenPairsBenchmark : IBenchmark
{
    public string Name => "trading-ma-cross-10";
    public string Description => "MA(10,50) crossover on 10 pairs × one year M1: bars/s, peak memory, bytes per bar held";

    public void Run(TextWriter output)
    {
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var baseline = GC.GetTotalMemory(true);
        var data = new MarketDataSet();
        var sources = new HashSet<string>();
        long total = 0;
        for (var k = 0; k < TradingBenchData.TenPairs.Length; k++)
        {
            var (bars, source) = TradingBenchData.Year2017(TradingBenchData.TenPairs[k], 100 + k);
            data.AddBars(InstrumentCatalog.Builtin.Get(TradingBenchData.TenPairs[k]), bars);
            sources.Add(source);
            total += bars.Count;
        }
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var dataBytes = GC.GetTotalMemory(true) - baseline;
        var settings = TradingBenchData.Settings();
        BacktestResult? last = null;
        var times = TradingBenchData.TimeWithCpu(() => last = new BacktestEngine(settings).Run(data, new MaCrossStrategy(), TradingBenchData.MaParams()), warmup: 1, runs: 5);
        var wall = times[times.Length / 2].Wall;
        var cpu = TradingBenchData.MedianCpu(times);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var r = last!;
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var held = GC.GetTotalMemory(true) - baseline;
        output.WriteLine($"data: {string.Join(" + ", sources)}; {total:N0} bars in 10 series; load average {TradingBenchData.LoadAverage()}");
        var thread = TradingBenchData.MedianThread(times);
        output.WriteLine("| bars | steps | orders | wall ms (median) | CPU ms (median) | thread CPU ms (median) | bars/s (wall) | bars/s (CPU) | bars/s (thread CPU) | peak working set | data bytes/bar | bytes/bar held with result |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| {total:N0} | {r.Steps:N0} | {r.Orders.Count:N0} | {BenchRunner.F(wall, 1)} | {BenchRunner.F(cpu, 1)} | {BenchRunner.F(thread, 1)} | {BenchRunner.F(total / (wall / 1000.0) / 1e6, 2)}M | " +
            $"{BenchRunner.F(total / (cpu / 1000.0) / 1e6, 2)}M | {BenchRunner.F(total / (thread / 1000.0) / 1e6, 2)}M | {BenchRunner.F(peak / 1048576.0, 0)} MiB | {BenchRunner.F((double)dataBytes / total, 1)} | {BenchRunner.F((double)held / total, 1)} |");
        GC.KeepAlive(r);
    }
}

/// <summary>The kernel loop alone: a strategy that buys once and holds all year (marking, margin, swaps, equity curve, bar delivery).</summary>
public sealed class TradingKernelLoopBenchmark : IBenchmark
{
    public string Name => "trading-kernel-loop";
    public string Description => "Kernel loop cost per bar: buy-and-hold on one year EURUSD M1 (no per-bar orders)";

    private sealed class BuyAndHold : Strategy
    {
        private bool _done;
        public override string Name => "buy-and-hold";
        public override void OnStart()
        {
            foreach (var i in Context.Universe) Context.Subscribe(i, Context.Timeframe);
        }
        public override void OnBar(in Trading.Kernel.BarEvent bar)
        {
            if (_done) return;
            _done = true;
            Buy(bar.Instrument, 10_000);
        }
    }

    public void Run(TextWriter output)
    {
        var (bars, source) = TradingBenchData.Year2017("EURUSD", 1);
        var data = new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get("EURUSD"), bars);
        var settings = TradingBenchData.Settings();
        long allocated = 0;
        var times = TradingBenchData.TimeWithCpu(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            new BacktestEngine(settings).Run(data, new BuyAndHold());
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, warmup: 2, runs: 7);
        var wall = times[times.Length / 2].Wall;
        var cpu = TradingBenchData.MedianCpu(times);
        var thread = TradingBenchData.MedianThread(times);
        output.WriteLine($"data: {source}, {bars.Count:N0} bars; load average {TradingBenchData.LoadAverage()}");
        output.WriteLine("| bars | wall ms (median) | CPU ms (median) | thread CPU ms (median) | ns/bar (CPU) | ns/bar (thread CPU) | bars/s (wall) | bars/s (CPU) | bars/s (thread CPU) | allocated bytes/bar |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| {bars.Count:N0} | {BenchRunner.F(wall, 1)} | {BenchRunner.F(cpu, 1)} | {BenchRunner.F(thread, 1)} | {BenchRunner.F(cpu * 1e6 / bars.Count, 1)} | {BenchRunner.F(thread * 1e6 / bars.Count, 1)} | " +
            $"{BenchRunner.F(bars.Count / (wall / 1000.0) / 1e6, 2)}M | {BenchRunner.F(bars.Count / (cpu / 1000.0) / 1e6, 2)}M | {BenchRunner.F(bars.Count / (thread / 1000.0) / 1e6, 2)}M | {BenchRunner.F((double)allocated / bars.Count, 1)} |");
    }
}

/// <summary>The order path alone: a market order every bar (each one flips the position): submit, fill, book, trade record.</summary>
public sealed class TradingOrderPathBenchmark : IBenchmark
{
    public string Name => "trading-order-path";
    public string Description => "Cost per market order through OMS, sim broker and ledger (an order every bar, 200k bars)";

    private sealed class FlipEveryBar : Strategy
    {
        private int _side = 1;
        public override string Name => "flip";
        public override void OnStart() => Context.Subscribe(Context.Universe[0], Context.Timeframe);
        public override void OnBar(in Trading.Kernel.BarEvent bar)
        {
            _side = -_side;
            TargetPosition(bar.Instrument, _side * 10_000m);
        }
    }

    public void Run(TextWriter output)
    {
        var from = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var bars = SyntheticMarket.GenerateM1("EURUSD", from, from.AddDays(200), SynthModel.RandomWalk, 9);
        bars = bars.Range(0, Math.Min(bars.Count, 200_000));
        var data = new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get("EURUSD"), bars);
        var settings = TradingBenchData.Settings();
        BacktestResult? last = null;
        long allocated = 0;
        var times = TradingBenchData.TimeWithCpu(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            last = new BacktestEngine(settings with { InitialBalance = 100_000_000m }).Run(data, new FlipEveryBar());
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, warmup: 1, runs: 5);
        var wall = times[times.Length / 2].Wall;
        var cpu = TradingBenchData.MedianCpu(times);
        var orders = last!.Orders.Count;
        output.WriteLine($"data: synthetic random-walk M1, {bars.Count:N0} bars; load average {TradingBenchData.LoadAverage()}");
        var thread = TradingBenchData.MedianThread(times);
        output.WriteLine("| bars | orders | wall ms (median) | CPU ms (median) | thread CPU ms (median) | µs per order (CPU, incl. its bar) | µs per order (thread CPU) | allocated bytes/order |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| {bars.Count:N0} | {orders:N0} | {BenchRunner.F(wall, 1)} | {BenchRunner.F(cpu, 1)} | {BenchRunner.F(thread, 1)} | {BenchRunner.F(cpu * 1000 / orders, 2)} | {BenchRunner.F(thread * 1000 / orders, 2)} | {BenchRunner.F((double)allocated / orders, 0)} |");
    }
}
