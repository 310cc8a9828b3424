using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Inference;
using Platform3.AI.Inference.Native;
using Platform3.AI.Registry;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Errors;

namespace Platform3.AI.Tests.Inference;

public class NativePredictorTests
{
    private static void AssertSameFloats(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{what} value {i}: ml.net {expected[i]:R}, native {actual[i]:R}");
    }

    /// <summary>The dataset's rows, then the same rows with every third value (offset by row) replaced by NaN.</summary>
    private static float[] RowsWithNaN(Dataset data, out int rows)
    {
        rows = data.Count * 2;
        var x = new float[rows * data.FeatureCount];
        data.Features.AsSpan().CopyTo(x);
        data.Features.AsSpan().CopyTo(x.AsSpan(data.Features.Length));
        for (var i = data.Features.Length; i < x.Length; i++)
            if ((i + i / data.FeatureCount) % 3 == 0) x[i] = float.NaN;
        return x;
    }

    private static NativeModel Compile(TrainedModel model)
    {
        Assert.True(NativeCompiler.TryCompile(model, out var compiled, out var reason), reason);
        return compiled!;
    }

    [Theory]
    [InlineData(TrainerKind.LightGbmBinary, null)]
    [InlineData(TrainerKind.LightGbmBinary, ProcessorKind.ZScore)]
    [InlineData(TrainerKind.FastTreeBinary, ProcessorKind.MinMax)]
    [InlineData(TrainerKind.LightGbmRegression, null)]
    [InlineData(TrainerKind.LightGbmRegression, ProcessorKind.ZScore)]
    [InlineData(TrainerKind.LightGbmMulticlass, null)]
    public void Native_outputs_are_the_same_floats_as_mlnet_single_and_batch(TrainerKind kind, ProcessorKind? processor)
    {
        var task = kind.Task();
        var data = Synthetic.Planted(700, 6, 1.2, seed: 11, task: task);
        var model = Models.Train(data, 30, kind: kind, processors: processor is { } p ? [p] : null);
        var x = RowsWithNaN(data, out var rows);
        var w = model.OutputWidth;
        using var mlnet = MlNetPredictor.From(model);
        using var native = new NativePredictor(Compile(model), batchThreads: 2);
        Assert.Equal(w, native.OutputWidth);

        var expected = new float[rows * w];
        for (var r = 0; r < rows; r++) mlnet.Predict(x.AsSpan(r * data.FeatureCount, data.FeatureCount), expected.AsSpan(r * w, w));
        var single = new float[rows * w];
        for (var r = 0; r < rows; r++) native.Predict(x.AsSpan(r * data.FeatureCount, data.FeatureCount), single.AsSpan(r * w, w));
        AssertSameFloats(expected, single, $"{kind} single");
        var batch = new float[rows * w];
        native.PredictBatch(x, rows, batch);
        AssertSameFloats(expected, batch, $"{kind} batch");
        // ML.NET's own batch path (transformer over a data view) agrees too.
        AssertSameFloats(model.Score(data, Enumerable.Range(0, data.Count).ToArray()), batch.AsSpan(0, data.Count * w), $"{kind} vs ml.net batch");
        Assert.Null(NativeVerifier.Verify(native, mlnet));
    }

    [Fact]
    public void LightGbm_missing_value_directions_are_honoured()
    {
        // x0 is missing on a third of the rows, and missing means "up": LightGBM learns where NaN goes per split,
        // and ML.NET replaces NaN by a per-node default. The native walk must send NaN the same way.
        var data = Synthetic.Planted(900, 4, 1.5, seed: 12);
        var rng = new Random(3);
        for (var i = 0; i < data.Count; i++)
            if (rng.NextDouble() < 0.33)
            {
                data.Features[i * 4] = float.NaN;
                data.Class[i] = 1;
            }
        var model = Models.Train(data, 25);
        var compiled = Compile(model);
        Assert.True(compiled.AnyNanLeft, compiled.Describe());
        using var mlnet = MlNetPredictor.From(model);
        using var native = new NativePredictor(compiled, batchThreads: 1);
        var x = RowsWithNaN(data, out var rows);
        var expected = new float[rows * 2];
        for (var r = 0; r < rows; r++) mlnet.Predict(x.AsSpan(r * 4, 4), expected.AsSpan(r * 2, 2));
        var batch = new float[rows * 2];
        native.PredictBatch(x, rows, batch);
        AssertSameFloats(expected, batch, "batch with NaN");
        var o = new float[2];
        for (var r = 0; r < rows; r++)
        {
            native.Predict(x.AsSpan(r * 4, 4), o);
            AssertSameFloats(expected.AsSpan(r * 2, 2), o, $"row {r}");
        }
    }

