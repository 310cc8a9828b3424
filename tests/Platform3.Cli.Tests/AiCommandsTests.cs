using Platform3.AI.Inference.Onnx;
using Platform3.Cli;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.Cli.Tests;

/// <summary>The ml-core commands end to end on synthetic data in a temporary data directory.</summary>
public sealed class AiCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "p3-cli-ai-" + Guid.NewGuid().ToString("N")[..10]);

    public AiCommandsTests()
    {
        Directory.CreateDirectory(_dir);
        var m1 = SyntheticMarket.GenerateM1("EURUSD", new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 4, 22, 0, 0, 0, DateTimeKind.Utc), SynthModel.Regime, 7);
        BarStore.Open(Path.Combine(_dir, "data")).WriteBars(BarResampler.Resample(m1, Timeframe.M15, FxCalendar.Default));
        File.WriteAllText(Path.Combine(_dir, "tiny.yaml"), """
            name: tiny
            symbols: [EURUSD]
            timeframe: M15
            range: { from: 2024-03-11, to: 2024-04-20 }
            features: core@1
            label: { kind: fixed-horizon, horizon: 4 }
            trainer:
              kind: lightgbm-binary
              params: { num_iterations: 20, num_leaves: 7, min_data_in_leaf: 40 }
            cv: { folds: 3, min_train: 600, embargo: 4 }
            evaluation: { threshold: 0.52, retrain_every: 400, train_window: 600 }
            """);
    }

    private (int Code, string Out, string Err) P3(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", Path.Combine(_dir, "data")], o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Features_train_models_predict_and_experiments_work_from_the_command_line()
    {
        var list = P3("features", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("core@1", list.Out);

        var outFile = Path.Combine(_dir, "f.parquet");
        var build = P3("features", "build", "--set", "core@1", "--symbol", "EURUSD", "--timeframe", "M15", "--from", "2024-03-18", "--to", "2024-03-30", "--out", outFile);
        Assert.True(build.Code == 0, build.Err);
        Assert.Contains("warm-up excluded", build.Out);
        Assert.True(File.Exists(outFile));

        var check = P3("features", "check", "--set", "core@1", "--symbol", "EURUSD", "--timeframe", "M15", "--from", "2024-03-18", "--to", "2024-03-25", "--samples", "3");
        Assert.True(check.Code == 0, check.Out + check.Err);
        Assert.Contains("lookahead: PASS", check.Out);
        Assert.Contains("online=offline: PASS", check.Out);

        var train = P3("train", "--config", Path.Combine(_dir, "tiny.yaml"));
        Assert.True(train.Code == 0, train.Out + train.Err);
        Assert.Contains("fold 2:", train.Out);
        Assert.Contains("majority (baseline)", train.Out);
        Assert.Contains("persistence (baseline)", train.Out);
        Assert.Contains("registered tiny@1", train.Out);

        Assert.Equal(0, P3("models", "promote", "tiny", "--version", "1", "--reason", "first").Code);
        var train2 = P3("train", "--config", Path.Combine(_dir, "tiny.yaml"), "--no-eval");
        Assert.Contains("registered tiny@2", train2.Out);
        Assert.Equal(0, P3("models", "promote", "tiny", "--version", "2").Code);
        var rollback = P3("models", "rollback", "tiny", "--reason", "worse");
        Assert.Contains("v2 → v1 (rollback)", rollback.Out);
        var show = P3("models", "show", "tiny@champion");
        Assert.Contains("tiny@1", show.Out);
        Assert.Contains("integrity: OK", show.Out);
        Assert.Contains("lineage: run", show.Out);
        var history = P3("models", "history", "tiny");
        Assert.Contains("rollback", history.Out);
        Assert.Contains("worse", history.Out);
        Assert.Contains("tiny@2", P3("models", "list").Out);

        var predict = P3("predict", "--model", "tiny@champion", "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2024-04-18T10:07");
        Assert.True(predict.Code == 0, predict.Err);
        Assert.Contains("model tiny@1", predict.Out);
        Assert.Contains("bar 2024-04-18 09:45 (closed 2024-04-18 10:00 UTC)", predict.Out);
        Assert.Contains("probabilities: down=", predict.Out);
        Assert.Contains("runtime tiny@1: native (LightGBM binary", predict.Out);
        // The same prediction from ML.NET itself: the native evaluator reproduces its floats.
        var viaMlNet = P3("predict", "--model", "tiny@champion", "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2024-04-18T10:07", "--runtime", "mlnet");
        Assert.True(viaMlNet.Code == 0, viaMlNet.Err);
        Assert.Contains("runtime tiny@1: ml.net (requested)", viaMlNet.Out);
        static string Probabilities(string text) => text.Split('\n').Single(l => l.StartsWith("probabilities:", StringComparison.Ordinal));
        Assert.Equal(Probabilities(predict.Out), Probabilities(viaMlNet.Out));
        Assert.Equal(1, P3("predict", "--model", "tiny@champion", "--symbol", "EURUSD", "--timeframe", "M15", "--runtime", "gpu").Code);

        var reproduce = P3("train", "--reproduce", "tiny@1");
        Assert.True(reproduce.Code == 0, reproduce.Out + reproduce.Err);
        Assert.Contains("identical predictions", reproduce.Out);

        var runs = P3("experiments", "list");
        Assert.Contains("tiny", runs.Out);
        var ids = System.Text.RegularExpressions.Regex.Matches(runs.Out, @"\b\d{8}-\d{6}-[0-9a-f]{6}\b").Select(m => m.Value).Distinct().ToArray();
        Assert.Equal(2, ids.Length);
        var showRun = P3("experiments", "show", ids[0]);
        Assert.Contains("artifact model.zip", showRun.Out);
        Assert.Contains("overall", showRun.Out);
        var compare = P3("experiments", "compare", ids[0], ids[1]);
        Assert.True(compare.Code == 0, compare.Err);
        Assert.Contains("model.auc", compare.Out);
    }

    [Fact]
    public void Import_onnx_registers_an_external_model_and_errors_are_clear()
    {
        var names = Platform3.AI.Features.FeatureSetCatalog.Core1.Names(Timeframe.M15);
        var g = new OnnxGraphBuilder();
        g.Input("x", names.Count);
        var z = g.Node("MatMul", ["x", g.Constant(new float[names.Count], names.Count, 1)]);
        var p = g.Node("Sigmoid", [z]);
        g.Node("Concat", [g.Node("Sub", [g.Constant([1f], 1), p]), p], "probs", "", OnnxGraphBuilder.Attr.Int("axis", 1));
        g.Output("probs", 2);
        var file = Path.Combine(_dir, "ext.onnx");
        File.WriteAllBytes(file, g.Build());
        var ok = P3("models", "import-onnx", "--file", file, "--feature-set", "core@1", "--name", "external");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("registered external@1 (ONNX", ok.Out);

        var bad = P3("models", "import-onnx", "--file", file, "--feature-set", "core@1", "--name", "external", "--task", "multiclass");
        Assert.Equal(2, bad.Code);
        Assert.Contains("width 2, expected 3", bad.Err);
        var unknown = P3("models", "show", "nothing@champion");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("Registered models: external", unknown.Err);
        var badConfig = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(badConfig, "name: x\nsymbols: [EURUSD]\ntimeframe: M15\nrange: { from: 2024-01-01, to: 2024-02-01 }\nfeatures: core@9\n");
        var cfg = P3("train", "--config", badConfig);
        Assert.Equal(1, cfg.Code);
        Assert.Contains("line 5: features: unknown feature set 'core@9'", cfg.Err);
        Assert.Contains("label: is required", cfg.Err);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
