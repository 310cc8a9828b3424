namespace Platform3.AI.Training.Trainers;

public enum TrainerKind
{
    LightGbmBinary,
    LightGbmMulticlass,
    LightGbmRegression,
    FastTreeBinary,
    SdcaLogistic,
}

public static class TrainerKinds
{
    /// <summary>Config spellings, e.g. "lightgbm-binary".</summary>
    public static readonly IReadOnlyDictionary<string, TrainerKind> ByName = new Dictionary<string, TrainerKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["lightgbm-binary"] = TrainerKind.LightGbmBinary,
        ["lightgbm-multiclass"] = TrainerKind.LightGbmMulticlass,
        ["lightgbm-regression"] = TrainerKind.LightGbmRegression,
        ["fasttree-binary"] = TrainerKind.FastTreeBinary,
        ["sdca-logistic"] = TrainerKind.SdcaLogistic,
    };

    public static string Name(this TrainerKind kind) => ByName.First(p => p.Value == kind).Key;

    public static TaskKind Task(this TrainerKind kind) => kind switch
    {
        TrainerKind.LightGbmMulticlass => TaskKind.Multiclass,
        TrainerKind.LightGbmRegression => TaskKind.Regression,
        _ => TaskKind.Binary,
    };
}
