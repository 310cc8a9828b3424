using System.Diagnostics;
using Platform3.AI.Features;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.Bench;

/// <summary>Where the feature benchmarks get a year of M1 bars: real HistData EURUSD 2017 when ../shared is there, else synthetic.</summary>
internal static class AiBenchData
{
    public static (BarSeries Bars, string Source) YearOfM1()
    {
        var shared = Environment.GetEnvironmentVariable("P3_SHARED_DIR") ?? FindShared();
        var file = shared is null ? null : Path.Combine(shared, "data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz");
        if (file is not null && File.Exists(file))
        {
            var tmp = Directory.CreateTempSubdirectory("p3-bench-ai-").FullName;
            try
            {
                var importer = new MarketDataImporter(BarStore.Open(tmp), FxCalendar.Default, InstrumentCatalog.Builtin);
                return (importer.Parse(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] }).Bars!,
                    "HistData EURUSD 2017 M1 (real)");
            }
            finally { Directory.Delete(tmp, true); }
        }
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (SyntheticMarket.GenerateM1("EURUSD", from, from.AddYears(1), SynthModel.Regime, 1), "synthetic regime EURUSD M1, one year");
    }

    private static string? FindShared()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform3.slnx"))) dir = dir.Parent;
        var shared = dir is null ? null : Path.Combine(dir.FullName, "..", "shared");
        return shared is not null && Directory.Exists(shared) ? shared : null;
    }
}

/// <summary>Offline feature build: a year of M1 bars through core@1 (69 columns with H1/H4 context) into a matrix, then Parquet.</summary>
public sealed class AiFeatureBuildBench : IBenchmark
{
    public string Name => "ai-feature-build";
    public string Description => "Offline feature build: one year of M1, core@1 (69 features incl. H1/H4), matrix + Parquet write";

    public void Run(TextWriter output)
    {
        var (bars, source) = AiBenchData.YearOfM1();
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        FeatureFrame? frame = null;
        var times = BenchRunner.Time(() => frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, eurusd, bars, FxCalendar.Default), warmup: 1, runs: 3);
        var dir = Directory.CreateTempSubdirectory("p3-bench-feat-").FullName;
        var path = Path.Combine(dir, "core.parquet");
        var write = BenchRunner.Time(() => Platform3.AI.Features.Storage.FeatureFile.Write(path, frame!), warmup: 1, runs: 3);
        var bytes = new FileInfo(path).Length;
        Directory.Delete(dir, true);
        var ms = BenchRunner.Median(times);
        output.WriteLine($"data: {source}, {bars.Count} bars");
        output.WriteLine("| work | rows | features | median ms | bars/s | ns/bar/feature |");
        output.WriteLine("|---|---|---|---|---|---|");
        output.WriteLine($"| build matrix (warm-up {frame!.WarmUpExcluded} rows excluded) | {frame.Count} | {frame.Width} | {BenchRunner.F(ms, 0)} | {BenchRunner.F(bars.Count / (ms / 1000), 0)} | {BenchRunner.F(ms * 1e6 / bars.Count / frame.Width, 1)} |");
        output.WriteLine($"| write Parquet ({bytes / 1024 / 1024.0:F1} MiB, snappy) | {frame.Count} | {frame.Width} | {BenchRunner.F(BenchRunner.Median(write), 0)} | - | - |");
    }
}

/// <summary>Online update: one closed bar through every core@1 feature (the same engine the online store runs).</summary>
public sealed class AiOnlineUpdateBench : IBenchmark
{
    public string Name => "ai-online-update";
    public string Description => "Online feature update: all core@1 features (69) per M1 bar, ns/bar (target ≤ 5 µs)";

