using System.Globalization;
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

/// <summary>Batch over 1M points for the six indicators TA-Lib is compared on (bench/talib/run.sh runs both).</summary>
internal sealed class TaBatchBenchmark : IBenchmark
{
    public string Name => "ta-batch";
    public string Description => "Batch SMA/EMA/RSI/ATR/MACD/BBANDS over 1M points, ns/point (target <= 1.2x TA-Lib C)";

    public void Run(TextWriter output)
    {
        var close = TaBenchData.Close;
        var input = new BarInput(TaBenchData.Open, TaBenchData.High, TaBenchData.Low, close);
        var n = TaBenchData.N;
        output.WriteLine($"input: {n:N0} generated bars (same data as bench/talib/talib_bench.c); {MarketDataBenchData.LoadNote()}");
        output.WriteLine("| library | function | CPU ns/point (median of 7) | CPU ns/point (best) | wall ns/point (best) | first output index | checksum (sum of outputs) |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        Run(output, "SMA(20)", new Sma(20), close, 1);
        Run(output, "EMA(20)", new Ema(20), close, 1);
        Run(output, "RSI(14)", new Rsi(14), close, 1);
        var atr = new Atr(14);
        var atrOut = new double[n];
        Report(output, "ATR(14)", () => atr.Compute(new BarInput(TaBenchData.Open, TaBenchData.High, TaBenchData.Low, TaBenchData.Close), atrOut), atrOut, 1, n);
        Run(output, "MACD(12,26,9)", new Macd(12, 26, 9), close, 3);
        // Bollinger computes five outputs (also %B and bandwidth); the checksum adds the three TA-Lib has.
        Run(output, "BBANDS(20,2)", new Bollinger(20, 2), close, 3);
    }

    private static void Run(TextWriter output, string name, ValueIndicator indicator, double[] values, int comparedOutputs)
    {
        var outputs = new double[values.Length * indicator.OutputCount];
        Report(output, name, () => indicator.Compute(values, outputs), outputs, comparedOutputs, values.Length);
    }

    private static void Report(TextWriter output, string name, Action work, double[] outputs, int comparedOutputs, int n)
    {
        var (wall, cpu) = MarketDataBenchData.TimeBoth(work, warmup: 3, runs: 7);
        var first = Array.FindIndex(outputs, v => !double.IsNaN(v));
        var sum = TaBenchData.Sum(outputs.AsSpan(0, comparedOutputs * n));
        output.WriteLine($"| Platform3 | {name} | {TaBenchData.F(cpu[3] * 1e6 / n)} | {TaBenchData.F(cpu[0] * 1e6 / n)} | {TaBenchData.F(wall[0] * 1e6 / n)} | {first} | {sum.ToString("E12", CultureInfo.InvariantCulture)} |");
    }
}

/// <summary>Streaming: ns per Update for simple and composite indicators, and bytes allocated per update.</summary>
internal sealed class TaStreamBenchmark : IBenchmark
{
    public string Name => "ta-stream";
    public string Description => "Streaming Update ns per bar (target <= 10 ns for simple indicators), allocations per update";

    public void Run(TextWriter output)
    {
        output.WriteLine($"input: {TaBenchData.N:N0} generated bars; value indicators are fed Update(double), bar indicators Update(in Bar) " +
                         $"with the Bar built in the loop; {MarketDataBenchData.LoadNote()}");
        output.WriteLine("| indicator | input | CPU ns/update (median of 5) | CPU ns/update (best) | bytes allocated per update |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var spec in new[] { "sma(20)", "ema(20)", "wma(20)", "rsi(14)", "macd(12,26,9)", "bb(20,2)", "stddev(20,1)", "kama(10,2,30)", "t3(5,0.7)", "linreg(14)" })
            Value(output, IndicatorFactory.Create(spec));
        foreach (var spec in new[] { "tr", "atr(14)", "stoch(14,3,3)", "willr(14)", "donchian(20)", "adx(14)", "cci(20)", "sar(0.02,0.2)", "ichimoku(9,26,52,26)", "cdlengulfing", "cdlmorningstar" })
            Bars(output, IndicatorFactory.Create(spec));
    }

    private static void Value(TextWriter output, Indicator indicator)
    {
        var v = (ValueIndicator)indicator;
        var close = TaBenchData.Close;
        long bytes = 0;
        var (_, cpu) = MarketDataBenchData.TimeBoth(() =>
        {
            v.Reset();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < close.Length; i++) v.Update(close[i]);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }, warmup: 2, runs: 5);
        Row(output, indicator.Name, "double", cpu, bytes);
    }

    private static void Bars(TextWriter output, Indicator indicator)
    {
        double[] o = TaBenchData.Open, h = TaBenchData.High, l = TaBenchData.Low, c = TaBenchData.Close;
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long bytes = 0;
        var (_, cpu) = MarketDataBenchData.TimeBoth(() =>
        {
            indicator.Reset();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < c.Length; i++) indicator.Update(new Bar(t0, o[i], h[i], l[i], c[i]));
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }, warmup: 2, runs: 5);
        Row(output, indicator.Name, "Bar", cpu, bytes);
    }

    private static void Row(TextWriter output, string name, string input, double[] cpuMs, long bytes) =>
        output.WriteLine($"| {name} | {input} | {TaBenchData.F(cpuMs[2] * 1e6 / TaBenchData.N)} | {TaBenchData.F(cpuMs[0] * 1e6 / TaBenchData.N)} | {TaBenchData.F((double)bytes / TaBenchData.N, 3)} |");
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
