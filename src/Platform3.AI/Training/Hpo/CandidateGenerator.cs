namespace Platform3.AI.Training.Hpo;

/// <summary>Deterministic candidate lists for a search: the same seed always yields the same candidates.</summary>
public static class CandidateGenerator
{
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> Generate(HpoOptions options)
    {
        if (options.Budget < 1) throw new ArgumentException("The search budget must be at least 1.");
        if (options.Space.Count == 0) return [new Dictionary<string, double>()];
        var rng = new Random(options.Seed);
        if (options.Method == SearchMethod.Random)
        {
            var list = new List<IReadOnlyDictionary<string, double>>(options.Budget);
            for (var b = 0; b < options.Budget; b++)
                list.Add(options.Space.ToDictionary(p => p.Name, p => p.Sample(rng)));
            return list;
        }
        foreach (var p in options.Space)
            if (p.Choices is null) throw new ArgumentException($"Grid search needs a list of values for '{p.Name}', not a range.");
        var grid = new List<IReadOnlyDictionary<string, double>> { new Dictionary<string, double>() };
        foreach (var p in options.Space)
            grid = grid.SelectMany(g => p.Choices!.Select(c => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(g) { [p.Name] = c })).ToList();
        if (grid.Count <= options.Budget) return grid;
        // The grid is bigger than the budget: a seeded sample of it, so the cost stays fixed.
        return grid.OrderBy(_ => rng.Next()).Take(options.Budget).ToList();
    }
}
