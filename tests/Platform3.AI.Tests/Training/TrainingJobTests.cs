using Platform3.AI.Experiments;
using Platform3.AI.Inference;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training.Pipeline;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Training;

public class TrainingJobTests
{
    [Fact]
    public void A_config_trains_records_the_run_and_registers_a_servable_model_with_lineage()
    {
        using var fx = new TrainingFixture(Timeframe.M15, 50);
        var job = new TrainingJob(fx.DataDir, InstrumentCatalog.Builtin, FxCalendar.Default);
        var config = TrainingFixture.Parse(TrainingFixture.Config(extra: """
            hpo:
              method: grid
              budget: 2
              inner_folds: 2
              space: { num_leaves: [3, 7] }
            """));
        var folds = new List<FoldResult>();
        var outcome = job.Run(config, onFold: folds.Add);

        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.Equal(["majority", "momentum", "persistence"], f.Baselines.Keys.Order()));
        Assert.All(folds, f => Assert.True(f.Purged >= 1 && f.Embargoed == 4));
        var run = job.Experiments.Get(outcome.RunId);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("core@1", run.FeatureSet);
        Assert.Equal(outcome.Data.ContentHash, run.Data.ContentHash);
        Assert.Equal(5, run.Seeds["training"]);
        Assert.Contains(run.Metrics, m => m.Fold == 2 && m.Subject == "model" && m.Metric == "auc");
        Assert.Contains(run.Metrics, m => m.Fold == -1 && m.Subject == "persistence" && m.Metric == "log_loss");
        Assert.Contains(run.Metrics, m => m.Fold == 0 && m.Subject == "param" && m.Metric == "num_leaves");
        Assert.True(run.DurationSeconds > 0);
        Assert.Equal(["config.yaml", "feature_importance.csv", "model.onnx", "model.zip", "oos_predictions.csv"], run.Artifacts.Select(a => a.Name).Order());
        var oosLines = File.ReadAllLines(job.Experiments.ArtifactPath(run.Id, "oos_predictions.csv"));
        Assert.Equal(outcome.Result.OutOfSample.Rows.Length + 1, oosLines.Length);
        Assert.StartsWith("bar_time_utc,symbol,fold,label,outcome,p_down,p_up", oosLines[0]);

        var v = outcome.Registered!;
        Assert.Equal(("tiny", 1, run.Id), (v.Name, v.Version, v.RunId));
        Assert.Equal(outcome.Dataset.FeatureNames, v.Signature.Inputs);
        Assert.Equal(run.Overall("auc"), v.Metrics["auc"], 12);
        Assert.True(v.Metrics.ContainsKey("baseline.majority.accuracy"));

        // The registered model serves the same probabilities as the final model scored in-process.
        using var engine = new InferenceEngine(job.Registry);
        var p = engine.Predict("tiny@1", outcome.Dataset.Row(10));
        Assert.Equal(outcome.Result.FinalModel!.Score(outcome.Dataset, [10])[1], p.Probabilities[1], 6);

        // A second run of the same config hits the feature cache.
        var messages = new List<string>();
        job.BuildDataset(config, messages.Add);
        Assert.Contains(messages, m => m.Contains("(cache)", StringComparison.Ordinal));
    }

    [Fact]
    public void Retraining_from_lineage_with_one_thread_reproduces_identical_predictions()
    {
        using var fx = new TrainingFixture(Timeframe.M15, 50);
        var job = new TrainingJob(fx.DataDir, InstrumentCatalog.Builtin, FxCalendar.Default);
        var outcome = job.Run(TrainingFixture.Parse(TrainingFixture.Config(name: "repro",
            label: "{ kind: triple-barrier, horizon: 6, profit_take_atr: 1.2, stop_loss_atr: 1.0, weights: uniqueness }")));
        var (max, rows, runId) = job.Reproduce(outcome.Registered!);
        Assert.Equal(outcome.RunId, runId);
        Assert.Equal(outcome.Dataset.Count, rows);
        Assert.Equal(0.0, max);
    }

    [Fact]
    public void Experiments_list_newest_first_and_resolve_id_prefixes()
    {
        using var dir = new TempDir();
        var store = new ExperimentStore(dir.File("experiments"));
        var fp = new Platform3.AI.Features.DataFingerprint(["EURUSD"], "M15", null, null, 10, new string('a', 64));
        var a = store.StartRun("m", "name: m", new Dictionary<string, string> { ["k"] = "v" }, "core@1", "h", fp, "abc", new Dictionary<string, int> { ["training"] = 1 });
        store.LogMetrics(a, [new MetricRecord(-1, "model", "auc", 0.51), new MetricRecord(0, "model", "auc", double.NaN)]);
        store.Finish(a, RunStatus.Finished);
        Thread.Sleep(5);
        var b = store.StartRun("m", "name: m", new Dictionary<string, string>(), "core@1", "h", fp, null, new Dictionary<string, int>());
        store.Finish(b, RunStatus.Failed, "boom");
        Assert.Equal([b, a], store.List("m").Select(r => r.Id));
        // Ids are time + random hex, so the shortest unambiguous prefix is computed, not assumed.
        var common = 0;
        while (a[common] == b[common]) common++;
        var got = store.Get(a[..(common + 1)]);
        Assert.Throws<Platform3.Core.Errors.UsageException>(() => store.Get(a[..common]));
        Assert.Equal(0.51, got.Overall("auc"));
        Assert.True(double.IsNaN(got.Metrics.Single(m => m.Fold == 0).Value));
        Assert.Equal("v", got.Parameters["k"]);
        Assert.Equal(fp, got.Data with { Symbols = fp.Symbols });
        Assert.Equal("boom", store.Get(b).Error);
        Assert.Throws<Platform3.Core.Errors.UsageException>(() => store.Get("nope"));
    }
}
