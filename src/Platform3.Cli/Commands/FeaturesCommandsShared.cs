using System.CommandLine;
using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Cli.Commands;

/// <summary>Options and formatting shared by the ml-core commands (features, train, predict, models, experiments).</summary>
internal static class AiCli
{
    public static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    /// <summary>A UTC time written yyyy-MM-dd or yyyy-MM-ddTHH:mm (or with a space).</summary>
    public static DateTime ParseUtc(string text, string option)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mmZ"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
            return DateTime.SpecifyKind(t, DateTimeKind.Utc);
        throw new UsageException($"{option}: expected a UTC time as yyyy-MM-dd or yyyy-MM-ddTHH:mm, got '{text}'.");
    }

    public static Timeframe ParseTimeframe(string text) => Timeframe.Parse(text);

    public static string F(double v, int decimals = 4) =>
        double.IsNaN(v) ? "-" : v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Utc(long ticks) => Utc(new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>
    /// A plain, aligned text table (never wrapped, so logs and CI keep one row per line, whatever the width).
    /// </summary>
    public static void Table(TextWriter o, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title = null)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < r.Count ? r[i].Length : 0))).ToArray();
        if (title is not null) o.WriteLine(title);
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        o.WriteLine(Line(headers));
        o.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in all) o.WriteLine(Line(r));
    }

    public static string Actor() => Environment.GetEnvironmentVariable("P3_USER") ?? Environment.UserName;
}
