using Platform3.Core.Errors;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Builds indicators from specs such as <c>rsi(14)</c>, <c>macd(12,26,9)</c>, <c>bb(20,2)</c>, <c>atr(14)</c>,
/// <c>sma(50,field=mid)</c>. Used by the CLI, the feature store and strategies. A bad spec gets a
/// <see cref="UsageException"/> naming the problem and the valid names or usage.
/// </summary>
public static class IndicatorFactory
{
    private static readonly Dictionary<string, IndicatorDefinition> Definitions = IndicatorCatalog.Build()
        .ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every indicator kind, sorted by name.</summary>
    public static IReadOnlyList<IndicatorDefinition> Available { get; } =
        [.. Definitions.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];

    public static Indicator Create(string spec)
    {
        var parsed = IndicatorSpec.Parse(spec);
        if (!Definitions.TryGetValue(parsed.Name, out var definition))
            throw new UsageException($"Unknown indicator '{parsed.Name}' in '{spec.Trim()}'. Valid: {string.Join(", ", Available.Select(d => d.Name))}.");
        var args = new IndicatorArguments(definition, parsed);
        try
        {
            return definition.Create(args);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"Indicator '{spec.Trim()}': {FirstLine(e.Message)}. Usage: {definition.Signature}.");
        }
    }

    /// <summary>Parses a comma-separated list of specs; duplicates (same canonical name) are rejected.</summary>
    public static IReadOnlyList<Indicator> CreateMany(string specs)
    {
        var list = IndicatorSpec.SplitList(specs).Select(Create).ToList();
        if (list.Count == 0) throw new UsageException("No indicators given; expected e.g. \"rsi(14),macd(12,26,9)\".");
        var duplicate = list.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"Indicator '{duplicate.Key}' is listed twice.");
        return list;
    }

    public static bool IsKnown(string name) => Definitions.ContainsKey(name);

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        var s = cut >= 0 ? message[..cut] : message;
        var nl = s.IndexOf('\n', StringComparison.Ordinal);
        return (nl >= 0 ? s[..nl] : s).TrimEnd('.', ' ', '\r');
    }
}
