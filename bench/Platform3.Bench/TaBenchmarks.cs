using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.Engines.TechnicalAnalysis.Elliott;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;

namespace Platform3.Bench;

/// <summary>
/// The data of the TA benchmarks: 1,000,000 FX-like bars from splitmix64, generated with exactly the arithmetic of
/// bench/talib/talib_bench.c, so our checksums can be compared with TA-Lib's.
/// </summary>
internal static class TaBenchData
{
    public const int N = 1_000_000;
    private static readonly Lazy<(double[] O, double[] H, double[] L, double[] C)> Data = new(Generate);

    public static double[] Open => Data.Value.O;
    public static double[] High => Data.Value.H;
    public static double[] Low => Data.Value.L;
    public static double[] Close => Data.Value.C;

    private static (double[], double[], double[], double[]) Generate()
    {
        ulong state = 42;
        double Unit()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / 9007199254740992.0);
        }
        double[] o = new double[N], h = new double[N], l = new double[N], c = new double[N];
        var p = 1.1;
        for (var i = 0; i < N; i++)
        {
            var open = p;
            var close = open + (Unit() - 0.5) * 4e-4;
            var high = Math.Max(open, close) + Unit() * 2e-4;
            var low = Math.Min(open, close) - Unit() * 2e-4;
            o[i] = open; h[i] = high; l[i] = low; c[i] = close;
            p = close;
        }
        return (o, h, l, c);
    }

    public static double Sum(ReadOnlySpan<double> values)
    {
        var s = 0.0;
        foreach (var v in values) if (!double.IsNaN(v)) s += v;
        return s;
    }

    public static string F(double v, int decimals = 2) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}

/// <summary>
/// Timing shared by the TA benchmarks. Each run is ~2-130 ms of work. Warm-up is by wall time, not a run count: the
/// runtime promotes hot methods to optimised tier-1 code only after 100 ms without new tier-0 compilations, so a
/// couple of warm-up runs left most timed runs in tier-0/OSR code (the cause of medians 4-6x the best). Times are the
/// thread's own CPU time (CLOCK_THREAD_CPUTIME_ID), which excludes the background JIT and GC threads and the time the
/// thread waited for a core on a shared machine (the process CPU time counted both, at scheduler-tick granularity).
/// </summary>
internal static class TaTiming
{
    public const int Runs = 15;
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Warms <paramref name="run"/> up, then returns the sorted results of <see cref="Runs"/> calls.</summary>
    public static double[] Measure(Func<double> run, Action? before = null)
    {
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < 3 || wall.Elapsed < WarmUp; i++)
        {
            before?.Invoke();
            run();
        }
        var results = new double[Runs];
        for (var r = 0; r < Runs; r++)
        {
            before?.Invoke();
            results[r] = run();
        }
        Array.Sort(results);
        return results;
    }

    public static string Method => $"thread CPU time, median of {Runs} runs after >= {WarmUp.TotalMilliseconds:0} ms warm-up";
}

/// <summary>Batch over 1M points for the six indicators TA-Lib is compared on (bench/talib/run.sh runs both).</summary>
internal sealed class TaBatchBenchmark : IBenchmark
{
    public string Name => "ta-batch";
    public string Description => "Batch SMA/EMA/RSI/ATR/MACD/BBANDS over 1M points, ns/point (target <= 1.2x TA-Lib C)";

    public void Run(TextWriter output)
    {
        var close = TaBenchData.Close;
        var n = TaBenchData.N;
        output.WriteLine($"input: {n:N0} generated bars (same data as bench/talib/talib_bench.c); {TaTiming.Method}; {MarketDataBenchData.LoadNote()}");
        output.WriteLine($"| library | function | CPU ns/point (median of {TaTiming.Runs}) | CPU ns/point (best) | first output index | checksum (sum of outputs) |");
        output.WriteLine("|---|---|---|---|---|---|");
        Run(output, "SMA(20)", new Sma(20), close, 1);
        Run(output, "EMA(20)", new Ema(20), close, 1);
        Run(output, "RSI(14)", new Rsi(14), close, 1);
        var atr = new Atr(14);
        var atrOut = new double[n];
        Report(output, "ATR(14)", () => atr.Compute(new BarInput(TaBenchData.Open, TaBenchData.High, TaBenchData.Low, TaBenchData.Close), atrOut), atrOut, 1, n);
        Run(output, "MACD(12,26,9)", new Macd(12, 26, 9), close, 3);
        // TA-Lib's BBANDS writes the three bands; ComputeBands does the same work (bits equal to Compute's first three outputs).
        var bb = new Bollinger(20, 2);
        var bands = new double[3 * n];
        Report(output, "BBANDS(20,2)", () => bb.ComputeBands(close, bands.AsSpan(0, n), bands.AsSpan(n, n), bands.AsSpan(2 * n, n)), bands, 3, n);
        // The full indicator also writes %B and bandwidth (two more divisions per point); the checksum adds the three bands.
        Run(output, "BBANDS(20,2) + %B, bandwidth", bb, close, 3);
    }

