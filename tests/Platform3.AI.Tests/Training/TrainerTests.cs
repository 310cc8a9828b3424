using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Tests.Training;

public class TrainerTests
{
    private static readonly Dictionary<string, double> SmallTrees = new()
    {
        ["num_iterations"] = 40, ["num_leaves"] = 8, ["min_data_in_leaf"] = 10,
    };

    [Theory]
    [InlineData(TrainerKind.LightGbmBinary)]
    [InlineData(TrainerKind.FastTreeBinary)]
    [InlineData(TrainerKind.SdcaLogistic)]
    public void Binary_trainers_learn_a_planted_signal_out_of_sample(TrainerKind kind)
    {
        var data = Synthetic.Planted(1200, 5, signal: 2.0, seed: 1);
        var spec = new TrainerSpec
        {
            Kind = kind,
            Parameters = kind == TrainerKind.SdcaLogistic ? new Dictionary<string, double>()
                : kind == TrainerKind.FastTreeBinary ? new() { ["num_trees"] = 40, ["num_leaves"] = 8 } : SmallTrees,
            Processors = kind == TrainerKind.SdcaLogistic ? [ProcessorKind.ZScore] : [],
        };
        var model = ModelTrainer.Fit(data, Enumerable.Range(0, 800).ToArray(), spec);
        var test = Enumerable.Range(800, 400).ToArray();
        var p = model.Score(data, test);
        var correct = test.Select((row, k) => (p[k * 2 + 1] > 0.5 ? 1 : 0) == data.Class[row] ? 1 : 0).Sum();
        // sign(2·x0 + N(0,1)) is predictable from x0 about 85% of the time.
        Assert.True(correct / 400.0 > 0.75, $"{kind}: accuracy {correct / 400.0}");
        var importance = model.FeatureImportance();
        Assert.Equal(5, importance.Length);
        Assert.Equal(0, Array.IndexOf(importance, importance.Max()));
    }

    [Fact]
    public void Multiclass_and_regression_trainers_learn_too()
    {
        var multi = Synthetic.Planted(1500, 4, 2.0, seed: 2, task: TaskKind.Multiclass);
        var m = ModelTrainer.Fit(multi, Enumerable.Range(0, 1000).ToArray(), new TrainerSpec { Kind = TrainerKind.LightGbmMulticlass, Parameters = SmallTrees });
        var rows = Enumerable.Range(1000, 500).ToArray();
        var p = m.Score(multi, rows);
        Assert.All(Enumerable.Range(0, 500), k => Assert.Equal(1.0, p[k * 3] + p[k * 3 + 1] + p[k * 3 + 2], 4));
        var acc = rows.Select((r, k) => Platform3.AI.Training.Metrics.ClassificationMetrics.ArgMax(p.AsSpan(k * 3, 3)) == multi.Class[r] ? 1.0 : 0).Average();
        Assert.True(acc > 0.55, $"multiclass accuracy {acc}");

        var reg = Synthetic.Planted(1500, 4, 2.0, seed: 3, task: TaskKind.Regression);
        var r = ModelTrainer.Fit(reg, Enumerable.Range(0, 1000).ToArray(), new TrainerSpec { Kind = TrainerKind.LightGbmRegression, Parameters = SmallTrees });
        var pr = r.Score(reg, rows);
        var ic = Platform3.AI.Training.Metrics.Ranking.Spearman(pr.Select(v => (double)v).ToArray(), rows.Select(i => reg.Target[i]).ToArray());
        Assert.True(ic > 0.6, $"IC {ic}");
    }

    [Fact]
    public void One_thread_and_a_seed_give_identical_models()
    {
        var data = Synthetic.Planted(800, 6, 0.5, seed: 4);
        var spec = new TrainerSpec
        {
            Kind = TrainerKind.LightGbmBinary, Seed = 9,
            Parameters = new Dictionary<string, double>(SmallTrees) { ["feature_fraction"] = 0.7, ["bagging_fraction"] = 0.8, ["bagging_freq"] = 1 },
        };
        var rows = Enumerable.Range(0, 600).ToArray();
        var test = Enumerable.Range(600, 200).ToArray();
        var a = ModelTrainer.Fit(data, rows, spec).Score(data, test);
        var b = ModelTrainer.Fit(data, rows, spec).Score(data, test);
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_scaler_is_fitted_on_training_rows_only()
    {
        // Training rows are N(0,1); test rows are shifted by +100. A scaler fitted on everything would
        // centre the test rows; one fitted on the training rows keeps them far out.
        var data = Synthetic.Planted(400, 2, 1.0, seed: 5);
        for (var i = 300; i < 400; i++) data.Features[i * 2 + 1] += 100;
        var model = ModelTrainer.Fit(data, Enumerable.Range(0, 300).ToArray(), new TrainerSpec
        {
            Kind = TrainerKind.SdcaLogistic, Processors = [ProcessorKind.ZScore],
        });
        var transformed = model.Transformer is Microsoft.ML.Data.TransformerChain<Microsoft.ML.ITransformer> chain
            ? chain.First().Transform(new MatrixDataView(data, [.. Enumerable.Range(300, 100)]))
            : throw new InvalidOperationException("expected a chain");
        var col = transformed.Schema["Features"];
        using var cursor = transformed.GetRowCursor([col]);
        var get = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(col);
        var v = default(Microsoft.ML.Data.VBuffer<float>);
        var train = Enumerable.Range(0, 300).Select(i => (double)data.Features[i * 2 + 1]).ToArray();
        var mean = train.Average();
        var sd = Math.Sqrt(train.Sum(x => (x - mean) * (x - mean)) / (train.Length - 1));
        var k = 300;
        while (cursor.MoveNext())
        {
            get(ref v);
            var expected = (data.Features[k * 2 + 1] - mean) / sd;
            Assert.Equal(expected, v.GetValues()[1], 1e-2 * Math.Abs(expected));
            Assert.True(v.GetValues()[1] > 50);
            k++;
        }
    }

    [Fact]
    public void A_trainer_for_the_wrong_task_is_refused()
    {
        var data = Synthetic.Planted(100, 2, 1, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => ModelTrainer.Fit(data, [0, 1, 2], new TrainerSpec { Kind = TrainerKind.LightGbmRegression }));
        Assert.Contains("Regression", ex.Message);
    }
}
