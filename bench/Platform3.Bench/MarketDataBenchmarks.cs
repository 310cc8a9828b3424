using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Time;
using Platform3.MarketData.Export;
using Platform3.MarketData.Import;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.Bench;

/// <summary>Shared inputs of the market-data benchmarks: one synthetic year of M1 bid/ask bars, and the real HistData file when ../shared is there.</summary>
internal static class MarketDataBenchData
{
    private static readonly Lazy<BarSeries> YearLazy = new(() =>
        SyntheticMarket.GenerateM1("EURUSD", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), SynthModel.Regime, 1));

    /// <summary>
    /// Like <see cref="BenchRunner.Time"/>, but also the process CPU time per run: on a shared, loaded machine the
    /// wall clock includes time spent waiting for a core, CPU time does not (single-threaded work only).
    /// </summary>
    public static (double[] WallMs, double[] CpuMs) TimeBoth(Action work, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) work();
        var wall = new double[runs];
        var cpu = new double[runs];
        using var proc = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            proc.Refresh();
            var c0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            work();
            wall[i] = sw.Elapsed.TotalMilliseconds;
            proc.Refresh();
            cpu[i] = (proc.TotalProcessorTime - c0).TotalMilliseconds;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall, cpu);
    }

    public static string LoadNote() =>
        File.Exists("/proc/loadavg") ? $"load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores" : "";

    /// <summary>2024 in M1, bid and ask: about 370k bars.</summary>
    public static BarSeries Year => YearLazy.Value;

    public static BarSeries BidOnly(BarSeries s) => new(s.Symbol, s.Timeframe, s.Time, s.Open, s.High, s.Low, s.Close, s.Volume);

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "p3-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>../shared/data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz, or null.</summary>
    public static string? RealHistData()
    {
        var rel = Path.Combine("data", "fx", "EURUSD", "histdata_m1", "DAT_ASCII_EURUSD_M1_2017.csv.gz");
        var env = Environment.GetEnvironmentVariable("P3_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, rel))) return Path.Combine(env, rel);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform3.slnx")))
                return File.Exists(Path.Combine(dir.FullName, "..", "shared", rel)) ? Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", rel)) : null;
        return null;
    }

    public static string HistDataText(BarSeries s) => VendorFiles.HistData(s);
}

/// <summary>Import HistData M1: parse + validate rows/s (target ≥ 2M rows/s), gz and plain, and the full import with the store write.</summary>
internal sealed class MarketDataImportBenchmark : IBenchmark
{
    public string Name => "md-import";
    public string Description => "Import HistData M1 (rows/s; target >= 2M rows/s)";