    private static void Run(TextWriter output, string name, ValueIndicator indicator, double[] values, int comparedOutputs)
    {
        var outputs = new double[values.Length * indicator.OutputCount];
        Report(output, name, () => indicator.Compute(values, outputs), outputs, comparedOutputs, values.Length);
    }

    private static void Report(TextWriter output, string name, Action work, double[] outputs, int comparedOutputs, int n)
    {
        var cpu = TaTiming.Measure(() =>
        {
            var t0 = ThreadCpuClock.NowNanoseconds();
            work();
            return (double)(ThreadCpuClock.NowNanoseconds() - t0) / n;
        });
        var first = Array.FindIndex(outputs, v => !double.IsNaN(v));
        var sum = TaBenchData.Sum(outputs.AsSpan(0, comparedOutputs * n));
        output.WriteLine($"| Platform3 | {name} | {TaBenchData.F(cpu[TaTiming.Runs / 2])} | {TaBenchData.F(cpu[0])} | {first} | {sum.ToString("E12", CultureInfo.InvariantCulture)} |");
    }
}

/// <summary>
/// Streaming: CPU ns per <c>Update</c> and bytes allocated per update, measured two ways:
/// <list type="bullet">
/// <item><b>concrete</b>: the caller holds the sealed indicator type (a strategy's field <c>Ema _fast</c>), so the JIT
/// binds and inlines the update statically;</item>
/// <item><b>interface</b>: the caller holds <see cref="Indicator"/>/<see cref="ValueIndicator"/> (a generic engine with a
/// list of mixed indicators), one virtual dispatch per update.</item>
/// </list>
/// Methodology (why the old median was 4-6x the best): the old harness warmed up 2 runs of ~10 ms, but the runtime
/// only starts counting calls for tier-1 promotion after 100 ms without new tier-0 compilations, so most timed runs
/// executed unoptimised tier-0/OSR code; it also read the process CPU time (every thread: the background JIT that was
/// compiling tier-1 code during the timed runs, GC threads) at the kernel's tick granularity, and built each
/// <see cref="Bar"/> inside the timed loop. Now: warm-up for at least <see cref="TaTiming.WarmUp"/> of wall time, 15 timed runs
/// on the thread's own CPU clock (see <see cref="TaTiming"/>), loops compiled fully optimised up front and without profile-guided guessing (so
/// the interface path pays a real virtual call for every indicator, not a devirtualised guess for the first one the
/// shared loop saw), and bars prebuilt per cache-sized chunk outside the timed region (a strategy receives the bar
/// from the feed; the bar is built once for all of its indicators). The clock's own cost is subtracted per chunk.
/// </summary>
internal sealed class TaStreamBenchmark : IBenchmark
{
    private const int Runs = TaTiming.Runs;
    private const MethodImplOptions Opt = MethodImplOptions.AggressiveOptimization;
    private const int Chunk = 4096; // 4096 bars x 88 bytes: fits the L2 cache

    public string Name => "ta-stream";
    public string Description => "Streaming Update ns per bar (target <= 10 ns for simple indicators), concrete type and interface, allocations per update";