    [Fact]
    public void A_hand_built_tree_walks_as_mlnet_defines_it()
    {
        // node 0: x0 ≤ 0.5 → leaf 0 (1.0) else node 1; node 1: x1 ≤ -1 → leaf 1 (2.0) else leaf 2 (3.0).
        // Node 1 has a missing-value default of -5 (≤ -1, so NaN goes left there); node 0 has none that matters (0 ≤ 0.5 would
        // send NaN left, so give it 7: NaN goes right).
        var b = new CompiledEnsemble.Builder(2);
        b.AddTree([~0, ~1], [1, ~2], [0, 1], [0.5f, -1f], [1.0, 2.0, 3.0], [7f, -5f]);
        b.AddTree([], [], [], [], [4.0], null); // ML.NET's unsplit tree outputs 0, whatever its leaf holds
        b.AddTree([~0], [~1], [1], [0f], [0.25, 0.5], null); // no defaults: NaN goes right
        var e = b.Build();
        Assert.True(e.AnyNanLeft);
        Assert.Equal(2, e.MaxDepth);
        (float, float, double)[] cases =
        [
            (0.5f, 0f, 1.0 + 0.25), (0.50001f, -1f, 2.0 + 0.25), (1f, 2f, 3.0 + 0.5), (float.NaN, -2f, 2.0 + 0.25),
            (float.NaN, float.NaN, 2.0 + 0.5), (0f, float.NaN, 1.0 + 0.5), (float.NegativeInfinity, float.PositiveInfinity, 1.0 + 0.5),
        ];
        var block = new int[2 * CompiledEnsemble.BlockRows];
        for (var i = 0; i < cases.Length; i++)
        {
            var (x0, x1, want) = cases[i];
            float[] row = [x0, x1];
            Assert.Equal(want, e.SumRowExact(row));
            if (!float.IsNaN(x0) && !float.IsNaN(x1)) Assert.Equal(want, e.SumRow(ref row[0]));
            block[i] = OrderKey.Of(x0);
            block[CompiledEnsemble.BlockRows + i] = OrderKey.Of(x1);
        }
        // The fast walk sends NaN right everywhere: at node 1 that differs, which is why NaN rows take the exact walk.
        float[] nanRow = [float.NaN, float.NaN];
        Assert.Equal(3.0 + 0.5, e.SumRow(ref nanRow[0]));
        Assert.Equal(2.0 + 0.5, e.SumRowExact(nanRow));
        var acc = new double[CompiledEnsemble.BlockRows];
        e.AddBlock(ref block[0], acc);
        Assert.Equal(1.0 + 0.25, acc[0]);
        Assert.Equal(3.0 + 0.5, acc[2]);
    }

    private static readonly Arbitrary<float> AnyFloat =
        Gen.Frequency(
                (6, Gen.Choose(0, 0xFFFF).SelectMany(hi => Gen.Choose(0, 0xFFFF).Select(lo => BitConverter.Int32BitsToSingle((hi << 16) | lo)))),
                (1, Gen.Elements(0f, -0f, float.NaN, -float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1f, -1f)))
            .ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Order_keys_compare_exactly_like_floats() =>
        // The batch walk compares keys; it must take the same branch as ML.NET's "x ≤ threshold" for every float pair.
        Prop.ForAll(AnyFloat, AnyFloat, (x, t) => (x <= t) == (OrderKey.Of(x) <= OrderKey.OfThreshold(t)));

    [Property(MaxTest = 300)]
    public Property A_rows_keys_made_eight_at_a_time_are_the_keys_made_one_by_one() =>
        // The single-row walk compares a row's order keys, made for the whole row at once (vectors of eight, then the
        // tail): each must be the scalar key of its value, for every float (NaN of either sign, ±0, infinities, subnormals)
        // and every length (no vector, vectors only, vectors and a tail). A mutation keying −0 as +0 or NaN as its bits is caught.
        Prop.ForAll(Arb.From(Gen.ArrayOf(AnyFloat.Generator)), values =>
        {
            var keys = new int[values.Length + 3];
            keys.AsSpan().Fill(12345);
            OrderKey.Of(values, keys);
            for (var i = 0; i < values.Length; i++)
                if (keys[i] != OrderKey.Of(values[i])) return false.Label($"value {i} of {values.Length}: {values[i]:R}");
            return (keys.AsSpan(values.Length).IndexOfAnyExcept(12345) < 0).Label("wrote past the row");
        });

    [Fact]
    public void Malformed_trees_are_refused()
    {
        var b = new CompiledEnsemble.Builder(2);
        Assert.Throws<NotSupportedException>(() => b.AddTree([~0, 0], [1, ~2], [0, 1], [0f, 0f], [1, 2, 3], null)); // cycle
        Assert.Throws<NotSupportedException>(() => b.AddTree([~0], [~1], [2], [0f], [1, 2], null)); // feature out of range
        Assert.Throws<NotSupportedException>(() => b.AddTree([~0], [~5], [0], [0f], [1, 2], null)); // leaf out of range
    }

    private static readonly Lazy<(TrainedModel Model, NativePredictor Native, MlNetPredictor MlNet, float[] Splits)> Shared = new(() =>
    {
        var data = Synthetic.Planted(600, 5, 1.0, seed: 13);
        var model = Models.Train(data, 20, processors: [ProcessorKind.ZScore]);
        Assert.True(NativeCompiler.TryCompile(model, out var compiled, out var reason), reason);
        var splits = compiled!.Splits().Select(s => compiled.Unnormalise(s.Feature, s.Threshold)).ToArray();
        return (model, new NativePredictor(compiled, 1), MlNetPredictor.From(model), splits);
    });

