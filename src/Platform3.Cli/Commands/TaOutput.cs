using System.Globalization;
using System.Text;
using ParquetSharp;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Cli.Commands;

/// <summary>
/// Writes bars with indicator columns to CSV or Parquet: time_utc (bar open), known_at_utc (bar close: when the
/// row's values became known), close, then one column per indicator output (NaN/empty during warm-up).
/// The file appears atomically (temporary file, flushed to disk, then renamed).
/// </summary>
internal static class TaOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string path, BarSeries bars, long[] knownAt, int start, IReadOnlyList<IndicatorResult> results)
    {
        var columns = results.SelectMany(r => Enumerable.Range(0, r.OutputNames.Count).Select(k => (Name: r.ColumnName(k), Values: r[k]))).ToList();
        var parquet = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!parquet && !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out {path}: expected a .csv or .parquet file name.");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(dir); }
        catch (IOException e) { throw new DataException($"{dir}: cannot create the output folder ({e.Message})."); }
        var tmp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            if (parquet) WriteParquet(tmp, bars, knownAt, start, columns);
            else WriteCsv(tmp, bars, knownAt, start, columns);
            using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.ReadWrite)) fs.Flush(flushToDisk: true);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static void WriteCsv(string tmp, BarSeries bars, long[] knownAt, int start, List<(string Name, double[] Values)> columns)
    {
        using var writer = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("time_utc,known_at_utc,close");
        foreach (var c in columns) writer.Write("," + c.Name.Replace(',', ';'));
        writer.Write('\n');
        var sb = new StringBuilder(256);
        for (var i = start; i < bars.Count; i++)
        {
            sb.Clear();
            sb.Append(Iso(bars.Time[i])).Append(',').Append(Iso(knownAt[i])).Append(',').Append(bars.Close[i].ToString("R", Inv));
            foreach (var c in columns)
            {
                sb.Append(',');
                if (!double.IsNaN(c.Values[i])) sb.Append(c.Values[i].ToString("R", Inv));
            }
            writer.Write(sb.Append('\n'));
        }
    }

    private static void WriteParquet(string tmp, BarSeries bars, long[] knownAt, int start, List<(string Name, double[] Values)> columns)
    {
        var schema = new List<Column> { new Column<DateTime>("time_utc"), new Column<DateTime>("known_at_utc"), new Column<double>("close") };
        schema.AddRange(columns.Select(c => (Column)new Column<double>(c.Name)));
        var meta = new Dictionary<string, string>
        {
            ["symbol"] = bars.Symbol, ["timeframe"] = bars.Timeframe.Name,
            ["time"] = "time_utc = bar open time; known_at_utc = bar close, when the values became known",
        };
        using var file = new ParquetFileWriter(tmp, schema.ToArray(), Compression.Snappy, meta);
        using (var group = file.AppendRowGroup())
        {
            var n = bars.Count - start;
            Put(group, Enumerable.Range(start, n).Select(i => new DateTime(bars.Time[i], DateTimeKind.Utc)).ToArray());
            Put(group, Enumerable.Range(start, n).Select(i => new DateTime(knownAt[i], DateTimeKind.Utc)).ToArray());
            Put(group, bars.Close[start..]);
            foreach (var c in columns) Put(group, c.Values[start..]);
        }
        file.Close();
    }

    private static void Put<T>(RowGroupWriter group, T[] values)
    {
        using var w = group.NextColumn().LogicalWriter<T>();
        w.WriteBatch(values);
    }

    private static string Iso(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);
}
