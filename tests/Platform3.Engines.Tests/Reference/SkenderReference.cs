using System.Globalization;
using System.Text.Json;
using Platform3.Core.Domain;
using Platform3.Tests.Shared;

namespace Platform3.Engines.Tests.Reference;

/// <summary>Skender's 502 daily SPY bars (quotes/default.csv) with one results JSON file's fields as expected columns.</summary>
public static class SkenderReference
{
    public const string Folder = "data/indicator-reference/skender";

    public static ReferenceTable Load(string jsonName)
    {
        var quotes = ReferenceTable.LoadCsv(SharedData.Require($"{Folder}/quotes/default.csv"));
        var path = SharedData.Require($"{Folder}/results/{jsonName}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var records = doc.RootElement.EnumerateArray().ToArray();
        if (records.Length != quotes.Bars.Count)
            throw new InvalidDataException($"{jsonName}: {records.Length} records for {quotes.Bars.Count} quotes");
        var columns = new Dictionary<string, double?[]>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < records.Length; r++)
        {
            foreach (var p in records[r].EnumerateObject())
            {
                if (p.Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)) continue;
                if (!columns.TryGetValue(p.Name, out var col)) columns[p.Name] = col = new double?[records.Length];
                col[r] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : null;
            }
        }
        var labels = records.Select(r => r.TryGetProperty("timestamp", out var t) ? t.GetString() ?? "" : "").ToArray();
        return ReferenceTable.FromColumns(jsonName, quotes.Bars, columns, labels);
    }

    public static BarSeries Quotes() => ReferenceTable.LoadCsv(SharedData.Require($"{Folder}/quotes/default.csv")).Bars;

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
