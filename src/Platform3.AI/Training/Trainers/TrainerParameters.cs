namespace Platform3.AI.Training.Trainers;

/// <summary>One tunable parameter of a trainer: its config name, valid range and default.</summary>
public sealed record ParameterDef(string Name, double Min, double Max, double Default, bool IsInteger, string Description);

/// <summary>The parameters each trainer accepts, so configs and search spaces are validated by name and range.</summary>
public static class TrainerParameters
{
    private static readonly ParameterDef[] LightGbm =
    [
        new("num_leaves", 2, 4096, 31, true, "maximum leaves per tree"),
        new("learning_rate", 1e-5, 1, 0.05, false, "shrinkage per boosting round"),
        new("num_iterations", 1, 20000, 200, true, "boosting rounds"),
        new("min_data_in_leaf", 1, 1_000_000, 20, true, "minimum rows in a leaf"),
        new("feature_fraction", 0.01, 1, 1, false, "fraction of features per tree"),
        new("bagging_fraction", 0.01, 1, 1, false, "fraction of rows per bagging round"),
        new("bagging_freq", 0, 1000, 0, true, "bag every k rounds (0 = off)"),
        new("l1", 0, 1e6, 0, false, "L1 regularisation"),
        new("l2", 0, 1e6, 0, false, "L2 regularisation"),
        new("max_bin", 4, 4096, 255, true, "histogram bins per feature"),
    ];

    private static readonly ParameterDef[] FastTree =
    [
        new("num_leaves", 2, 4096, 20, true, "maximum leaves per tree"),
        new("num_trees", 1, 20000, 100, true, "boosting rounds"),
        new("learning_rate", 1e-5, 1, 0.2, false, "shrinkage per boosting round"),
        new("min_data_in_leaf", 1, 1_000_000, 10, true, "minimum rows in a leaf"),
        new("feature_fraction", 0.01, 1, 1, false, "fraction of features per tree"),
    ];

    private static readonly ParameterDef[] Sdca =
    [
        new("l2", 0, 1e6, 1e-4, false, "L2 regularisation"),
        new("l1", 0, 1e6, 0, false, "L1 regularisation"),
        new("max_iterations", 1, 100_000, 50, true, "passes over the data"),
    ];

    public static IReadOnlyList<ParameterDef> For(TrainerKind kind) => kind switch
    {
        TrainerKind.FastTreeBinary => FastTree,
        TrainerKind.SdcaLogistic => Sdca,
        _ => LightGbm,
    };

    public static ParameterDef? Find(TrainerKind kind, string name) =>
        For(kind).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The value of a parameter: the given one, else the default.</summary>
    public static double Get(IReadOnlyDictionary<string, double> values, TrainerKind kind, string name) =>
        values.TryGetValue(name, out var v) ? v : Find(kind, name)?.Default ?? throw new ArgumentException($"{kind.Name()} has no parameter '{name}'.");
}
