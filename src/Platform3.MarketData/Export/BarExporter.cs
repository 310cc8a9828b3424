using System.Globalization;
using System.IO.Compression;
using System.Text;
using ParquetSharp;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Export;

/// <summary>
/// Writes bars or ticks to CSV (ISO UTC times, shortest round-trip numbers; gzip when the path ends in .gz) or to
/// Parquet (time as a UTC timestamp in microseconds, Snappy), which DuckDB, pandas and Spark read directly.
/// Files appear atomically: written beside the target under a temporary name, then renamed.
/// </summary>
public static class BarExporter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void ToCsv(BarSeries s, string path) => Atomically(path, tmp =>
    {
        using var writer = Open(tmp, path);
        writer.Write("time_utc,open,high,low,close");
        if (s.HasAsk) writer.Write(",ask_open,ask_high,ask_low,ask_close");
        if (s.Spread is not null) writer.Write(",spread");
        writer.Write(",volume\n");
        var sb = new StringBuilder(160);
        for (var i = 0; i < s.Count; i++)
        {
            sb.Clear();
            sb.Append(s.TimeAt(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv)).Append(',').Append(N(s.Open[i])).Append(',').Append(N(s.High[i]))
              .Append(',').Append(N(s.Low[i])).Append(',').Append(N(s.Close[i]));
            if (s.HasAsk)
                sb.Append(',').Append(N(s.AskOpen![i])).Append(',').Append(N(s.AskHigh![i])).Append(',').Append(N(s.AskLow![i])).Append(',').Append(N(s.AskClose![i]));
            if (s.Spread is not null) sb.Append(',').Append(N(s.Spread[i]));
            sb.Append(',').Append(s.Volume[i].ToString(Inv)).Append('\n');
            writer.Write(sb);
        }
    });

    public static void ToCsv(TickSeries t, string path) => Atomically(path, tmp =>
    {
        using var writer = Open(tmp, path);
        writer.Write("time_utc,bid,ask,volume\n");
        for (var i = 0; i < t.Count; i++)
            writer.Write($"{new DateTime(t.Time[i], DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv)},{N(t.Bid[i])},{N(t.Ask[i])},{t.Volume[i].ToString(Inv)}\n");
    });

    public static void ToParquet(BarSeries s, string path) => Atomically(path, tmp =>
    {
        var cols = new List<Column> { new Column<DateTime>("time_utc"), new Column<double>("open"), new Column<double>("high"), new Column<double>("low"), new Column<double>("close") };
        if (s.HasAsk) cols.AddRange([new Column<double>("ask_open"), new Column<double>("ask_high"), new Column<double>("ask_low"), new Column<double>("ask_close")]);
        if (s.Spread is not null) cols.Add(new Column<double>("spread"));
        cols.Add(new Column<long>("volume"));
        var metadata = new Dictionary<string, string> { ["symbol"] = s.Symbol, ["timeframe"] = s.Timeframe.Name, ["time"] = "bar open time, UTC" };
        using var file = new ParquetFileWriter(tmp, cols.ToArray(), Compression.Snappy, metadata);
        using (var group = file.AppendRowGroup())
        {
            var times = new DateTime[s.Count];
            for (var i = 0; i < times.Length; i++) times[i] = s.TimeAt(i);
            Write(group, times);
            Write(group, s.Open); Write(group, s.High); Write(group, s.Low); Write(group, s.Close);
            if (s.HasAsk) { Write(group, s.AskOpen!); Write(group, s.AskHigh!); Write(group, s.AskLow!); Write(group, s.AskClose!); }
            if (s.Spread is not null) Write(group, s.Spread);
            Write(group, s.Volume);
        }
        file.Close();
    });

    public static void ToParquet(TickSeries t, string path) => Atomically(path, tmp =>
    {
        var cols = new Column[] { new Column<DateTime>("time_utc"), new Column<double>("bid"), new Column<double>("ask"), new Column<long>("volume") };
        using var file = new ParquetFileWriter(tmp, cols, Compression.Snappy, new Dictionary<string, string> { ["symbol"] = t.Symbol, ["timeframe"] = "Tick" });
        using (var group = file.AppendRowGroup())
        {
            Write(group, t.Time.Select(x => new DateTime(x, DateTimeKind.Utc)).ToArray());
            Write(group, t.Bid); Write(group, t.Ask); Write(group, t.Volume);
        }
        file.Close();
    });

    /// <summary>Reads a bar file written by <see cref="ToParquet(BarSeries, string)"/> (used by tests and the storage benchmark).</summary>
    public static BarSeries ReadParquet(string path)
    {
        using var file = new ParquetFileReader(path);
        var meta = file.FileMetaData.KeyValueMetadata;
        var symbol = meta.TryGetValue("symbol", out var sym) ? sym : Path.GetFileNameWithoutExtension(path);
        var tf = meta.TryGetValue("timeframe", out var tfn) ? Timeframe.Parse(tfn) : Timeframe.M1;
        var names = Enumerable.Range(0, file.FileMetaData.NumColumns).Select(i => file.FileMetaData.Schema.Column(i).Name).ToList();
        var parts = new List<Dictionary<string, Array>>();
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var n = checked((int)group.MetaData.NumRows);
            var d = new Dictionary<string, Array>();
            for (var c = 0; c < names.Count; c++)
            {
                using var col = group.Column(c);
                d[names[c]] = names[c] switch
                {
                    "time_utc" => col.LogicalReader<DateTime>().ReadAll(n),
                    "volume" => col.LogicalReader<long>().ReadAll(n),
                    _ => col.LogicalReader<double>().ReadAll(n),
                };
            }
            parts.Add(d);
        }
        file.Close();
        T[] Col<T>(string name) => parts.SelectMany(p => (T[])p[name]).ToArray();
        T[]? Opt<T>(string name) => names.Contains(name) ? Col<T>(name) : null;
        return new BarSeries(symbol, tf, Col<DateTime>("time_utc").Select(t => t.Ticks).ToArray(), Col<double>("open"), Col<double>("high"),
            Col<double>("low"), Col<double>("close"), Col<long>("volume"), Opt<double>("ask_open"), Opt<double>("ask_high"),
            Opt<double>("ask_low"), Opt<double>("ask_close"), Opt<double>("spread"));
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var w = group.NextColumn().LogicalWriter<T>();
        w.WriteBatch(values);
    }

    private static StreamWriter Open(string tmp, string finalPath)
    {
        Stream fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (finalPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) fs = new GZipStream(fs, CompressionLevel.Optimal);
        return new StreamWriter(fs, new UTF8Encoding(false), 1 << 16);
    }

    private static void Atomically(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(dir); }
        catch (IOException ex) { throw new DataException($"{dir}: cannot create the output folder ({ex.Message})."); }
        var tmp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            write(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static string N(double v) => double.IsNaN(v) ? "" : v.ToString("R", Inv);
}
