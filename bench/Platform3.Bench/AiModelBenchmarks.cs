using System.Diagnostics;
using Platform3.AI.Inference;
using Platform3.AI.Inference.Native;
using Platform3.AI.Inference.Onnx;
using Platform3.AI.Registry;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.Bench;

/// <summary>Synthetic planted-signal matrices for the model benchmarks.</summary>
internal static class AiBenchMatrix
{
    public static Dataset Make(int rows, int features, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = new float[(long)rows * features];
        var cls = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var f = 0; f < features; f++) x[(long)i * features + f] = (float)G();
            cls[i] = 0.8 * x[(long)i * features] - 0.5 * x[(long)i * features + 1] * x[(long)i * features + 2] + G() > 0 ? 1 : 0;
        }
        var start = Enumerable.Range(0, rows).Select(i => (long)i * TimeSpan.TicksPerMinute).ToArray();
        return new Dataset(TaskKind.Binary, Enumerable.Range(0, features).Select(f => $"f{f}").ToArray(), x, start, start, start, cls,
            new double[rows], new double[rows], new double[rows], null, [-1.0, 1.0]);
    }

    public static TrainerSpec LightGbm(int threads, int iterations = 100) => new()
    {
        Kind = TrainerKind.LightGbmBinary, Threads = threads, Seed = 1,
        Parameters = new Dictionary<string, double> { ["num_iterations"] = iterations, ["num_leaves"] = 31, ["min_data_in_leaf"] = 20 },
    };
}

/// <summary>LightGBM training: 1M rows × 50 features on 2 threads (target ≤ 20 s).</summary>
public sealed class AiTrainBench : IBenchmark
{
    public string Name => "ai-train";
    public string Description => "Train LightGBM binary on 1M rows × 50 features, 2 threads, 100 trees × 31 leaves (target ≤ 20 s)";

    public void Run(TextWriter output)
    {
        var data = AiBenchMatrix.Make(1_000_000, 50, 3);
        var rows = Enumerable.Range(0, data.Count).ToArray();
        output.WriteLine("| rows × features | threads | trees × leaves | seconds (each run) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var threads in new[] { 2, 1 })
        {
            var times = new List<double>();
            for (var run = 0; run < 2; run++)
            {
                var sw = Stopwatch.StartNew();
                ModelTrainer.Fit(data, rows, AiBenchMatrix.LightGbm(threads));
                times.Add(sw.Elapsed.TotalSeconds);
            }
            output.WriteLine($"| 1,000,000 × 50 | {threads} | 100 × 31 | {string.Join(", ", times.Select(t => BenchRunner.F(t, 1)))} |");
        }
    }
}

/// <summary>Single-row and batch prediction with the same LightGBM model in ML.NET, (exported) in ONNX Runtime and on the native evaluator.</summary>
public sealed class AiPredictBench : IBenchmark
{
    public string Name => "ai-predict";
    public string Description => "Predict: same LightGBM model (100 trees, 50 features) in ML.NET vs ONNX Runtime vs native; single p50/p99 (≤ 3/10 µs), batch rows/s (≥ 2M)";

