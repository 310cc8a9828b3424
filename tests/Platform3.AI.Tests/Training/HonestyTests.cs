using Platform3.AI.Features;
using Platform3.AI.Labels;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Pipeline;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Synthetic;

namespace Platform3.AI.Tests.Training;

/// <summary>
/// The pipeline must not find what is not there, must find what is, and must not be fooled by leaks.
/// Each test runs the real pipeline: feature set → labels → dataset → purged walk-forward → metrics.
/// </summary>
public class HonestyTests
{
    private static readonly Instrument Eurusd = InstrumentCatalog.Builtin.Get("EURUSD");

    private static readonly TrainerSpec SmallGbm = new()
    {
        Kind = TrainerKind.LightGbmBinary, Threads = 1, Seed = 3,
        Parameters = new Dictionary<string, double> { ["num_iterations"] = 40, ["num_leaves"] = 7, ["min_data_in_leaf"] = 50 },
    };

    private static WalkForwardResult RunPipeline(BarSeries bars, LabelSpec label, WalkForwardOptions cv, TrainerSpec? trainer = null)
    {
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, bars, FxCalendar.Default);
        var (data, _) = DatasetBuilder.Build(frame, bars, label, TaskKind.Binary, Eurusd.PipSizeD, uniquenessWeights: false);
        return WalkForwardPipeline.Run(data, new PipelineOptions { Trainer = trainer ?? SmallGbm, Cv = cv, TrainFinalModel = false });
    }

    [Fact]
    public void On_a_random_walk_out_of_sample_accuracy_stays_within_three_sigma_of_half_and_auc_near_half()
    {
        var bars = Market.Eurusd(Timeframe.M15, 70, SynthModel.RandomWalk, seed: 21);
        var r = RunPipeline(bars, new LabelSpec { Horizon = 1 }, new WalkForwardOptions { Folds = 4, MinTrain = 1200, Embargo = 1 });
        var n = r.Overall["count"];
        var sigma = Math.Sqrt(0.25 / n);
        var acc = r.Overall["accuracy"];
        var auc = r.Overall["auc"];
        Assert.True(n > 1500, $"only {n} out-of-sample rows");
        Assert.InRange(acc, 0.5 - 3 * sigma, 0.5 + 3 * sigma);
        // AUC's standard error under the null is about √((n+1)/(3 n²/4 · 4)) ≈ 1/√(3n); allow 3 of them.
        Assert.InRange(auc, 0.5 - 3 / Math.Sqrt(3 * n), 0.5 + 3 / Math.Sqrt(3 * n));
    }

    [Fact]
    public void A_planted_signal_in_a_past_feature_is_found()
    {
        // Next-bar returns revert: r(t+1) = −0.35·r(t) + noise. The label (sign of the next return) depends on
        // a past feature (ret_1) plus noise; about 61% is achievable.
        var bars = MeanReverting(7000, phi: -0.35, seed: 4);
        var r = RunPipeline(bars, new LabelSpec { Horizon = 1 }, new WalkForwardOptions { Folds = 4, MinTrain = 2500, Embargo = 1 });
        var n = r.Overall["count"];
        var acc = r.Overall["accuracy"];
        Assert.True(acc > 0.5 + 3 * Math.Sqrt(0.25 / n), $"accuracy {acc:F3} on {n} rows is not significantly above 50%");
        Assert.True(r.Overall["auc"] > 0.58, $"auc {r.Overall["auc"]:F3}");
        // Beside the model, the naive majority baseline has no such edge.
        Assert.True(r.BaselineOverall["majority"]["accuracy"] < acc - 0.05);
    }

    [Fact]
    public void Without_purging_overlapping_labels_inflate_scores_and_the_purged_split_does_not()
    {
        // A random walk labelled by the sign of the next 20-bar move: neighbouring labels share 19 of 20
        // steps. The "time" feature lets trees memorise the latest training labels. Unpurged, the last
        // training rows' labels overlap the test labels, so the memorised answer is mostly right.
        var bars = Synthetic.RandomWalkBars(1400, seed: 8);
        var labels = Labeler.FixedHorizon(bars, new LabelSpec { Horizon = 20 }, 0.0001);
        var rows = Enumerable.Range(0, bars.Count).Where(i => labels.Valid[i] && labels.Side[i] != 0).ToArray();
        var rng = new Random(2);
        var x = new float[rows.Length * 3];
        for (var k = 0; k < rows.Length; k++)
        {
            x[k * 3] = rows[k];
            x[k * 3 + 1] = (float)Synthetic.Gaussian(rng);
            x[k * 3 + 2] = (float)Synthetic.Gaussian(rng);
        }
        var data = new Dataset(TaskKind.Binary, ["time", "noise1", "noise2"], x, rows.Select(i => bars.Time[i]).ToArray(),
            rows.Select(i => labels.StartTicks[i]).ToArray(), rows.Select(i => labels.EndTicks[i]).ToArray(),
            rows.Select(i => labels.Side[i] > 0 ? 1 : 0).ToArray(), new double[rows.Length], rows.Select(i => labels.Value[i]).ToArray(),
            new double[rows.Length], null, [-1.0, 1.0]);
        var trainer = SmallGbm with { Parameters = new Dictionary<string, double> { ["num_iterations"] = 30, ["num_leaves"] = 4, ["min_data_in_leaf"] = 5 } };
        var cv = new WalkForwardOptions { Mode = WindowMode.Rolling, MinTrain = 300, TestSize = 10, Folds = 100 };

        var leaky = WalkForwardPipeline.Run(data, new PipelineOptions { Trainer = trainer, Cv = cv with { Purge = false }, TrainFinalModel = false });
        var purged = WalkForwardPipeline.Run(data, new PipelineOptions { Trainer = trainer, Cv = cv, TrainFinalModel = false });

        var n = purged.Overall["count"];
        var sigma = Math.Sqrt(0.25 / n);
        Assert.True(leaky.Overall["accuracy"] > 0.5 + 5 * sigma, $"unpurged accuracy {leaky.Overall["accuracy"]:F3} should be inflated");
        Assert.InRange(purged.Overall["accuracy"], 0.5 - 3 * sigma, 0.5 + 3 * sigma);
        Assert.All(purged.Folds, f => Assert.True(f.Purged >= 19));
    }

    /// <summary>M15 bars (weekdays only) whose close-to-close returns follow an AR(1) with coefficient phi.</summary>
    private static BarSeries MeanReverting(int n, double phi, int seed)
    {
        var rng = new Random(seed);
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M15, n);
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        double price = 1.1, r = 0;
        for (var i = 0; i < n; i++)
        {
            while (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) t = t.AddDays(1);
            r = phi * r + 0.0004 * Synthetic.Gaussian(rng);
            var open = price;
            price *= Math.Exp(r);
            var wiggle = Math.Abs(Synthetic.Gaussian(rng)) * 0.0001;
            b.Add(new Bar(t, open, Math.Max(open, price) + wiggle, Math.Min(open, price) - wiggle, price, open + 0.00008,
                Math.Max(open, price) + wiggle + 0.00008, Math.Min(open, price) - wiggle + 0.00008, price + 0.00008));
            t = t.AddMinutes(15);
        }
        return b.Build();
    }
}
