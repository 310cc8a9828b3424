using Platform3.AI.Inference.Native;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Tests.Inference;

/// <summary>
/// The batch path (order-key blocks, chained walk) against the single-row path (float compares, trees walked
/// separately): two independent evaluators that must agree to the bit.
/// </summary>
public class NativeBatchTests
{
    private static readonly float[] Cuts = [-1.5f, -0.5f, -0f, 0f, 0.25f, 1f, 2f];

    /// <summary>A random tree in ML.NET's encoding (node 0 the root; child c ≥ 0 internal, c &lt; 0 leaf ~c).</summary>
    private static void AddRandomTree(Random rng, CompiledEnsemble.Builder b, int features)
    {
        var leaves = 1 + rng.Next(12);
        if (leaves == 1)
        {
            // ML.NET's unsplit tree (outputs 0), or a constant of our own: both must pass through the chain.
            if (rng.Next(2) == 0) b.AddTree([], [], [], [], [5.0], null);
            else b.AddConstant(LeafValue(rng));
            return;
        }
        List<int> left = [], right = [], feature = [];
        List<float> threshold = [];
        List<double> values = [];
        int Grow(int l)
        {
            if (l == 1)
            {
                values.Add(LeafValue(rng));
                return ~(values.Count - 1);
            }
            var i = left.Count;
            left.Add(0); right.Add(0);
            feature.Add(rng.Next(features));
            threshold.Add(Cuts[rng.Next(Cuts.Length)]);
            var toLeft = 1 + rng.Next(l - 1);
            left[i] = Grow(toLeft);
            right[i] = Grow(l - toLeft);
            return i;
        }
        Grow(leaves);
        b.AddTree(left, right, feature, threshold, values, null);
    }

    /// <summary>Magnitudes far apart (so the order of addition shows), and −0.</summary>
    private static double LeafValue(Random rng) => rng.Next(8) switch
    {
        0 => -0.0,
        1 => 1e16 * (rng.Next(2) * 2 - 1),
        _ => Math.Round(rng.NextDouble() * 2 - 1, 3) + rng.NextDouble() * 1e-9,
    };

    private static float Value(Random rng) => rng.Next(10) switch
    {
        0 => float.NaN,
        1 => rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
        2 => MathF.BitIncrement(Cuts[rng.Next(Cuts.Length)]),
        3 => MathF.BitDecrement(Cuts[rng.Next(Cuts.Length)]),
        4 or 5 or 6 => Cuts[rng.Next(Cuts.Length)],
        _ => (float)(rng.NextDouble() * 6 - 3),
    };

    private static void AssertSameBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: {expected:R} vs {actual:R}");

    [Property(MaxTest = 150)]
    public Property Chained_walk_equals_tree_by_tree_walks_on_random_ensembles(int seed) =>
        // Random shapes (single-leaf trees anywhere, long ensembles crossing group bounds) and rows with NaN, ±0,
        // infinities and exact thresholds: the chain, the per-tree lockstep and the single-row walk give the same sums.
        Prop.ForAll(Arb.From(Gen.Choose(1, 300)), trees =>
        {
            var rng = new Random(seed ^ (trees * 7919));
            const int features = 5, rows = CompiledEnsemble.BlockRows;
            var b = new CompiledEnsemble.Builder(features);
            for (var t = 0; t < trees; t++) AddRandomTree(rng, b, features);
            var e = b.Build();
            Assert.True(e.Chained);
            var x = new float[rows * features];
            for (var i = 0; i < x.Length; i++) x[i] = Value(rng);
            var block = new int[features * rows];
            BlockTransposer.Transpose(x, rows, features, block);
            var chained = new double[rows];
            var lockstep = new double[rows];
            e.AddBlock(ref block[0], chained);
            e.AddBlockLockstep(ref block[0], lockstep);
            for (var r = 0; r < rows; r++)
            {
                var single = e.SumRow(ref x[r * features]);
                AssertSameBits(single, chained[r], $"{trees} trees, row {r}, chain");
                AssertSameBits(single, lockstep[r], $"{trees} trees, row {r}, lockstep");
            }
            return true;
        });

    [Property(MaxTest = 200)]
    public Property Single_row_lanes_equal_the_tree_by_tree_lockstep_on_random_ensembles(int seed) =>
        // The single-row walk in lanes (fused leaves and roots, leaf values added in tree order at the end) against
        // the per-tree lockstep it replaced: lanes of two trees and of twenty, constant trees at lane starts and ends, rows with
        // NaN, ±0, infinities and exact thresholds; the sums must agree to the bit.
        // (Fewer trees than RowChain.MinTrees take the lockstep itself.)
        // The walk compares the row's order keys (integers) where the lockstep compares floats; rows of 6 features (keys made
        // one by one) and of 19 (two vectors of eight and a tail).
        Prop.ForAll(Arb.From(Gen.Choose(RowChain.MinTrees, 160)), trees =>
        {
            var rng = new Random(seed ^ (trees * 104729));
            var features = (seed & 1) == 0 ? 6 : 19;
            var b = new CompiledEnsemble.Builder(features);
            for (var t = 0; t < trees; t++) AddRandomTree(rng, b, features);
            var e = b.Build();
            var x = new float[features];
            for (var r = 0; r < 16; r++)
            {
                for (var i = 0; i < x.Length; i++) x[i] = Value(rng);
                AssertSameBits(e.SumRowLockstep(ref x[0]), e.SumRow(ref x[0]), $"{trees} trees, row {r}");
            }
            return true;
        });