    public void Run(TextWriter output)
    {
        var train = AiBenchMatrix.Make(50_000, 50, 4);
        var model = ModelTrainer.Fit(train, Enumerable.Range(0, train.Count).ToArray(), AiBenchMatrix.LightGbm(2));
        if (!OnnxExporter.TryExport(model, out var onnx, out var outName, out var why)) throw new InvalidOperationException(why);
        var dir = Directory.CreateTempSubdirectory("p3-bench-predict-").FullName;
        var onnxFile = Path.Combine(dir, "m.onnx");
        File.WriteAllBytes(onnxFile, onnx);
        var probe = AiBenchMatrix.Make(200_000, 50, 5);
        output.WriteLine("| runtime | single p50 µs | p90 µs | p99 µs | p99.9 µs | batch rows/s (200k rows) | batch threads |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        using (var ml = MlNetPredictor.From(model)) Measure(output, "ML.NET (pooled PredictionEngine)", ml, probe, "1 (ML.NET batch is a single cursor)");
        using (var ort = OnnxPredictor.Load(onnxFile, 50, 2, OnnxExporter.InputName, outName, intraOpThreads: 1)) Measure(output, "ONNX Runtime (OrtValue, 1 intra-op thread)", ort, probe, "1");
        using (var ort2 = OnnxPredictor.Load(onnxFile, 50, 2, OnnxExporter.InputName, outName, intraOpThreads: 2)) MeasureBatch(output, "ONNX Runtime (2 intra-op threads)", ort2, probe, "2");
        if (!NativeCompiler.TryCompile(model, out var compiled, out var whyNot)) throw new InvalidOperationException(whyNot);
        using (var ml = MlNetPredictor.From(model))
        using (var native1 = new NativePredictor(compiled!, batchThreads: 1))
        {
            var mismatch = NativeVerifier.Verify(native1, ml);
            if (mismatch is not null) throw new InvalidOperationException("native differs from ML.NET: " + mismatch);
            Measure(output, "native evaluator (equal to ML.NET on the probe batch)", native1, probe, "1");
        }
        using (var native2 = new NativePredictor(compiled!, batchThreads: 2)) MeasureBatch(output, "native evaluator (2 threads)", native2, probe, "2");
        output.WriteLine($"native model: {compiled!.Describe()}");
        Directory.Delete(dir, true);
    }

    private static void Measure(TextWriter output, string label, IPredictor p, Dataset probe, string batchThreads)
    {
        var o = new float[2];
        var hist = new LatencyHistogram();
        for (var i = 0; i < 20_000; i++) p.Predict(probe.Row(i % probe.Count), o);
        for (var i = 0; i < 200_000; i++)
        {
            var row = probe.Row(i % probe.Count);
            var t0 = Stopwatch.GetTimestamp();
            p.Predict(row, o);
            hist.RecordTicks(Stopwatch.GetTimestamp() - t0);
        }
        var rate = BatchRate(p, probe);
        output.WriteLine($"| {label} | {BenchRunner.F(hist.PercentileMicros(0.5))} | {BenchRunner.F(hist.PercentileMicros(0.9))} | {BenchRunner.F(hist.PercentileMicros(0.99))} | {BenchRunner.F(hist.PercentileMicros(0.999))} | {BenchRunner.F(rate, 0)} | {batchThreads} |");
    }

    private static void MeasureBatch(TextWriter output, string label, IPredictor p, Dataset probe, string threads) =>
        output.WriteLine($"| {label} | - | - | - | - | {BenchRunner.F(BatchRate(p, probe), 0)} | {threads} |");

    private static double BatchRate(IPredictor p, Dataset probe)
    {
        var outBuf = new float[probe.Count * 2];
        var times = BenchRunner.Time(() => p.PredictBatch(probe.Features, probe.Count, outBuf), warmup: 1, runs: 5);
        return probe.Count / (BenchRunner.Median(times) / 1000);
    }
}

/// <summary>Hot swap: time to load, verify and warm a new version, the pointer swap itself, and request latency while swapping.</summary>
public sealed class AiHotSwapBench : IBenchmark
{
    public string Name => "ai-hot-swap";
    public string Description => "Hot swap on alias move: load+verify+warm, the swap itself, request latency during swaps (2 client threads)";

    public void Run(TextWriter output)
    {
        var dir = Directory.CreateTempSubdirectory("p3-bench-swap-").FullName;
        try
        {
            var data = AiBenchMatrix.Make(20_000, 50, 6);
            var registry = new ModelRegistry(Path.Combine(dir, "models"));
            var sig = new ModelSignature { FeatureSet = "bench@1", Inputs = data.FeatureNames.ToArray(), Task = TaskKind.Binary, ClassValues = [-1, 1] };
            for (var v = 0; v < 2; v++)
            {
                var m = ModelTrainer.Fit(data, Enumerable.Range(0, data.Count).ToArray(), AiBenchMatrix.LightGbm(2) with { Seed = v + 1 });
                var file = Path.Combine(dir, $"m{v}.zip");
                m.Save(file);
                registry.Register("bench", file, ArtifactFormat.MlNet, sig);
            }
            registry.Promote("bench", "champion", 1, "bench");
            using var engine = new InferenceEngine(registry);
            var served = engine.Get("bench@champion");
            var stop = 0;
            var clients = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
            {
                var o = new float[2];
                var k = t;
                while (Volatile.Read(ref stop) == 0) served.Predict(data.Row(k++ % data.Count), o);
            })).ToArray();
            Thread.Sleep(200);
            served.Latency.Reset();
            var swaps = new List<SwapEvent>();
            for (var i = 0; i < 20; i++)
            {
                registry.Promote("bench", "champion", i % 2 == 0 ? 2 : 1, "bench");
                swaps.AddRange(engine.Refresh());
                Thread.Sleep(50);
            }
            Volatile.Write(ref stop, 1);
            Task.WaitAll(clients);
            var load = swaps.Select(s => s.LoadTime.TotalMilliseconds).Order().ToArray();
            var swap = swaps.Select(s => s.SwapTime.TotalMicroseconds).Order().ToArray();
            output.WriteLine("| swaps | load+verify+warm ms (median, max) | swap µs (median, max) | requests during swaps | request p50 µs | p99 µs | p99.9 µs |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            output.WriteLine($"| {swaps.Count} | {BenchRunner.F(BenchRunner.Median(load), 1)}, {BenchRunner.F(load[^1], 1)} | {BenchRunner.F(BenchRunner.Median(swap), 2)}, {BenchRunner.F(swap[^1], 2)} | {served.Latency.TotalCount()} | {BenchRunner.F(served.Latency.PercentileMicros(0.5))} | {BenchRunner.F(served.Latency.PercentileMicros(0.99))} | {BenchRunner.F(served.Latency.PercentileMicros(0.999))} |");
        }
        finally { Directory.Delete(dir, true); }
    }
}

/// <summary>
/// The native evaluator's batch path alone (the ai-predict model and probe rows), at 1 and 2 threads: a quick
/// figure while working on the walk, without ML.NET's and ONNX Runtime's single-row runs.
/// </summary>
public sealed class AiBatchBench : IBenchmark
{
    public string Name => "ai-batch";
    public string Description => "Batch predict on the native evaluator only: ai-predict's LightGBM model, 200k rows, 1 and 2 threads (target ≥ 2M rows/s)";

