using System.Globalization;
using Platform3.Core.Errors;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Research;

/// <summary>
/// The values each searched parameter can take, from <c>name=5,10,20</c> (a list) or <c>name=5:50:5</c>
/// (start:stop:step, inclusive). Grid search takes every combination in a fixed order; random search
/// samples combinations with a seeded generator, without repeats.
/// </summary>
public sealed class ParameterSpace
{
    private readonly List<(string Name, string[] Values)> _dimensions = [];

    public IReadOnlyList<(string Name, string[] Values)> Dimensions => _dimensions;

    public long Size => _dimensions.Aggregate(1L, (n, d) => n * d.Values.Length);

    public static ParameterSpace Parse(IEnumerable<string> specs)
    {
        var space = new ParameterSpace();
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1)
                throw new UsageException($"--grid '{spec}': expected name=v1,v2,... or name=start:stop:step, e.g. --grid fast=5:20:5");
            var name = spec[..eq].Trim();
            if (space._dimensions.Any(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw new UsageException($"--grid: parameter {name} is given twice.");
            space._dimensions.Add((name, Values(name, spec[(eq + 1)..].Trim())));
        }
        if (space._dimensions.Count == 0) throw new UsageException("Nothing to search: give at least one --grid name=values.");
        return space;
    }

    private static string[] Values(string name, string text)
    {
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0) throw new UsageException($"--grid {name}: no values.");
            return list.Distinct(StringComparer.Ordinal).ToArray();
        }
        var parts = text.Split(':');
        if (parts.Length != 3 || !parts.All(p => decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new UsageException($"--grid {name}: expected start:stop:step with numbers, got '{text}'");
        var (start, stop, step) = (D(parts[0]), D(parts[1]), D(parts[2]));
        if (step <= 0 || stop < start) throw new UsageException($"--grid {name}: need step > 0 and stop ≥ start, got '{text}'");
        if ((stop - start) / step > 10_000) throw new UsageException($"--grid {name}: more than 10,000 values in '{text}'");
        var values = new List<string>();
        for (var v = start; v <= stop; v += step) values.Add(v.ToString(CultureInfo.InvariantCulture));
        return values.ToArray();
    }

    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Every combination, the last dimension varying fastest.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Grid()
    {
        var index = new int[_dimensions.Count];
        for (long k = 0; k < Size; k++)
        {
            yield return Combination(index);
            for (var d = _dimensions.Count - 1; d >= 0; d--)
            {
                if (++index[d] < _dimensions[d].Values.Length) break;
                index[d] = 0;
            }
        }
    }

    /// <summary>Up to <paramref name="samples"/> distinct combinations drawn at random (all of them when the space is smaller).</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Random(int samples, int seed)
    {
        if (samples >= Size) { foreach (var c in Grid()) yield return c; yield break; }
        var rng = new System.Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = new int[_dimensions.Count];
        while (seen.Count < samples)
        {
            for (var d = 0; d < index.Length; d++) index[d] = rng.Next(_dimensions[d].Values.Length);
            if (seen.Add(string.Join(",", index))) yield return Combination(index);
        }
    }

    private Dictionary<string, string> Combination(int[] index)
    {
        var c = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < index.Length; d++) c[_dimensions[d].Name] = _dimensions[d].Values[index[d]];
        return c;
    }

    /// <summary>The fixed parameters overridden by one combination.</summary>
    public static StrategyParameters Apply(StrategyParameters fixedParameters, IReadOnlyDictionary<string, string> combination)
    {
        var p = fixedParameters;
        foreach (var (k, v) in combination) p = p.With(k, v);
        return p;
    }
}
