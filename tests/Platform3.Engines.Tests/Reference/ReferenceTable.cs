using System.Globalization;
using Platform3.Core.Domain;

namespace Platform3.Engines.Tests.Reference;

/// <summary>
/// A reference file loaded as bars plus expected columns, in file order. Missing or empty cells (and NaN) are
/// "no expected value". Prices come from open/high/low/close(/volume) columns; close-only files get
/// open = high = low = close. Times are the file's own when it prints yyyy-MM-dd dates (pivot points need them);
/// otherwise synthetic and strictly increasing: the other date formats vary, some files end with an intraday partial
/// bar, and only row order matters to an indicator.
/// </summary>
public sealed class ReferenceTable
{
    private readonly Dictionary<string, double?[]> _columns;

    private ReferenceTable(string name, BarSeries bars, Dictionary<string, double?[]> columns, string[] labels)
    {
        Name = name;
        Bars = bars;
        _columns = columns;
        RowLabels = labels;
    }

    public string Name { get; }
    public BarSeries Bars { get; }
    /// <summary>The first cell of each row (the date as printed), for failure messages.</summary>
    public string[] RowLabels { get; }

    public double?[] Column(string header) =>
        _columns.TryGetValue(header.Trim(), out var c) ? c
            : throw new KeyNotFoundException($"{Name} has no column '{header}'. Columns: {string.Join(" | ", _columns.Keys)}");

    public static ReferenceTable LoadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var columns = new Dictionary<string, double?[]>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0 || columns.ContainsKey(header[c])) continue;
            var values = new double?[rows.Length];
            for (var r = 0; r < rows.Length; r++) values[r] = c < rows[r].Length ? ParseCell(rows[r][c]) : null;
            columns[header[c]] = values;
        }
        var dateColumn = Array.FindIndex(header, h => h.Equals("date", StringComparison.OrdinalIgnoreCase) || h.Equals("time", StringComparison.OrdinalIgnoreCase));
        var labels = rows.Select((r, i) => dateColumn >= 0 && dateColumn < r.Length ? r[dateColumn] : $"row {i}").ToArray();
        return new ReferenceTable(Path.GetFileName(path), BuildBars(Path.GetFileName(path), columns, rows.Length, IsoDates(labels)), columns, labels);
    }

    /// <summary>Builds a table from given bars and expected columns (used for the Skender JSON files).</summary>
    public static ReferenceTable FromColumns(string name, BarSeries bars, Dictionary<string, double?[]> columns, string[] labels) =>
        new(name, bars, new Dictionary<string, double?[]>(columns, StringComparer.OrdinalIgnoreCase), labels);

    /// <summary>Bar times from yyyy-MM-dd labels (UTC midnight) when every row has one and they increase; else null.</summary>
    private static long[]? IsoDates(string[] labels)
    {
        var times = new long[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!DateTime.TryParseExact(labels[i], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)) return null;
            times[i] = d.Ticks;
            if (i > 0 && times[i] <= times[i - 1]) return null;
        }
        return times;
    }

    internal static BarSeries BuildBars(string name, Dictionary<string, double?[]> columns, int n, long[]? times = null)
    {
        double[] Col(string h, double[]? fallback)
        {
            if (!columns.TryGetValue(h, out var c)) return fallback ?? throw new InvalidDataException($"{name}: no '{h}' column");
            return c.Select((v, i) => v ?? throw new InvalidDataException($"{name}: empty {h} at data row {i + 1}")).ToArray();
        }
        var close = Col("close", null);
        var open = Col("open", close);
        var high = Col("high", close);
        var low = Col("low", close);
        var volume = columns.TryGetValue("volume", out var v) ? v.Select(x => (long)Math.Round(x ?? 0)).ToArray() : new long[n];
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var time = times ?? Enumerable.Range(0, n).Select(i => start + i * TimeSpan.TicksPerHour).ToArray();
        return new BarSeries(name, Timeframe.H1, time, open, high, low, close, volume);
    }

    private static double? ParseCell(string cell)
    {
        var s = cell.Trim();
        if (s.Length == 0) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v)) return null;
        return v;
    }

    /// <summary>Half a unit in the last printed decimal of a cell (how much rounding the file itself applied).</summary>
    public static double PrintedHalfUnit(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        var e = s.IndexOfAny(['E', 'e']);
        var exponent = 0;
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : s.Length - dot - 1;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }
}
