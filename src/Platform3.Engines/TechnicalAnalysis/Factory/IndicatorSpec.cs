using System.Globalization;
using Platform3.Core.Errors;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// A parsed spec: <c>name</c>, <c>name(1,2)</c> or <c>name(14, field=mid, ma=sma)</c> — positional numbers first,
/// then key=value options. Names and keys are case-insensitive.
/// </summary>
public sealed class IndicatorSpec
{
    private IndicatorSpec(string text, string name, IReadOnlyList<double> positional, IReadOnlyDictionary<string, string> options)
    {
        Text = text;
        Name = name;
        Positional = positional;
        Options = options;
    }

    public string Text { get; }
    public string Name { get; }
    public IReadOnlyList<double> Positional { get; }
    public IReadOnlyDictionary<string, string> Options { get; }

    public static IndicatorSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.Length == 0) throw new UsageException("Empty indicator spec; expected e.g. rsi(14) or macd(12,26,9).");
        var open = s.IndexOf('(', StringComparison.Ordinal);
        string name, inner;
        if (open < 0)
        {
            name = s;
            inner = "";
        }
        else
        {
            if (!s.EndsWith(')')) throw new UsageException($"Indicator spec '{text}' has no closing ')'; expected e.g. bb(20,2).");
            name = s[..open].Trim();
            inner = s[(open + 1)..^1];
        }
        name = name.ToLowerInvariant();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new UsageException($"Indicator spec '{text}' has no valid name before '('; expected e.g. sma(50).");
        var positional = new List<double>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (inner.Trim().Length > 0)
        {
            foreach (var raw in inner.Split(','))
            {
                var part = raw.Trim();
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    var key = part[..eq].Trim().ToLowerInvariant();
                    var value = part[(eq + 1)..].Trim();
                    if (key.Length == 0 || value.Length == 0) throw new UsageException($"Indicator spec '{text}': option '{part}' needs key=value.");
                    if (!options.TryAdd(key, value)) throw new UsageException($"Indicator spec '{text}': option '{key}' is given twice.");
                    continue;
                }
                if (options.Count > 0) throw new UsageException($"Indicator spec '{text}': positional argument '{part}' after a key=value option.");
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new UsageException($"Indicator spec '{text}': argument '{part}' is not a number.");
                positional.Add(v);
            }
        }
        return new IndicatorSpec(text.Trim(), name, positional, options);
    }

    /// <summary>Splits a list such as <c>rsi(14),macd(12,26,9), bb(20,2)</c> on the commas between specs.</summary>
    public static IReadOnlyList<string> SplitList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c == '(') depth++;
            else if (c == ')')
            {
                if (--depth < 0) throw new UsageException($"Unbalanced ')' at position {i + 1} in indicator list '{list}'.");
            }
            else if (c is ',' or ';' && depth == 0)
            {
                Add(list[start..i]);
                start = i + 1;
            }
        }
        if (depth != 0) throw new UsageException($"Unbalanced '(' in indicator list '{list}'.");
        Add(list[start..]);
        return result;

        void Add(string part)
        {
            var p = part.Trim();
            if (p.Length > 0) result.Add(p);
        }
    }
}
