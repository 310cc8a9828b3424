using System.Globalization;
using Platform3.Core.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform3.Core.Configuration;

/// <summary>Entry point for reading YAML configuration with line-accurate, accumulated errors.</summary>
public static class YamlConfig
{
    /// <summary>Loads a YAML file whose root is a mapping (an empty file is an empty mapping).</summary>
    public static ConfigNode Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new Errors.UsageException($"Configuration file not found: {path}");
        return Parse(System.IO.File.ReadAllText(path), path);
    }

    public static ConfigNode Parse(string text, string fileName)
    {
        var errors = new ConfigErrors(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add((int)ex.Start.Line, "(syntax)", ex.Message);
            errors.ThrowIfAny();
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new ConfigNode(new YamlMappingNode(), "", errors);
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode)
        {
            errors.Add((int)root.Start.Line, "(root)", "expected a mapping of keys to values");
            errors.ThrowIfAny();
        }
        return new ConfigNode(root, "", errors);
    }
}

/// <summary>
/// A node of a YAML document. Readers record a problem (with the line) and return a default instead of
/// throwing, so that <see cref="ConfigErrors.ThrowIfAny"/> can report every bad key at once.
/// </summary>
public sealed class ConfigNode
{
    private readonly YamlNode _node;

    public ConfigErrors Errors { get; }
    public string Path { get; }
    public int Line => (int)_node.Start.Line;
    public bool IsMapping => _node is YamlMappingNode;
    public bool IsScalar => _node is YamlScalarNode;
    public string? ScalarValue => (_node as YamlScalarNode)?.Value;

    internal ConfigNode(YamlNode node, string path, ConfigErrors errors)
    {
        _node = node;
        Path = path;
        Errors = errors;
    }