    public void Run(TextWriter output)
    {
        var train = AiBenchMatrix.Make(50_000, 50, 4);
        var model = ModelTrainer.Fit(train, Enumerable.Range(0, train.Count).ToArray(), AiBenchMatrix.LightGbm(2));
        if (!NativeCompiler.TryCompile(model, out var compiled, out var whyNot)) throw new InvalidOperationException(whyNot);
        var probe = AiBenchMatrix.Make(200_000, 50, 5);
        using (var ml = MlNetPredictor.From(model))
        using (var check = new NativePredictor(compiled!, batchThreads: 1))
        {
            var mismatch = NativeVerifier.Verify(check, ml);
            if (mismatch is not null) throw new InvalidOperationException("native differs from ML.NET: " + mismatch);
        }
        // Wall time, and for one thread also the thread's CPU time: on a shared machine the wall time includes
        // waiting for a core, the CPU time does not.
        output.WriteLine("| batch threads | rows/s (median of 9 runs of 200k rows, wall) | fastest run | rows per CPU-second (1 thread, median) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var threads in new[] { 1, 2 })
        {
            using var native = new NativePredictor(compiled!, batchThreads: threads);
            var outBuf = new float[probe.Count * 2];
            var cpu = new List<double>();
            var times = BenchRunner.Time(() =>
            {
                var c0 = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : 0;
                native.PredictBatch(probe.Features, probe.Count, outBuf);
                if (ThreadCpuClock.Available) cpu.Add(ThreadCpuClock.NowNanoseconds() - c0);
            }, warmup: 2, runs: 9);
            var cpuRate = threads == 1 && ThreadCpuClock.Available
                ? BenchRunner.F(probe.Count / (BenchRunner.Median([.. cpu.Skip(2).Order()]) / 1e9), 0) : "-";
            output.WriteLine($"| {threads} | {BenchRunner.F(probe.Count / (BenchRunner.Median(times) / 1000), 0)} | {BenchRunner.F(probe.Count / (times[0] / 1000), 0)} | {cpuRate} |");
        }
        output.WriteLine($"native model: {compiled!.Describe()}");
    }
}

/// <summary>
/// The decision loop's single-row predict in isolation: a LightGBM model of decision-e2e's shape (50 trees × 15
/// leaves, 69 features) on the native evaluator, one row at a time; mean thread-CPU ns per row over several runs, for
/// A/B comparisons of the row walk that the end-to-end row is too noisy to resolve.
/// </summary>
public sealed class AiPredictRowBench : IBenchmark
{
    public string Name => "ai-predict-row";
    public string Description => "Single-row native predict, decision-e2e's model shape (50 trees × 15 leaves, 69 features): mean thread-CPU ns per row";

    public void Run(TextWriter output)
    {
        const int features = 69;
        var train = AiBenchMatrix.Make(50_000, features, 7);
        var spec = AiBenchMatrix.LightGbm(1, 50) with
        {
            Parameters = new Dictionary<string, double> { ["num_iterations"] = 50, ["num_leaves"] = 15, ["min_data_in_leaf"] = 100 },
        };
        var model = ModelTrainer.Fit(train, Enumerable.Range(0, train.Count).ToArray(), spec);
        if (!NativeCompiler.TryCompile(model, out var compiled, out var whyNot)) throw new InvalidOperationException(whyNot);
        using var native = new NativePredictor(compiled!, batchThreads: 1);
        var probe = AiBenchMatrix.Make(4096, features, 8);
        var o = new float[2];
        const int calls = 1_000_000;
        var samples = new double[7];
        double check = 0;
        for (var run = 0; run < samples.Length + 1; run++)
        {
            var cpu0 = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() : Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++)
            {
                native.Predict(probe.Row(i & 4095), o);
                check += o[1];
            }
            var ns = ThreadCpuClock.Available ? ThreadCpuClock.NowNanoseconds() - cpu0 : (Stopwatch.GetTimestamp() - cpu0) * 1e9 / Stopwatch.Frequency;
            if (run > 0) samples[run - 1] = ns / (double)calls;
        }
        Array.Sort(samples);
        output.WriteLine($"native model: {compiled!.Describe()}; checksum {check:R}");
        output.WriteLine("| rows per run | mean ns/row (median of 7 runs) | best | worst |");
        output.WriteLine("|---|---|---|---|");
        output.WriteLine($"| {calls:N0} | {BenchRunner.F(BenchRunner.Median(samples), 0)} | {BenchRunner.F(samples[0], 0)} | {BenchRunner.F(samples[^1], 0)} |");
    }
}
