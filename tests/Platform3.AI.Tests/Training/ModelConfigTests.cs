using Platform3.AI.Labels;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Hpo;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Configuration;
using Platform3.Tests.Shared;

namespace Platform3.AI.Tests.Training;

public class ModelConfigTests
{
    private const string Valid = """
        name: day-eurusd
        symbols: [EURUSD]
        timeframe: M15
        range: { from: 2017-01-01, to: 2017-07-01 }
        features: core@1
        label:
          kind: triple-barrier
          horizon: 8
          profit_take_atr: 1.5
          stop_loss_atr: 1.0
          weights: uniqueness
        trainer:
          kind: lightgbm-binary
          params: { num_leaves: 15, learning_rate: 0.05 }
        cv: { mode: rolling, folds: 4, min_train: 3000, embargo: 8 }
        hpo:
          method: random
          budget: 4
          space:
            num_leaves: [7, 15, 31]
            learning_rate: { min: 0.01, max: 0.2, log: true }
        seeds: { training: 11, hpo: 3 }
        """;

    [Fact]
    public void A_valid_config_loads_every_setting()
    {
        var c = ModelConfigLoader.Parse(Valid, "day.yaml");
        Assert.Equal("day-eurusd", c.Name);
        Assert.Equal(["EURUSD"], c.Symbols);
        Assert.Equal(LabelKind.TripleBarrier, c.Label.Kind);
        Assert.Equal(1.5, c.Label.ProfitTakeAtr);
        Assert.True(c.UniquenessWeights);
        Assert.Equal(TrainerKind.LightGbmBinary, c.Trainer.Kind);
        Assert.Equal(15, c.Trainer.Parameters["num_leaves"]);
        Assert.Equal(11, c.Trainer.Seed);
        Assert.Equal(WindowMode.Rolling, c.Cv.Mode);
        Assert.Equal(8, c.Cv.Embargo);
        Assert.Equal(SearchMethod.Random, c.Hpo!.Method);
        Assert.Equal(3, c.Hpo.Seed);
        Assert.True(c.Hpo.Space[1].Log);
        Assert.Equal(new DateTime(2017, 7, 1, 0, 0, 0, DateTimeKind.Utc), c.ToUtc);
    }

    [Fact]
    public void Every_bad_key_is_reported_with_its_line()
    {
        var bad = Valid
            .Replace("timeframe: M15", "timeframe: M7", StringComparison.Ordinal)
            .Replace("num_leaves: 15,", "num_leafs: 15,", StringComparison.Ordinal)
            .Replace("kind: triple-barrier", "kind: triple", StringComparison.Ordinal)
            .Replace("symbols: [EURUSD]", "symbols: [EURUSD, EURXYZ]", StringComparison.Ordinal)
            .Replace("budget: 4", "budget: 4\n  colour: red", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ModelConfigLoader.Parse(bad, "bad.yaml"));
        var text = string.Join("\n", ex.Problems);
        Assert.Contains("line 3: timeframe: unknown timeframe 'M7'", text);
        Assert.Contains("line 2: symbols: unknown symbol 'EURXYZ'", text);
        Assert.Contains("trainer.params.num_leafs: unknown parameter for lightgbm-binary", text);
        Assert.Contains("label.kind: 'triple' is not one of", text);
        Assert.Contains("hpo.colour: unknown key", text);
        Assert.Contains("bad.yaml", ex.Message);
    }

    [Fact]
    public void Out_of_range_and_mismatched_settings_are_errors()
    {
        var bad = Valid.Replace("learning_rate: 0.05", "learning_rate: 5", StringComparison.Ordinal)
            .Replace("kind: lightgbm-binary", "kind: lightgbm-regression", StringComparison.Ordinal)
            .Replace("min_train: 3000", "min_train: 3", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ModelConfigLoader.Parse(bad, "bad.yaml"));
        var text = string.Join("\n", ex.Problems);
        Assert.Contains("trainer.params.learning_rate", text);
        Assert.Contains("trainer: lightgbm-regression predicts Regression but label TripleBarrier is a classification target", text);
        Assert.Contains("cv.min_train", text);
    }

    [Fact]
    public void The_shipped_model_configs_are_valid()
    {
        var dir = Path.Combine(SharedData.RepoRoot, "config", "models");
        var files = Directory.GetFiles(dir, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var c = ModelConfigLoader.Load(f);
            Assert.Equal(Path.GetFileNameWithoutExtension(f), c.Name);
        }
    }
}