    public void Run(TextWriter output)
    {
        var (bars, source) = AiBenchData.YearOfM1();
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        var n = Math.Min(bars.Count, 200_000);
        var input = new Bar[n];
        for (var i = 0; i < n; i++) input[i] = bars[i];
        var samples = new double[5];
        var width = 0;
        for (var run = 0; run < samples.Length + 1; run++)
        {
            var engine = new FeatureEngine(FeatureSetCatalog.Core1, new FeatureContext(eurusd, Timeframe.M1, FxCalendar.Default));
            width = engine.Count;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) engine.Update(in input[i]);
            sw.Stop();
            if (run > 0) samples[run - 1] = sw.Elapsed.TotalNanoseconds / n;
        }
        // Per-bar latency distribution on a warm engine.
        var warm = new FeatureEngine(FeatureSetCatalog.Core1, new FeatureContext(eurusd, Timeframe.M1, FxCalendar.Default));
        var hist = new Platform3.AI.Inference.LatencyHistogram();
        var alloc0 = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            warm.Update(in input[i]);
            hist.RecordTicks(Stopwatch.GetTimestamp() - t0);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
        Array.Sort(samples);
        output.WriteLine($"data: {source}, first {n} bars");
        output.WriteLine("| features | mean ns/bar (median of 5 runs) | best run | p50 µs | p99 µs | p99.9 µs | bytes allocated per bar |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        output.WriteLine($"| {width} | {BenchRunner.F(BenchRunner.Median(samples), 0)} | {BenchRunner.F(samples[0], 0)} | {BenchRunner.F(hist.PercentileMicros(0.5), 2)} | {BenchRunner.F(hist.PercentileMicros(0.99), 2)} | {BenchRunner.F(hist.PercentileMicros(0.999), 2)} | {BenchRunner.F((double)allocated / n, 1)} |");
    }
}

/// <summary>
/// A time slice of three pairs through their feature engines, as the decision host's model source feeds them: engine by
/// engine (each symbol's whole vector in turn) against block by block across the three (<see cref="FeatureEngine.UpdateSlice"/>),
/// on synthetic M5 (core@1) and H1 (core-h1@1) bars. Alternated runs; thread CPU ns per slice, median.
/// </summary>
public sealed class AiOnlineSliceBench : IBenchmark
{
    public string Name => "ai-online-slice";
    public string Description => "Online features for a slice of 3 pairs: engine by engine vs block by block (thread CPU ns per slice)";

    private static readonly string[] Symbols = ["EURUSD", "GBPUSD", "USDJPY"];

    public void Run(TextWriter output)
    {
        var calendar = FxCalendar.Default;
        var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var m1 = new SyntheticMarket().M1(Symbols, from, from.AddMonths(6), SynthModel.Regime, 7);
        output.WriteLine("| set | timeframe | slices | engine by engine ns/slice | block by block ns/slice | ratio |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var (set, tf) in new[] { (FeatureSetCatalog.Core1, Timeframe.M5), (FeatureSetCatalog.CoreH1, Timeframe.H1) })
        {
            var series = m1.Select(s => Platform3.MarketData.Resampling.BarResampler.Resample(s, tf, calendar)).ToArray();
            var n = series.Min(s => s.Count);
            var bars = new Bar[n * Symbols.Length];
            for (var t = 0; t < n; t++)
                for (var i = 0; i < Symbols.Length; i++) bars[t * Symbols.Length + i] = series[i][t];
            double Run(bool sliced)
            {
                var engines = Symbols.Select(s => new FeatureEngine(set, new FeatureContext(InstrumentCatalog.Builtin.Get(s), tf, calendar))).ToArray();
                var start = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : Stopwatch.GetTimestamp();
                for (var t = 0; t < n; t++)
                {
                    var slice = bars.AsSpan(t * Symbols.Length, Symbols.Length);
                    if (sliced) FeatureEngine.UpdateSlice(engines, slice);
                    else for (var i = 0; i < engines.Length; i++) engines[i].Update(in slice[i]);
                }
                var ns = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() - start : Stopwatch.GetElapsedTime(start).TotalNanoseconds;
                return ns / n;
            }
            var a = new List<double>();
            var b = new List<double>();
            for (var r = 0; r < 12; r++)
            {
                var x = Run(false);
                var y = Run(true);
                if (r >= 2) { a.Add(x); b.Add(y); }
            }
            double ma = BenchRunner.Median([.. a.Order()]), mb = BenchRunner.Median([.. b.Order()]);
            output.WriteLine($"| {set.Id} | {tf.Name} | {n:N0} | {BenchRunner.F(ma, 0)} | {BenchRunner.F(mb, 0)} | {BenchRunner.F(mb / ma, 3)} |");
        }
    }
}
