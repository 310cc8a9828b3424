using Platform3.AI.Training.Config;
using Platform3.Core.Domain;
using Platform3.MarketData.Storage;

namespace Platform3.AI.Tests.Support;

/// <summary>A temporary data directory holding synthetic bars in the bar store, and a small model config for it.</summary>
internal sealed class TrainingFixture : IDisposable
{
    public TempDir Dir { get; } = new();
    public string DataDir => Dir.Path;

    public TrainingFixture(Timeframe tf, int days, params string[] symbols)
    {
        var store = BarStore.Open(DataDir);
        foreach (var s in Market.Bars(symbols.Length == 0 ? ["EURUSD"] : symbols, tf, days)) store.WriteBars(s);
    }

    public static string Config(string name = "tiny", string extra = "", int minTrain = 600, string trainer = "lightgbm-binary",
        string label = "{ kind: fixed-horizon, horizon: 4 }") => $"""
        name: {name}
        symbols: [EURUSD]
        timeframe: M15
        range: {"{"} from: 2024-03-11, to: 2024-04-20 {"}"}
        features: core@1
        label: {label}
        trainer:
          kind: {trainer}
          threads: 1
          params: {"{"} num_iterations: 25, num_leaves: 7, min_data_in_leaf: 40 {"}"}
        cv: {"{"} mode: expanding, folds: 3, min_train: {minTrain}, embargo: 4 {"}"}
        seeds: {"{"} training: 5, hpo: 9 {"}"}
        {extra}
        """;

    public static ModelConfig Parse(string text) => ModelConfigLoader.Parse(text, "test.yaml");

    public void Dispose() => Dir.Dispose();
}