    public void Run(TextWriter output)
    {
        var dir = MarketDataBenchData.TempDir();
        try
        {
            var real = MarketDataBenchData.RealHistData();
            string gz, plain, label;
            if (real is not null)
            {
                gz = real;
                plain = Path.Combine(dir, "eurusd2017.csv");
                using (var src = new GZipStream(File.OpenRead(real), CompressionMode.Decompress))
                using (var dst = File.Create(plain)) src.CopyTo(dst);
                label = "HistData EURUSD 2017 (real, 371,635 rows)";
            }
            else
            {
                var text = MarketDataBenchData.HistDataText(MarketDataBenchData.BidOnly(MarketDataBenchData.Year));
                plain = Path.Combine(dir, "synthetic2024.csv");
                File.WriteAllText(plain, text);
                gz = plain + ".gz";
                using (var dst = new GZipStream(File.Create(gz), CompressionLevel.Optimal)) dst.Write(Encoding.ASCII.GetBytes(text));
                label = "synthetic 2024 in HistData layout (../shared absent)";
            }
            output.WriteLine($"input: {label}; {MarketDataBenchData.LoadNote()}");
            output.WriteLine("| Work | Rows | Wall median | Wall best | CPU median | Rows/s (wall best) | Rows/s (CPU median) |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (name, file) in new[] { ("parse + validate, .csv.gz", gz), ("parse + validate, plain .csv", plain) })
            {
                long rows = 0;
                var times = MarketDataBenchData.TimeBoth(() =>
                {
                    var importer = new MarketDataImporter(BarStore.Open(dir), FxCalendar.Default, InstrumentCatalog.Builtin);
                    rows = importer.Parse(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] }).Accepted;
                }, warmup: 2, runs: 9);
                Row(output, name, rows, times);
            }
            long imported = 0;
            var full = MarketDataBenchData.TimeBoth(() =>
            {
                var storeDir = Path.Combine(dir, "store-" + Guid.NewGuid().ToString("N")[..6]);
                var importer = new MarketDataImporter(BarStore.Open(storeDir), FxCalendar.Default, InstrumentCatalog.Builtin);
                imported = importer.Import(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [gz] }).Accepted;
                Directory.Delete(storeDir, true);
            }, warmup: 1, runs: 5);
            Row(output, "full import of the .gz into an empty store (parse, validate, merge, checksum, fsync)", imported, full);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Row(TextWriter o, string name, long rows, (double[] Wall, double[] Cpu) t) =>
        o.WriteLine($"| {name} | {rows:N0} | {BenchRunner.F(BenchRunner.Median(t.Wall))} ms | {BenchRunner.F(t.Wall[0])} ms | {BenchRunner.F(BenchRunner.Median(t.Cpu))} ms | " +
                    $"{rows / (t.Wall[0] / 1000) / 1e6:0.00}M | {rows / (BenchRunner.Median(t.Cpu) / 1000) / 1e6:0.00}M |");
}

/// <summary>Load one year of M1 from the store into arrays (target ≤ 30 ms), against ParquetSharp reading the same year.</summary>
internal sealed class MarketDataLoadBenchmark : IBenchmark
{
    public string Name => "md-load";
    public string Description => "Load one year of M1 from the store into arrays (target <= 30 ms); Parquet for comparison";

    public void Run(TextWriter output)
    {
        var dir = MarketDataBenchData.TempDir();
        try
        {
            var year = MarketDataBenchData.Year;
            var bidOnly = MarketDataBenchData.BidOnly(year).Slice(null, null);
            var store = BarStore.Open(dir);
            store.WriteBars(year);
            store.WriteBars(new BarSeries("BIDONLY", bidOnly.Timeframe, bidOnly.Time, bidOnly.Open, bidOnly.High, bidOnly.Low, bidOnly.Close, bidOnly.Volume));
            var parquet = Path.Combine(dir, "eurusd_2024.parquet");
            BarExporter.ToParquet(year, parquet);
            var storeBytes = new FileInfo(store.Layout.BarPartition("EURUSD", Timeframe.M1, 2024)).Length;
            output.WriteLine($"input: {year.Count:N0} M1 bars (2024, synthetic, bid and ask OHLC + volume); store partition {storeBytes / 1048576.0:0.0} MiB, Parquet (Snappy) {new FileInfo(parquet).Length / 1048576.0:0.0} MiB; files in the page cache; {MarketDataBenchData.LoadNote()}");
            output.WriteLine("| Work | Wall median | Wall best | CPU median |");
            output.WriteLine("|---|---|---|---|");
            Row(output, "store: LoadBars EURUSD M1 2024, bid + ask (checksum verified)", MarketDataBenchData.TimeBoth(() => Check(store.LoadBars("EURUSD", Timeframe.M1), year.Count), 3, 41));
            Row(output, "store: LoadBars, bid only (HistData-like)", MarketDataBenchData.TimeBoth(() => Check(store.LoadBars("BIDONLY", Timeframe.M1), year.Count), 3, 41));
            Row(output, "store: LoadBars, one month (range read)", MarketDataBenchData.TimeBoth(() =>
                store.LoadBars("EURUSD", Timeframe.M1, new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc)), 3, 15));
            Row(output, "Parquet (ParquetSharp) read of the same year into BarSeries", MarketDataBenchData.TimeBoth(() => Check(BarExporter.ReadParquet(parquet), year.Count), 2, 7));
            var gc = GC.GetAllocatedBytesForCurrentThread();
            store.LoadBars("EURUSD", Timeframe.M1);
            output.WriteLine($"allocated per store load: {(GC.GetAllocatedBytesForCurrentThread() - gc) / 1048576.0:0.0} MiB (the result arrays themselves are {year.Count * 80 / 1048576.0:0.0} MiB)");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Check(BarSeries s, int expected)
    {
        if (s.Count != expected) throw new InvalidOperationException($"loaded {s.Count} bars, expected {expected}");
    }

    private static void Row(TextWriter o, string name, (double[] Wall, double[] Cpu) t) =>
        o.WriteLine($"| {name} | {BenchRunner.F(BenchRunner.Median(t.Wall))} ms | {BenchRunner.F(t.Wall[0])} ms | {BenchRunner.F(BenchRunner.Median(t.Cpu))} ms |");
}

/// <summary>Resample one year of M1 to H1 (target ≤ 10 ms), plus D1 and the streaming aggregator.</summary>
internal sealed class MarketDataResampleBenchmark : IBenchmark
{
    public string Name => "md-resample";
    public string Description => "Resample one year of M1 to H1 (target <= 10 ms), D1, streaming";

