using System.Globalization;
using System.Text.RegularExpressions;
using Platform3.Core.Errors;

namespace Platform3.AI.Registry;

/// <summary>
/// "name@alias", "name@3" (a version) or "name" (the latest active version). Names are letters, digits,
/// dot, dash and underscore, starting with a letter or digit.
/// </summary>
public sealed partial record ModelRef(string Name, string? Alias, int? Version)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static ModelRef Parse(string text)
    {
        var t = text.Trim();
        var at = t.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? t : t[..at];
        if (!IsValidName(name))
            throw new UsageException($"'{text}' is not a model reference: expected NAME, NAME@VERSION or NAME@ALIAS (name: letters, digits, . _ -).");
        if (at < 0) return new ModelRef(name, null, null);
        var sel = t[(at + 1)..];
        if (int.TryParse(sel, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0) return new ModelRef(name, null, v);
        if (!IsValidName(sel) || char.IsDigit(sel[0]))
            throw new UsageException($"'{text}': after '@' expected a version number or an alias name such as champion.");
        return new ModelRef(name, sel, null);
    }

    public override string ToString() => Alias is not null ? $"{Name}@{Alias}" : Version is { } v ? $"{Name}@{v}" : Name;
}
