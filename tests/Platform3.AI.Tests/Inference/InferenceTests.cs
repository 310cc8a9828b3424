using Platform3.AI.Inference;
using Platform3.AI.Inference.Onnx;
using Platform3.AI.Registry;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Errors;

namespace Platform3.AI.Tests.Inference;

public class InferenceTests
{
    [Fact]
    public void A_registered_mlnet_model_serves_the_same_probabilities_single_and_batch()
    {
        using var dir = new TempDir();
        var data = Synthetic.Planted(600, 4, 1.5, seed: 1);
        var model = Models.Train(data);
        var reg = new ModelRegistry(dir.File("models"));
        Models.Register(reg, "m", model, data, dir.Path);
        reg.Promote("m", "champion", 1, "test");
        using var engine = new InferenceEngine(reg);
        var served = engine.Get("m@champion");
        var rows = Enumerable.Range(0, 50).ToArray();
        var expected = model.Score(data, rows);
        var output = new float[2];
        foreach (var r in rows)
        {
            var info = served.Predict(data.Row(r), output);
            Assert.Equal(expected[r * 2 + 1], output[1], 6);
            Assert.Equal(1, info.Version);
            Assert.Equal(output[1] - output[0], info.ExpectedValue, 5);
        }
        var batch = new float[100];
        served.PredictBatch(data.Features.AsMemory(0, 50 * 4), 50, batch);
        Assert.Equal(expected, batch);
        var described = engine.Predict("m@champion", data.Row(0));
        Assert.Equal("m@1", described.Model);
        Assert.Equal(expected[1], described.ProbabilityOf(1.0), 6);
        Assert.Equal(1, served.Latency.TotalCount() >= 50 ? 1 : 0);
    }