    [Fact]
    public void Ensembles_beyond_the_chain_node_fall_back_to_the_tree_by_tree_walk()
    {
        // Feature 1500 has no 16-bit column in a 64-row block: no chain, and the per-tree walk still scores.
        const int features = 1500 + 1, rows = CompiledEnsemble.BlockRows;
        var b = new CompiledEnsemble.Builder(features);
        b.AddTree([~0], [~1], [1500], [0.5f], [1.0, 2.0], null);
        var e = b.Build();
        Assert.False(e.Chained);
        var block = new int[features * rows];
        block[1500 * rows + 1] = OrderKey.Of(0.75f);
        var acc = new double[rows];
        e.AddBlock(ref block[0], acc);
        Assert.Equal(1.0, acc[0]);
        Assert.Equal(2.0, acc[1]);
    }

    [Property(MaxTest = 300)]
    public Property Block_transpose_keys_every_value_where_the_walk_reads_it(int seed) =>
        Prop.ForAll(Arb.From(Gen.Choose(0, CompiledEnsemble.BlockRows)), Arb.From(Gen.Choose(1, 21)), (n, f) =>
        {
            var rng = new Random(seed);
            var x = new float[n * f];
            for (var i = 0; i < x.Length; i++) x[i] = Value(rng);
            var block = new int[f * CompiledEnsemble.BlockRows];
            block.AsSpan().Fill(12345);
            var nan = BlockTransposer.Transpose(x, n, f, block);
            Assert.Equal(x.Any(float.IsNaN), nan);
            for (var j = 0; j < f; j++)
                for (var r = 0; r < CompiledEnsemble.BlockRows; r++)
                    Assert.Equal(r < n ? OrderKey.Of(x[r * f + j]) : 0, block[j * CompiledEnsemble.BlockRows + r]);
            return true;
        });

    private static readonly Lazy<NativePredictor[]> Predictors = new(() =>
    {
        // A model whose splits send NaN left (LightGBM learned that missing x0 means "up"), one with a z-score
        // normaliser, and a multiclass one.
        var missing = Synthetic.Planted(900, 6, 1.5, seed: 21);
        var rng = new Random(4);
        for (var i = 0; i < missing.Count; i++)
            if (rng.NextDouble() < 0.3)
            {
                missing.Features[i * 6] = float.NaN;
                missing.Class[i] = 1;
            }
        var models = new[]
        {
            Models.Train(missing, 25),
            Models.Train(Synthetic.Planted(600, 6, 1.0, seed: 22), 20, processors: [ProcessorKind.ZScore]),
            Models.Train(Synthetic.Planted(600, 6, 1.0, seed: 23, task: TaskKind.Multiclass), 15, kind: TrainerKind.LightGbmMulticlass),
        };
        return models.Select(m =>
        {
            Assert.True(NativeCompiler.TryCompile(m, out var compiled, out var reason), reason);
            return new NativePredictor(compiled!, batchThreads: 1);
        }).ToArray();
    });

    [Property(MaxTest = 60)]
    public Property Batch_predict_equals_single_row_predict_on_random_rows(int seed) =>
        // Batch sizes from below the row-by-row cut to several blocks with a ragged tail; values mix exact split
        // thresholds (in input space, before any normaliser), their float neighbours, NaN, ±0 and infinities.
        Prop.ForAll(Arb.From(Gen.Choose(1, 200)), Arb.From(Gen.Choose(0, 2)), (rows, which) =>
        {
            var native = Predictors.Value[which];
            var model = native.Model;
            var f = model.FeatureCount;
            var w = model.OutputWidth;
            var splits = model.Splits().ToArray();
            var rng = new Random(seed);
            var x = new float[rows * f];
            for (var r = 0; r < rows; r++)
                for (var j = 0; j < f; j++)
                {
                    var near = splits.Where(s => s.Feature == j).Select(s => s.Threshold).ToArray();
                    var u = rng.Next(10);
                    x[r * f + j] = u < 4 && near.Length > 0
                        ? model.Unnormalise(j, rng.Next(3) switch
                        {
                            0 => near[rng.Next(near.Length)],
                            1 => MathF.BitIncrement(near[rng.Next(near.Length)]),
                            _ => MathF.BitDecrement(near[rng.Next(near.Length)]),
                        })
                        : Value(rng);
                }
            var batch = new float[rows * w];
            native.PredictBatch(x, rows, batch);
            var one = new float[w];
            for (var r = 0; r < rows; r++)
            {
                native.Predict(x.AsSpan(r * f, f), one);
                for (var k = 0; k < w; k++)
                    Assert.True(one[k].Equals(batch[r * w + k]), $"model {which}, row {r} of {rows}, output {k}: single {one[k]:R}, batch {batch[r * w + k]:R}");
            }
            return true;
        });
}
