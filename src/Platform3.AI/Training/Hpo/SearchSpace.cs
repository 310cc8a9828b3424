using System.Globalization;

namespace Platform3.AI.Training.Hpo;

/// <summary>One dimension of a search space: a list of choices, or a range (optionally log-scaled, optionally integer).</summary>
public sealed record ParameterRange(string Name, IReadOnlyList<double>? Choices, double Min, double Max, bool Log, bool IsInteger)
{
    public static ParameterRange Of(string name, params double[] choices) => new(name, choices, 0, 0, false, false);
    public static ParameterRange Between(string name, double min, double max, bool log = false, bool isInteger = false) =>
        new(name, null, min, max, log, isInteger);

    public double Sample(Random rng)
    {
        if (Choices is not null) return Choices[rng.Next(Choices.Count)];
        var u = rng.NextDouble();
        var v = Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
        return IsInteger ? Math.Round(v) : v;
    }

    public override string ToString() => Choices is not null
        ? $"{Name} in [{string.Join(", ", Choices.Select(c => c.ToString(CultureInfo.InvariantCulture)))}]"
        : string.Create(CultureInfo.InvariantCulture, $"{Name} in {(Log ? "log" : "")}[{Min}, {Max}]");
}

public enum SearchMethod { Random, Grid }

/// <summary>Hyper-parameter search settings: a fixed budget of candidates, scored by an inner purged walk-forward.</summary>
public sealed record HpoOptions
{
    public SearchMethod Method { get; init; } = SearchMethod.Random;
    /// <summary>Candidates evaluated per outer fold (fixed, whatever the space size).</summary>
    public int Budget { get; init; } = 8;
    public int InnerFolds { get; init; } = 3;
    /// <summary>Metric to select on; log_loss and rmse are minimised, others maximised.</summary>
    public string Metric { get; init; } = "log_loss";
    public int Seed { get; init; } = 7;
    public IReadOnlyList<ParameterRange> Space { get; init; } = [];

    public static bool Minimise(string metric) => metric is "log_loss" or "brier" or "rmse" or "mae";
}