    [Fact]
    public void Pooled_prediction_engines_are_safe_under_concurrency()
    {
        var data = Synthetic.Planted(400, 5, 1.0, seed: 2);
        var model = Models.Train(data);
        using var p = MlNetPredictor.From(model);
        var expected = model.Score(data, Enumerable.Range(0, 400).ToArray());
        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var o = new float[2];
            for (var k = 0; k < 1500; k++)
            {
                var r = (k * 7 + t * 13) % 400;
                p.Predict(data.Row(r), o);
                if (Math.Abs(o[1] - expected[r * 2 + 1]) > 1e-6) Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void An_onnx_model_built_in_code_is_imported_and_served()
    {
        using var dir = new TempDir();
        float[] w = [0.5f, -1.25f, 2f];
        var file = dir.File("external.onnx");
        File.WriteAllBytes(file, TinyOnnx.Logistic(w, 0.1f));
        var reg = new ModelRegistry(dir.File("models"));
        var v = OnnxImporter.Import(reg, file, "py-model", "core@1", null, ["f1", "f2", "f3"], TaskKind.Binary, [-1, 1]);
        Assert.Equal(ArtifactFormat.Onnx, v.Format);
        Assert.Equal("input", v.Signature.OnnxInput);
        Assert.Equal("probabilities", v.Signature.OnnxOutput);
        using var engine = new InferenceEngine(reg);
        float[] x = [1f, 0.5f, -0.25f];
        var pred = engine.Predict("py-model@1", x);
        var expected = TinyOnnx.Expected(w, 0.1f, x);
        Assert.Equal(expected[1], pred.Probabilities[1], 6);
        Assert.Equal(expected[0], pred.Probabilities[0], 6);

        using var p = OnnxPredictor.Load(reg.VerifiedArtifactPath(v));
        var xs = new float[] { 1, 0.5f, -0.25f, 0, 0, 0 };
        var o = new float[4];
        p.PredictBatch(xs, 2, o);
        Assert.Equal(expected[1], o[1], 6);
        Assert.Equal(TinyOnnx.Expected(w, 0.1f, [0, 0, 0])[1], o[3], 6);
    }

    [Fact]
    public void Onnx_import_checks_the_feature_count_and_output()
    {
        using var dir = new TempDir();
        var file = dir.File("external.onnx");
        File.WriteAllBytes(file, TinyOnnx.Logistic([1f, 2f], 0));
        var reg = new ModelRegistry(dir.File("models"));
        var ex = Assert.Throws<DataException>(() => OnnxImporter.Import(reg, file, "x", "core@1", null, ["a", "b", "c"], TaskKind.Binary, [-1, 1]));
        Assert.Contains("takes 2 features but the signature lists 3", ex.Message);
        var three = Assert.Throws<DataException>(() => OnnxImporter.Import(reg, file, "x", "core@1", null, ["a", "b"], TaskKind.Multiclass, [-1, 0, 1]));
        Assert.Contains("width 2, expected 3", three.Message);
        File.WriteAllText(dir.File("junk.onnx"), "not a model");
        Assert.Throws<DataException>(() => OnnxImporter.Import(reg, dir.File("junk.onnx"), "x", "core@1", null, ["a", "b"], TaskKind.Binary, [-1, 1]));
        Assert.Empty(reg.List());
    }

    [Theory]
    [InlineData(TrainerKind.LightGbmBinary)]
    [InlineData(TrainerKind.FastTreeBinary)]
    [InlineData(TrainerKind.SdcaLogistic)]
    [InlineData(TrainerKind.LightGbmRegression)]
    [InlineData(TrainerKind.LightGbmMulticlass)]
    public void Exported_onnx_matches_mlnet_predictions(TrainerKind kind)
    {
        using var dir = new TempDir();
        var task = kind.Task();
        var data = Synthetic.Planted(800, 6, 1.0, seed: 3, task: task);
        var model = Models.Train(data, 30, kind: kind, processors: kind == TrainerKind.SdcaLogistic ? [ProcessorKind.ZScore] : null);
        // Missing values after training: ML.NET's per-node defaults must be what ONNX Runtime does with NaN.
        if (kind != TrainerKind.SdcaLogistic)
            for (var i = 0; i < data.Features.Length; i += 7) data.Features[i] = float.NaN;
        Assert.True(OnnxExporter.TryExport(model, out var bytes, out var outputName, out var reason), reason);
        var file = dir.File("m.onnx");
        File.WriteAllBytes(file, bytes);
        using var onnx = OnnxPredictor.Load(file, data.FeatureCount, model.OutputWidth, OnnxExporter.InputName, outputName);
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var expected = model.Score(data, rows);
        var got = new float[expected.Length];
        onnx.PredictBatch(data.Features, data.Count, got);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= 1e-5 + 1e-5 * Math.Abs(expected[i]), $"{kind} value {i}: ml.net {expected[i]} onnx {got[i]}");
    }

    [Theory]
    [InlineData(TrainerKind.LightGbmBinary)]
    [InlineData(TrainerKind.LightGbmMulticlass)]
    public void Exported_onnx_sends_missing_values_where_mlnet_does(TrainerKind kind)
    {
        // x0 is missing on a third of the rows and missing means "up": LightGBM learns a direction for NaN per split,
        // ML.NET substitutes a per-node default, and the export must make ONNX Runtime take the same branch.
        using var dir = new TempDir();
        var data = Synthetic.Planted(900, 4, 1.5, seed: 12, task: kind.Task());
        var rng = new Random(3);
        for (var i = 0; i < data.Count; i++)
            if (rng.NextDouble() < 0.33)
            {
                data.Features[i * 4] = float.NaN;
                data.Class[i] = data.ClassCount - 1;
            }
        var model = Models.Train(data, 25, kind: kind);
        Assert.True(Platform3.AI.Inference.Native.NativeCompiler.TryCompile(model, out var native, out var why), why);
        Assert.True(native!.AnyNanLeft, "the model should send NaN left somewhere");
        Assert.True(OnnxExporter.TryExport(model, out var bytes, out var outputName, out var reason), reason);
        var file = dir.File("m.onnx");
        File.WriteAllBytes(file, bytes);
        using var onnx = OnnxPredictor.Load(file, 4, model.OutputWidth, OnnxExporter.InputName, outputName);
        var expected = model.Score(data, Enumerable.Range(0, data.Count).ToArray());
        var got = new float[expected.Length];
        onnx.PredictBatch(data.Features, data.Count, got);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= 1e-5, $"{kind} value {i}: ml.net {expected[i]} onnx {got[i]}");
    }

    [Fact]
    public void A_registered_multiclass_model_is_served_by_onnx_runtime_through_the_export()
    {
        using var dir = new TempDir();
        var data = Synthetic.Planted(600, 5, 1.0, seed: 8, task: TaskKind.Multiclass);
        var reg = new ModelRegistry(dir.File("models"));
        var model = Models.Train(data, 20, kind: TrainerKind.LightGbmMulticlass);
        Models.Register(reg, "three", model, data, dir.Path);
        using var engine = new InferenceEngine(reg, new InferenceOptions { Runtime = ServingRuntime.Onnx });
        var served = engine.Get("three@1");
        Assert.Equal("onnxruntime", served.Runtime);
        var expected = model.Score(data, [0, 1, 2]);
        for (var r = 0; r < 3; r++)
        {
            var p = served.Predict(data.Row(r));
            Assert.Equal(3, p.Probabilities.Count);
            for (var k = 0; k < 3; k++) Assert.Equal(expected[r * 3 + k], p.Probabilities[k], 5);
        }
    }