    public void Run(TextWriter output)
    {
        output.WriteLine($"input: {TaBenchData.N:N0} generated bars; value indicators Update(double), bar indicators Update(in Bar) on prebuilt bars; " +
                         $"{TaTiming.Method}; {MarketDataBenchData.LoadNote()}");
        output.WriteLine("| indicator | input | concrete type: CPU ns/update (median) | (best) | interface: CPU ns/update (median) | (best) | bytes allocated per update |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        Value(output, (Sma)Make("sma(20)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Ema)Make("ema(20)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Wma)Make("wma(20)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Rsi)Make("rsi(14)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Macd)Make("macd(12,26,9)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Bollinger)Make("bb(20,2)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (StdDev)Make("stddev(20,1)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (Kama)Make("kama(10,2,30)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (T3)Make("t3(5,0.7)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Value(output, (LinearRegression)Make("linreg(14)"), [MethodImpl(Opt)] static (s, v) => { for (var i = 0; i < v.Length; i++) s.Update(v[i]); });
        Bars(output, (TrueRange)Make("tr"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Atr)Make("atr(14)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Stochastic)Make("stoch(14,3,3)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (WilliamsR)Make("willr(14)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Donchian)Make("donchian(20)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Adx)Make("adx(14)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Cci)Make("cci(20)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (ParabolicSar)Make("sar(0.02,0.2)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Ichimoku)Make("ichimoku(9,26,52,26)"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Platform3.Engines.TechnicalAnalysis.Candlesticks.Engulfing)Make("cdlengulfing"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
        Bars(output, (Platform3.Engines.TechnicalAnalysis.Candlesticks.Star)Make("cdlmorningstar"), [MethodImpl(Opt)] static (s, b, n) => { for (var i = 0; i < n; i++) s.Update(in b[i]); });
    }

    private static Indicator Make(string spec) => IndicatorFactory.Create(spec);

    // The lambdas above are the concrete-type loops: one per type, so each is compiled for its sealed type. Both
    // paths' loops are compiled fully optimised up front, without dynamic PGO.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InterfaceValues(ValueIndicator indicator, double[] values)
    {
        for (var i = 0; i < values.Length; i++) indicator.Update(values[i]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InterfaceBars(Indicator indicator, Bar[] bars, int count)
    {
        for (var i = 0; i < count; i++) indicator.Update(in bars[i]);
    }

    private static void Value<T>(TextWriter output, T indicator, Action<T, double[]> concrete) where T : ValueIndicator
    {
        var close = TaBenchData.Close;
        var (c, cBytes) = Measure(indicator, () =>
        {
            var t0 = ThreadCpuClock.NowNanoseconds();
            concrete(indicator, close);
            return ThreadCpuClock.NowNanoseconds() - t0;
        });
        var (v, vBytes) = Measure(indicator, () =>
        {
            var t0 = ThreadCpuClock.NowNanoseconds();
            InterfaceValues(indicator, close);
            return ThreadCpuClock.NowNanoseconds() - t0;
        });
        Row(output, indicator.Name, "double", c, v, Math.Max(cBytes, vBytes));
    }

    private static void Bars<T>(TextWriter output, T indicator, Action<T, Bar[], int> concrete) where T : Indicator
    {
        var chunk = new Bar[Chunk];
        Action<int> concreteUpdates = n => concrete(indicator, chunk, n), interfaceUpdates = n => InterfaceBars(indicator, chunk, n);
        var (c, cBytes) = Measure(indicator, () => Chunked(chunk, concreteUpdates));
        var (v, vBytes) = Measure(indicator, () => Chunked(chunk, interfaceUpdates));
        Row(output, indicator.Name, "Bar", c, v, Math.Max(cBytes, vBytes));
    }

    /// <summary>Sorted CPU ns per update of the timed runs (each after a Reset), and the bytes one more run allocates (warm-up excluded).</summary>
    private static (double[] Ns, long Bytes) Measure(Indicator indicator, Func<long> run)
    {
        var ns = TaTiming.Measure(() => (double)run() / TaBenchData.N, indicator.Reset);
        indicator.Reset();
        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return (ns, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Feeds all bars chunk by chunk: each chunk is built untimed, then only the updates are timed.</summary>
    private static long Chunked(Bar[] chunk, Action<int> updates)
    {
        double[] o = TaBenchData.Open, h = TaBenchData.High, l = TaBenchData.Low, c = TaBenchData.Close;
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long cpu = 0;
        for (var start = 0; start < c.Length; start += chunk.Length)
        {
            var n = Math.Min(chunk.Length, c.Length - start);
            for (var j = 0; j < n; j++)
            {
                var i = start + j;
                chunk[j] = new Bar(t0.AddMinutes(i), o[i], h[i], l[i], c[i]);
            }
            var c0 = ThreadCpuClock.NowNanoseconds();
            updates(n);
            cpu += ThreadCpuClock.NowNanoseconds() - c0 - ClockCost.Value;
        }
        return cpu;
    }

    /// <summary>CPU ns of one empty timed region (two clock reads and the delegate call), the median of many.</summary>
    private static readonly Lazy<long> ClockCost = new(() =>
    {
        Action<int> nothing = static _ => { };
        var samples = new long[2001];
        for (var i = 0; i < samples.Length; i++)
        {
            var c0 = ThreadCpuClock.NowNanoseconds();
            nothing(0);
            samples[i] = ThreadCpuClock.NowNanoseconds() - c0;
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    });

    private static void Row(TextWriter output, string name, string input, double[] concrete, double[] viaInterface, long bytes) =>
        output.WriteLine($"| {name} | {input} | {TaBenchData.F(concrete[Runs / 2])} | {TaBenchData.F(concrete[0])} | " +
                         $"{TaBenchData.F(viaInterface[Runs / 2])} | {TaBenchData.F(viaInterface[0])} | {TaBenchData.F((double)bytes / TaBenchData.N, 3)} |");
}

/// <summary>Zigzag plus chart-pattern scan (plus Elliott and candlesticks) over one year of M1.</summary>
internal sealed class TaPatternScanBenchmark : IBenchmark
{
    public string Name => "ta-patterns";
    public string Description => "Zigzag + chart pattern scan (+ Elliott, candlesticks) over one year of M1";

    public void Run(TextWriter output)
    {
        var (bars, label) = Year();
        output.WriteLine($"input: {label}, {bars.Count:N0} M1 bars; {MarketDataBenchData.LoadNote()}");
        output.WriteLine("| work | CPU ms (median of 5) | CPU ms (best) | wall ms (best) | ns/bar (CPU median) | result |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var zz in new[] { ZigZagSettings.ByAtr(3, 14), ZigZagSettings.ByPercent(0.1) })
        {
            var pivots = 0;
            Time(output, $"zigzag {zz}", bars.Count, () =>
            {
                var z = new ZigZag(zz, bars.Timeframe);
                for (var i = 0; i < bars.Count; i++) z.Update(bars[i]);
                pivots = z.Pivots.Count;
            }, () => $"{pivots:N0} pivots");
            ChartPatternScanner? scanner = null;
            Time(output, $"zigzag {zz} + chart patterns", bars.Count, () => scanner = ChartPatternScanner.Scan(bars, zz),
                () => $"{scanner!.Detections.Count:N0} patterns on {scanner.ZigZag.Pivots.Count:N0} pivots");
            var counts = 0;
            Time(output, $"Elliott labelling on those pivots", bars.Count, () => counts = ElliottLabeller.ProposeAll(scanner!.ZigZag.Pivots).Count,
                () => $"{counts:N0} counts");
        }
        var signals = 0;
        Time(output, "18 candlestick patterns: batch compute only", bars.Count, () =>
        {
            signals = 0;
            foreach (var p in Platform3.Engines.TechnicalAnalysis.Candlesticks.CandlePatterns.CreateAll())
                foreach (var v in p.Compute(bars).Values) if (v != 0 && !double.IsNaN(v)) signals++;
        }, () => $"{signals:N0} non-zero signals");
        var events = 0;
        Time(output, "18 candlestick patterns as events (PatternScan)", bars.Count, () => events = PatternScan.Run(bars, PatternKinds.Candles, ZigZagSettings.ByAtr(3)).Count,
            () => $"{events:N0} candle signals");
        Time(output, "everything: p3 patterns --kinds candles,chart,elliott", bars.Count,
            () => events = PatternScan.Run(bars, PatternKinds.All, ZigZagSettings.ByAtr(3)).Count, () => $"{events:N0} detections");
    }

    private static void Time(TextWriter output, string name, int n, Action work, Func<string> result)
    {
        var (wall, cpu) = MarketDataBenchData.TimeBoth(work, warmup: 1, runs: 5);
        output.WriteLine($"| {name} | {TaBenchData.F(cpu[2], 1)} | {TaBenchData.F(cpu[0], 1)} | {TaBenchData.F(wall[0], 1)} | {TaBenchData.F(cpu[2] * 1e6 / n, 0)} | {result()} |");
    }

    /// <summary>EURUSD 2017 from HistData when ../shared is there (imported into a temporary store), else synthetic 2024.</summary>
    private static (BarSeries Bars, string Label) Year()
    {
        var real = MarketDataBenchData.RealHistData();
        if (real is null) return (MarketDataBenchData.BidOnly(MarketDataBenchData.Year), "synthetic EURUSD 2024 (../shared absent)");
        var dir = MarketDataBenchData.TempDir();
        try
        {
            var store = BarStore.Open(dir);
            new MarketDataImporter(store, FxCalendar.Default, InstrumentCatalog.Builtin)
                .Import(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [real] });
            return (store.LoadBars("EURUSD", Timeframe.M1), "HistData EURUSD 2017 (real)");
        }
        finally
        {
            try { Directory.Delete(dir, true); }
            catch (IOException) { }
        }
    }
}