    private static Arbitrary<float[]> Rows(float[] splits) =>
        Gen.Frequency(
                (4, Gen.Choose(-4000, 4000).Select(v => v / 1000f)),
                (3, Gen.Elements(splits)),
                (2, Gen.Elements(splits).Select(MathF.BitIncrement)),
                (1, Gen.Elements(float.NaN, 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon)))
            .ArrayOf(5).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Native_equals_mlnet_on_generated_rows()
    {
        var (_, native, mlnet, splits) = Shared.Value;
        return Prop.ForAll(Rows(splits), row =>
        {
            var a = new float[2];
            var b = new float[2];
            mlnet.Predict(row, a);
            native.Predict(row, b);
            return a[0].Equals(b[0]) && a[1].Equals(b[1]);
        });
    }

    [Fact]
    public void Concurrent_single_and_batch_predictions_give_the_same_results()
    {
        var data = Synthetic.Planted(500, 6, 1.0, seed: 14);
        var model = Models.Train(data, 30);
        var expected = model.Score(data, Enumerable.Range(0, data.Count).ToArray());
        using var native = new NativePredictor(Compile(model), batchThreads: 2);
        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var o = new float[2];
            var batch = new float[40];
            for (var k = 0; k < 400; k++)
            {
                var r = (k * 7 + t * 13) % data.Count;
                native.Predict(data.Row(r), o);
                if (!o[1].Equals(expected[r * 2 + 1]) || !o[0].Equals(expected[r * 2])) Interlocked.Increment(ref failures);
                if (k % 50 == 0)
                {
                    var start = (k + t) % (data.Count - 20);
                    native.PredictBatch(data.Features.AsMemory(start * 6, 20 * 6), 20, batch);
                    if (!batch.AsSpan().SequenceEqual(expected.AsSpan(start * 2, 40))) Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
        // A large batch spreads over both threads and still matches.
        var big = new float[expected.Length];
        native.PredictBatch(data.Features, data.Count, big);
        AssertSameFloats(expected, big, "batch");
    }

    [Fact]
    public void The_verifier_catches_a_model_that_differs()
    {
        var data = Synthetic.Planted(400, 4, 1.0, seed: 15);
        var a = Models.Train(data, 15, seed: 1);
        var b = Models.Train(Synthetic.Planted(400, 4, 1.0, seed: 16), 15, seed: 2);
        using var nativeA = new NativePredictor(Compile(a));
        using var mlnetB = MlNetPredictor.From(b);
        Assert.NotNull(NativeVerifier.Verify(nativeA, mlnetB));
    }

    [Fact]
    public void The_engine_serves_tree_models_natively_and_falls_back_for_other_shapes()
    {
        using var dir = new TempDir();
        var data = Synthetic.Planted(500, 4, 1.2, seed: 17);
        var reg = new ModelRegistry(dir.File("models"));
        var trees = Models.Train(data, 20);
        Models.Register(reg, "trees", trees, data, dir.Path);
        Models.Register(reg, "linear", Models.Train(data, kind: TrainerKind.SdcaLogistic, processors: [ProcessorKind.ZScore]), data, dir.Path);
        var log = new List<string>();
        using (var engine = new InferenceEngine(reg, new InferenceOptions { Log = log.Add }))
        {
            var served = engine.Get("trees@1");
            Assert.Equal("native", served.Runtime);
            var expected = trees.Score(data, [0, 1, 2]);
            var o = new float[2];
            for (var r = 0; r < 3; r++)
            {
                served.Predict(data.Row(r), o);
                AssertSameFloats(expected.AsSpan(r * 2, 2), o, $"row {r}");
            }
            Assert.Equal("ml.net", engine.Get("linear@1").Runtime);
            Assert.Contains("native evaluator not used", engine.Get("linear@1").LoadNote);
        }
        Assert.Contains(log, l => l.StartsWith("trees@1: native (LightGBM binary", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("linear@1: ml.net (native evaluator not used: model LinearBinaryModelParameters", StringComparison.Ordinal));

        using (var strict = new InferenceEngine(reg, new InferenceOptions { Runtime = ServingRuntime.Native }))
        {
            var ex = Assert.Throws<DataException>(() => strict.Get("linear@1"));
            Assert.Contains("cannot be served natively", ex.Message);
            Assert.Equal("native", strict.Get("trees@1").Runtime);
        }
        using (var ml = new InferenceEngine(reg, new InferenceOptions { Runtime = ServingRuntime.MlNet }))
            Assert.Equal("ml.net", ml.Get("trees@1").Runtime);
        using (var ort = new InferenceEngine(reg, new InferenceOptions { Runtime = ServingRuntime.Onnx }))
        {
            var served = ort.Get("trees@1");
            Assert.Equal("onnxruntime", served.Runtime);
            var p = served.Predict(data.Row(0));
            Assert.Equal(trees.Score(data, [0])[1], p.Probabilities[1], 5);
        }
        Assert.Throws<UsageException>(() => InferenceOptions.ParseRuntime("tensorflow"));
    }
}