    [Fact]
    public async Task Hot_swap_under_concurrent_load_has_no_failed_or_mixed_requests()
    {
        using var dir = new TempDir();
        var data = Synthetic.Planted(400, 3, 1.0, seed: 4);
        var reg = new ModelRegistry(dir.File("models"));
        // v1: an ML.NET LightGBM model; v2: an ONNX logistic model. Their outputs differ for every probe row.
        var v1Model = Models.Train(data);
        Models.Register(reg, "live", v1Model, data, dir.Path);
        float[] w = [3f, -2f, 1f];
        var onnxFile = dir.File("v2.onnx");
        File.WriteAllBytes(onnxFile, TinyOnnx.Logistic(w, 0.5f));
        reg.Register("live", onnxFile, ArtifactFormat.Onnx, Models.Signature(data) with { OnnxInput = "input", OnnxOutput = "probabilities" });
        reg.Promote("live", "champion", 1, "test");

        var probes = Enumerable.Range(0, 20).ToArray();
        var expectedV1 = v1Model.Score(data, probes);
        var expectedV2 = probes.Select(r => TinyOnnx.Expected(w, 0.5f, data.Row(r).ToArray())[1]).ToArray();

        using var engine = new InferenceEngine(reg);
        var served = engine.Get("live@champion");
        var stop = 0;
        var failures = 0; var mixed = 0;
        var seen = new int[3];
        var workers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            var o = new float[2];
            var k = t;
            while (Volatile.Read(ref stop) == 0)
            {
                var probe = probes[k++ % probes.Length];
                try
                {
                    var info = served.Predict(data.Row(probe), o);
                    var want = info.Version == 1 ? expectedV1[probe * 2 + 1] : expectedV2[probe];
                    if (Math.Abs(o[1] - want) > 1e-5) Interlocked.Increment(ref mixed);
                    Interlocked.Increment(ref seen[info.Version]);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        var swaps = 0;
        for (var i = 0; i < 30; i++)
        {
            reg.Promote("live", "champion", i % 2 == 0 ? 2 : 1, "test");
            swaps += engine.Refresh().Count;
            await Task.Delay(2);
        }
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers);
        Assert.Equal(30, swaps);
        Assert.Equal(0, failures);
        Assert.Equal(0, mixed);
        Assert.True(seen[1] > 0 && seen[2] > 0, $"both versions should have served: v1 {seen[1]}, v2 {seen[2]}");
        Assert.Equal(1, served.Version.Version); // the last promotion (i = 29) went to v1
    }

    [Fact]
    public void A_tampered_new_version_is_not_swapped_in()
    {
        using var dir = new TempDir();
        var data = Synthetic.Planted(200, 3, 1.0, seed: 5);
        var reg = new ModelRegistry(dir.File("models"));
        Models.Register(reg, "m", Models.Train(data), data, dir.Path);
        var v2 = Models.Register(reg, "m", Models.Train(data, seed: 2), data, dir.Path);
        reg.Promote("m", "champion", 1, "t");
        using var engine = new InferenceEngine(reg);
        var failed = new List<string>();
        engine.RefreshFailed += (r, ex) => failed.Add(ex.Message);
        var served = engine.Get("m@champion");
        File.AppendAllText(Path.Combine(reg.Root, v2.ArtifactPath), "tamper");
        reg.Promote("m", "champion", 2, "t");
        Assert.Empty(engine.Refresh());
        Assert.Equal(1, served.Version.Version);
        Assert.Single(failed);
        Assert.Contains("SHA-256", failed[0]);
    }

    [Fact]
    public void The_latency_histogram_reports_percentiles_within_its_resolution()
    {
        var h = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++) h.RecordNanoseconds(i * 1000); // 1..1000 µs
        Assert.Equal(1000, h.TotalCount());
        Assert.InRange(h.PercentileMicros(0.5), 500 * 0.94, 500 * 1.07);
        Assert.InRange(h.PercentileMicros(0.99), 990 * 0.94, 990 * 1.07);
        for (long ns = 1; ns < 1L << 40; ns = ns * 3 + 1)
            Assert.InRange(ns, LatencyHistogram.LowerBound(LatencyHistogram.Index(ns)), LatencyHistogram.LowerBound(LatencyHistogram.Index(ns) + 1) - 1);
    }
}
