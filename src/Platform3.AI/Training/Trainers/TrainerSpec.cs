using System.Globalization;

namespace Platform3.AI.Training.Trainers;

/// <summary>Learnable preprocessing, fitted on the training fold only and saved inside the model.</summary>
public enum ProcessorKind { ZScore, MinMax }

/// <summary>A trainer with its parameters, thread count, seed and preprocessing.</summary>
public sealed record TrainerSpec
{
    public TrainerKind Kind { get; init; } = TrainerKind.LightGbmBinary;
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
    /// <summary>Threads for training. 1 makes LightGBM, FastTree and SDCA deterministic for a seed.</summary>
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public IReadOnlyList<ProcessorKind> Processors { get; init; } = [];

    public TrainerSpec WithParameters(IReadOnlyDictionary<string, double> overrides)
    {
        var merged = new Dictionary<string, double>(Parameters);
        foreach (var (k, v) in overrides) merged[k] = v;
        return this with { Parameters = merged };
    }

    public double Get(string name) => TrainerParameters.Get(Parameters, Kind, name);

    public override string ToString() =>
        Kind.Name() + "(" + string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value.ToString("G6", CultureInfo.InvariantCulture)}")) + ")";
}
