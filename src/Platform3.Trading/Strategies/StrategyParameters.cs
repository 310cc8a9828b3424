using System.Globalization;
using Platform3.Core.Configuration;
using Platform3.Core.Errors;

namespace Platform3.Trading.Strategies;

/// <summary>
/// A strategy's parameters as name → text, from the command line (<c>--param fast=10</c>) or a YAML file
/// (a flat mapping). Typed getters check ranges and name the parameter in every error; after the strategy
/// has read what it needs, <see cref="EnsureAllUsed"/> refuses unknown names (a typo must not be ignored).
/// </summary>
public sealed class StrategyParameters
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public StrategyParameters() { }

    public StrategyParameters(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (k, v) in values) _values[k.Trim()] = v.Trim();
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Parses <c>name=value</c> items (as given to <c>--param</c>).</summary>
    public static StrategyParameters Parse(IEnumerable<string> items)
    {
        var p = new StrategyParameters();
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
                throw new UsageException($"--param '{item}': expected name=value, e.g. --param fast=10");
            p._values[item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }
        return p;
    }

    /// <summary>Reads a YAML file whose root maps parameter names to single values.</summary>
    public static StrategyParameters Load(string path)
    {
        var root = YamlConfig.Load(path);
        var p = new StrategyParameters();
        foreach (var (key, node) in root.Entries())
        {
            if (!node.IsScalar || node.ScalarValue is null) { node.ErrorHere("expected a single value"); continue; }
            p._values[key] = node.ScalarValue;
        }
        root.Errors.ThrowIfAny();
        return p;
    }

    /// <summary>These values overridden by <paramref name="overrides"/> (CLI beats file).</summary>
    public StrategyParameters Merge(StrategyParameters overrides)
    {
        var p = new StrategyParameters(_values);
        foreach (var (k, v) in overrides._values) p._values[k] = v;
        return p;
    }

    public StrategyParameters With(string name, string value)
    {
        var p = new StrategyParameters(_values);
        p._values[name] = value;
        return p;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Take(name, out var s)) return Check(name, fallback, min, max);
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new UsageException($"parameter {name}: expected a whole number, got '{s}'");
        return Check(name, v, min, max);
    }

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!Take(name, out var s)) return Check(name, fallback, min, max);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new UsageException($"parameter {name}: expected a number, got '{s}'");
        return Check(name, v, min, max);
    }

    public decimal Decimal(string name, decimal fallback, decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        if (!Take(name, out var s)) return Check(name, fallback, min, max);
        if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new UsageException($"parameter {name}: expected a number, got '{s}'");
        return Check(name, v, min, max);
    }

    public bool Bool(string name, bool fallback)
    {
        if (!Take(name, out var s)) return fallback;
        return s.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw new UsageException($"parameter {name}: expected true or false, got '{s}'"),
        };
    }

    public string String(string name, string fallback, params string[] allowed)
    {
        if (!Take(name, out var s)) return fallback;
        if (allowed.Length > 0 && !allowed.Contains(s, StringComparer.OrdinalIgnoreCase))
            throw new UsageException($"parameter {name}: '{s}' is not one of {string.Join(", ", allowed)}");
        return s;
    }

    /// <summary>Refuses parameters the strategy never read, listing the ones it knows.</summary>
    public void EnsureAllUsed(string strategyName)
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new UsageException($"strategy {strategyName}: unknown parameter(s) {string.Join(", ", unknown)}; " +
                $"it takes: {(_read.Count == 0 ? "none" : string.Join(", ", _read.Order(StringComparer.OrdinalIgnoreCase)))}");
    }

    private bool Take(string name, out string value)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out value!);
    }

    private static T Check<T>(string name, T v, T min, T max) where T : IComparable<T>
    {
        if (v.CompareTo(min) < 0 || v.CompareTo(max) > 0)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"parameter {name}: {v} is outside [{min}, {max}]"));
        return v;
    }

    public override string ToString() => string.Join(" ", _values.Select(kv => $"{kv.Key}={kv.Value}"));
}