    private string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, string message) => Errors.Add(LineOf(key), KeyPath(key), message);

    public void ErrorHere(string message) => Errors.Add(Line, Path.Length == 0 ? "(root)" : Path, message);

    public bool Has(string key) => Child(key) is not null;

    public IEnumerable<string> Keys =>
        _node is YamlMappingNode m ? m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];

    /// <summary>Records an error for every key not in the allowed list.</summary>
    public void AllowOnly(params string[] allowed)
    {
        if (_node is not YamlMappingNode m) return;
        foreach (var (k, _) in m.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key, StringComparer.Ordinal))
                Errors.Add((int)k.Start.Line, KeyPath(key), $"unknown key (allowed: {string.Join(", ", allowed)})");
        }
    }

    private YamlNode? Child(string key)
    {
        if (_node is not YamlMappingNode m) return null;
        foreach (var (k, v) in m.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    private int LineOf(string key)
    {
        if (_node is YamlMappingNode m)
            foreach (var (k, _) in m.Children)
                if (k is YamlScalarNode s && s.Value == key) return (int)k.Start.Line;
        return Line;
    }

    private string? Scalar(string key, bool required)
    {
        var c = Child(key);
        if (c is null)
        {
            if (required) Errors.Add(Line, KeyPath(key), "is required");
            return null;
        }
        if (c is not YamlScalarNode s) { Errors.Add((int)c.Start.Line, KeyPath(key), "expected a single value"); return null; }
        if (s.Value is null or "" or "~" or "null") { if (required) Errors.Add((int)c.Start.Line, KeyPath(key), "must not be empty"); return null; }
        return s.Value;
    }

    public ConfigNode? GetChild(string key) => Child(key) is { } c ? new ConfigNode(c, KeyPath(key), Errors) : null;

    public string? RequireString(string key) => Scalar(key, true);
    public string? OptionalString(string key, string? fallback = null) => Scalar(key, false) ?? fallback;

    public string? RequireOneOf(string key, params string[] choices) => OneOf(key, true, null, choices);
    public string? OptionalOneOf(string key, string fallback, params string[] choices) => OneOf(key, false, fallback, choices);

    private string? OneOf(string key, bool required, string? fallback, string[] choices)
    {
        var v = Scalar(key, required);
        if (v is null) return fallback;
        if (choices.Contains(v, StringComparer.OrdinalIgnoreCase)) return v.ToLowerInvariant();
        Error(key, $"'{v}' is not one of: {string.Join(", ", choices)}");
        return fallback;
    }

    public decimal RequireDecimal(string key, decimal min = decimal.MinValue, decimal max = decimal.MaxValue, bool exclusiveMin = false) =>
        Number(key, true, 0m, min, max, exclusiveMin);

    public decimal OptionalDecimal(string key, decimal fallback, decimal min = decimal.MinValue, decimal max = decimal.MaxValue, bool exclusiveMin = false) =>
        Number(key, false, fallback, min, max, exclusiveMin);

    public double RequireDouble(string key, double min = double.MinValue, double max = double.MaxValue, bool exclusiveMin = false) =>
        (double)Number(key, true, 0m, ToDec(min), ToDec(max), exclusiveMin);

    public double OptionalDouble(string key, double fallback, double min = double.MinValue, double max = double.MaxValue, bool exclusiveMin = false) =>
        (double)Number(key, false, (decimal)fallback, ToDec(min), ToDec(max), exclusiveMin);

    public int RequireInt(string key, int min = int.MinValue, int max = int.MaxValue) => Int(key, true, 0, min, max);
    public int OptionalInt(string key, int fallback, int min = int.MinValue, int max = int.MaxValue) => Int(key, false, fallback, min, max);

    private static decimal ToDec(double d) => d <= (double)decimal.MinValue ? decimal.MinValue : d >= (double)decimal.MaxValue ? decimal.MaxValue : (decimal)d;

    private decimal Number(string key, bool required, decimal fallback, decimal min, decimal max, bool exclusiveMin)
    {
        var v = Scalar(key, required);
        if (v is null) return fallback;
        if (!decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            Error(key, $"expected a number, got '{v}'");
            return fallback;
        }
        if (exclusiveMin ? d <= min : d < min) { Error(key, $"{v} must be {(exclusiveMin ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}"); return fallback; }
        if (d > max) { Error(key, $"{v} must be <= {max.ToString(CultureInfo.InvariantCulture)}"); return fallback; }
        return d;
    }

    private int Int(string key, bool required, int fallback, int min, int max)
    {
        var v = Scalar(key, required);
        if (v is null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) { Error(key, $"expected a whole number, got '{v}'"); return fallback; }
        if (i < min || i > max) { Error(key, $"{i} must be between {min} and {max}"); return fallback; }
        return i;
    }

    public bool OptionalBool(string key, bool fallback)
    {
        var v = Scalar(key, false);
        if (v is null) return fallback;
        if (bool.TryParse(v, out var b)) return b;
        if (v is "yes" or "on") return true;
        if (v is "no" or "off") return false;
        Error(key, $"expected true or false, got '{v}'");
        return fallback;
    }

    public Currency? RequireCurrency(string key)
    {
        var v = Scalar(key, true);
        if (v is null) return null;
        if (Currency.TryParse(v, out var c)) return c;
        Error(key, $"expected a three-letter currency code such as USD, got '{v}'");
        return null;
    }

    public DateOnly? RequireDate(string key) => Date(key, true);
    public DateOnly? OptionalDate(string key) => Date(key, false);

    private DateOnly? Date(string key, bool required)
    {
        var v = Scalar(key, required);
        if (v is null) return null;
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(key, $"expected a date as YYYY-MM-DD, got '{v}'");
        return null;
    }

    /// <summary>A time of day written HH:mm.</summary>
    public TimeSpan? OptionalTimeOfDay(string key, TimeSpan? fallback = null)
    {
        var v = Scalar(key, false);
        if (v is null) return fallback;
        if (TimeSpan.TryParseExact(v, @"hh\:mm", CultureInfo.InvariantCulture, out var t) && t < TimeSpan.FromDays(1)) return t;
        Error(key, $"expected a time of day as HH:mm, got '{v}'");
        return fallback;
    }

    public IReadOnlyList<ConfigNode> RequireList(string key) => List(key, true);
    public IReadOnlyList<ConfigNode> OptionalList(string key) => List(key, false);

    private IReadOnlyList<ConfigNode> List(string key, bool required)
    {
        var c = Child(key);
        if (c is null) { if (required) Errors.Add(Line, KeyPath(key), "is required (a list)"); return []; }
        if (c is YamlScalarNode { Value: null or "" or "~" }) return [];
        if (c is not YamlSequenceNode seq) { Errors.Add((int)c.Start.Line, KeyPath(key), "expected a list"); return []; }
        return seq.Children.Select((n, i) => new ConfigNode(n, $"{KeyPath(key)}[{i}]", Errors)).ToArray();
    }

    /// <summary>A list of plain strings, either as a YAML list or as one comma-separated value.</summary>
    public IReadOnlyList<string> OptionalStringList(string key)
    {
        var c = Child(key);
        if (c is null) return [];
        if (c is YamlScalarNode s)
            return (s.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (c is YamlSequenceNode seq)
        {
            var result = new List<string>();
            foreach (var n in seq.Children)
            {
                if (n is YamlScalarNode { Value: { } v }) result.Add(v);
                else Errors.Add((int)n.Start.Line, KeyPath(key), "expected a list of plain values");
            }
            return result;
        }
        Errors.Add((int)c.Start.Line, KeyPath(key), "expected a list");
        return [];
    }

    public ConfigNode? OptionalMap(string key) => Map(key, false);
    public ConfigNode? RequireMap(string key) => Map(key, true);

    private ConfigNode? Map(string key, bool required)
    {
        var c = Child(key);
        if (c is null) { if (required) Errors.Add(Line, KeyPath(key), "is required (a mapping)"); return null; }
        if (c is YamlScalarNode { Value: null or "" or "~" }) return null;
        if (c is not YamlMappingNode) { Errors.Add((int)c.Start.Line, KeyPath(key), "expected a mapping of keys to values"); return null; }
        return new ConfigNode(c, KeyPath(key), Errors);
    }

    /// <summary>The entries of a mapping with free-form keys (for tables keyed by symbol, say).</summary>
    public IEnumerable<(string Key, ConfigNode Value)> Entries()
    {
        if (_node is not YamlMappingNode m) yield break;
        foreach (var (k, v) in m.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            yield return (key, new ConfigNode(v, KeyPath(key), Errors));
        }
    }

    /// <summary>This node as a number (for table values).</summary>
    public decimal AsDecimal(decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        var v = ScalarValue;
        if (v is null || !decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            ErrorHere($"expected a number, got '{v}'");
            return 0m;
        }
        if (d < min || d > max) { ErrorHere($"{v} must be between {min} and {max}"); return 0m; }
        return d;
    }
}
