using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>One positional parameter of a spec: name, default (NaN = required), integer or not, allowed range.</summary>
public sealed record IndicatorParameter(string Name, double Default, bool Integer = true, double Min = 1, double Max = 100_000)
{
    public bool Required => double.IsNaN(Default);

    public override string ToString() =>
        Required ? Name : $"{Name}={Default.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A named option (key=value) and its allowed values; the first is the default.</summary>
public sealed record IndicatorOption(string Key, params string[] Values);

/// <summary>How the factory builds one indicator kind from a spec.</summary>
public sealed class IndicatorDefinition
{
    internal IndicatorDefinition(string name, string summary, IndicatorParameter[] parameters, IndicatorOption[] options,
        bool takesField, Func<IndicatorArguments, Indicator> create)
    {
        Name = name;
        Summary = summary;
        Parameters = parameters;
        Options = options;
        TakesField = takesField;
        Create = create;
    }

    public string Name { get; }
    public string Summary { get; }
    public IReadOnlyList<IndicatorParameter> Parameters { get; }
    public IReadOnlyList<IndicatorOption> Options { get; }
    /// <summary>True for indicators of one price (close by default), which accept <c>field=...</c>.</summary>
    public bool TakesField { get; }
    internal Func<IndicatorArguments, Indicator> Create { get; }

    /// <summary>E.g. <c>macd(fast=12, slow=26, signal=9)</c>.</summary>
    public string Signature
    {
        get
        {
            var parts = Parameters.Select(p => p.ToString()).ToList();
            parts.AddRange(Options.Select(o => $"{o.Key}={string.Join("|", o.Values)}"));
            if (TakesField) parts.Add("field=close|open|high|low|bid|ask|mid|typical|median|weighted");
            return $"{Name}({string.Join(", ", parts)})";
        }
    }
}

/// <summary>Validated arguments of one spec, handed to a definition's constructor call.</summary>
public sealed class IndicatorArguments
{
    private readonly IndicatorDefinition _definition;
    private readonly double[] _values;
    private readonly IReadOnlyDictionary<string, string> _options;

    internal IndicatorArguments(IndicatorDefinition definition, IndicatorSpec spec)
    {
        _definition = definition;
        var ps = definition.Parameters;
        if (spec.Positional.Count > ps.Count)
            throw Error(spec, $"takes at most {ps.Count} number(s), got {spec.Positional.Count}");
        _values = new double[ps.Count];
        for (var i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            var v = i < spec.Positional.Count ? spec.Positional[i] : p.Default;
            if (double.IsNaN(v)) throw Error(spec, $"needs {p.Name}");
            if (p.Integer && v != Math.Floor(v)) throw Error(spec, $"{p.Name} must be a whole number, got {v.ToString(CultureInfo.InvariantCulture)}");
            if (v < p.Min || v > p.Max)
                throw Error(spec, $"{p.Name} must be in [{p.Min.ToString(CultureInfo.InvariantCulture)}, {p.Max.ToString(CultureInfo.InvariantCulture)}], got {v.ToString(CultureInfo.InvariantCulture)}");
            _values[i] = v;
        }
        foreach (var (key, value) in spec.Options)
        {
            if (key == "field")
            {
                if (!definition.TakesField) throw Error(spec, "reads whole bars and takes no field= option");
                continue;
            }
            var option = definition.Options.FirstOrDefault(o => o.Key == key)
                ?? throw Error(spec, $"has no option '{key}'" + (definition.Options.Count == 0 ? "" : $"; valid: {string.Join(", ", definition.Options.Select(o => o.Key))}"));
            if (!option.Values.Contains(value, StringComparer.OrdinalIgnoreCase))
                throw Error(spec, $"option {key} must be one of {string.Join("|", option.Values)}, got '{value}'");
        }
        _options = spec.Options;
        Field = spec.Options.TryGetValue("field", out var f) ? PriceFieldExtensions.ParsePriceField(f) : PriceField.Close;
    }

    public PriceField Field { get; }

    public int Int(int index) => (int)_values[index];

    public double Number(int index) => _values[index];

    /// <summary>The option's value in lower case, or its default (the first allowed value).</summary>
    public string Option(string key)
    {
        if (_options.TryGetValue(key, out var v)) return v.ToLowerInvariant();
        return _definition.Options.First(o => o.Key == key).Values[0];
    }

    private UsageException Error(IndicatorSpec spec, string what) =>
        new($"Indicator '{spec.Text}': {_definition.Name} {what}. Usage: {_definition.Signature}.");
}