    public void Run(TextWriter output)
    {
        var year = MarketDataBenchData.Year;
        var cal = FxCalendar.Default;
        output.WriteLine($"input: {year.Count:N0} M1 bars (2024, synthetic, bid and ask); {MarketDataBenchData.LoadNote()}");
        output.WriteLine("| Work | Bars out | Wall median | Wall best | CPU median | ns per input bar (wall best) |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var tf in new[] { Timeframe.H1, Timeframe.H4, Timeframe.D1 })
        {
            var n = 0;
            var ms = MarketDataBenchData.TimeBoth(() => n = BarResampler.Resample(year, tf, cal).Count, 3, 15);
            Row(output, $"batch M1 → {tf}", n, ms, year.Count);
        }
        var bidOnly = MarketDataBenchData.BidOnly(year);
        var m = 0;
        var bidTimes = MarketDataBenchData.TimeBoth(() => m = BarResampler.Resample(bidOnly, Timeframe.H1, cal).Count, 3, 15);
        Row(output, "batch M1 → H1, bid only", m, bidTimes, year.Count);
        var count = 0;
        var streaming = MarketDataBenchData.TimeBoth(() =>
        {
            var agg = new StreamingBarAggregator(Timeframe.M1, Timeframe.H1, cal);
            count = 0;
            for (var i = 0; i < year.Count; i++)
            {
                agg.Push(year[i]);
                while (agg.TryTake(out _)) count++;
            }
            agg.Flush();
            while (agg.TryTake(out _)) count++;
        }, 2, 7);
        Row(output, "streaming M1 → H1 (Push per bar, from BarSeries[i])", count, streaming, year.Count);
        var sw = Stopwatch.StartNew();
        var gc = GC.GetAllocatedBytesForCurrentThread();
        var agg2 = new StreamingBarAggregator(Timeframe.M1, Timeframe.H1, cal);
        for (var i = 0; i < year.Count; i++) { agg2.Push(year[i]); while (agg2.TryTake(out _)) { } }
        output.WriteLine($"streaming allocations over the year: {GC.GetAllocatedBytesForCurrentThread() - gc:N0} bytes ({sw.ElapsedMilliseconds} ms)");
    }

    private static void Row(TextWriter o, string name, int bars, (double[] Wall, double[] Cpu) t, int input) =>
        o.WriteLine($"| {name} | {bars:N0} | {BenchRunner.F(BenchRunner.Median(t.Wall))} ms | {BenchRunner.F(t.Wall[0])} ms | {BenchRunner.F(BenchRunner.Median(t.Cpu))} ms | {t.Wall[0] * 1e6 / input:0.0} |");
}
