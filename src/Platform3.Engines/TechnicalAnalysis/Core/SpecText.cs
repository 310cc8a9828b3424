using System.Globalization;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Builds canonical spec names such as <c>bb(20,2)</c> or <c>ema(20,field=mid)</c>.</summary>
internal static class SpecText
{
    public static string Of(string name, params double[] args) => Of(name, PriceField.Close, args);

    public static string Of(string name, PriceField field, params double[] args)
    {
        var parts = args.Select(Number).ToList();
        if (field != PriceField.Close) parts.Add("field=" + field.ToString().ToLowerInvariant());
        return $"{name}({string.Join(",", parts)})";
    }

    /// <summary>Appends named options (only those that differ from their defaults are given by the caller).</summary>
    public static string With(string spec, params string[] options)
    {
        var extra = options.Where(o => !string.IsNullOrEmpty(o)).ToArray();
        if (extra.Length == 0) return spec;
        var inner = spec[(spec.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
        var head = spec[..spec.IndexOf('(', StringComparison.Ordinal)];
        return $"{head}({string.Join(",", new[] { inner }.Where(s => s.Length > 0).Concat(extra))})";
    }

    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Argument checks shared by the indicator constructors, with messages that name the parameter.</summary>
internal static class Require
{
    public static int Period(int value, string name = "period", int min = 1)
    {
        if (value < min) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {min}, got {value}");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive number, got {value}");
        return value;
    }

    public static double InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}], got {value}");
        return value;
    }
}
