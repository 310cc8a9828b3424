using System.Globalization;
using ParquetSharp;
using Platform3.Core.Errors;

namespace Platform3.AI.Features.Storage;

/// <summary>
/// Feature matrices as Parquet: columns "bar_time" and "known_at" (UTC ticks, int64) then one double
/// column per feature; the key-value metadata carries the feature set id and hash, symbol, timeframe, data
/// fingerprint and warm-up count. Written to a temp file, then atomically renamed.
/// </summary>
public static class FeatureFile
{
    private const int RowGroupSize = 1 << 17;

    public static void Write(string path, FeatureFrame frame)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var columns = new Column[2 + frame.Width];
        columns[0] = new Column<long>("bar_time");
        columns[1] = new Column<long>("known_at");
        for (var k = 0; k < frame.Width; k++) columns[2 + k] = new Column<double>(frame.Names[k]);
        var meta = new Dictionary<string, string>
        {
            ["p3.feature_set"] = frame.FeatureSet,
            ["p3.feature_set_hash"] = frame.FeatureSetHash,
            ["p3.symbol"] = frame.Symbol,
            ["p3.timeframe"] = frame.Timeframe,
            ["p3.data_fingerprint"] = frame.DataFingerprint,
            ["p3.warmup_excluded"] = frame.WarmUpExcluded.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            using (var file = new ParquetFileWriter(tmp, columns, Compression.Snappy, meta))
            {
                var column = new double[Math.Min(RowGroupSize, Math.Max(1, frame.Count))];
                for (var start = 0; start < frame.Count || (start == 0 && frame.Count == 0); start += RowGroupSize)
                {
                    var n = Math.Min(RowGroupSize, frame.Count - start);
                    using var rg = file.AppendRowGroup();
                    using (var w = rg.NextColumn().LogicalWriter<long>()) w.WriteBatch(frame.BarTime, start, n);
                    using (var w = rg.NextColumn().LogicalWriter<long>()) w.WriteBatch(frame.KnownAt, start, n);
                    for (var k = 0; k < frame.Width; k++)
                    {
                        for (var i = 0; i < n; i++) column[i] = frame.Values[(start + i) * frame.Width + k];
                        using var w = rg.NextColumn().LogicalWriter<double>();
                        w.WriteBatch(column, 0, n);
                    }
                    if (frame.Count == 0) break;
                }
                file.Close();
            }
            using (var fs = new FileStream(tmp, FileMode.Open, FileAccess.ReadWrite)) fs.Flush(flushToDisk: true);
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            throw;
        }
    }

    public static FeatureFrame Read(string path)
    {
        try
        {
            using var file = new ParquetFileReader(path);
            var meta = file.FileMetaData;
            var kv = meta.KeyValueMetadata;
            string Meta(string key) => kv.TryGetValue(key, out var v) ? v
                : throw new DataFormatException(path, 0, key, "Platform3 feature-file metadata");
            var width = meta.NumColumns - 2;
            var names = Enumerable.Range(0, width).Select(k => meta.Schema.Column(2 + k).Name).ToArray();
            var rows = checked((int)meta.NumRows);
            var barTime = new long[rows];
            var knownAt = new long[rows];
            var values = new double[(long)rows * width];
            var at = 0;
            for (var g = 0; g < meta.NumRowGroups; g++)
            {
                using var rg = file.RowGroup(g);
                var n = checked((int)rg.MetaData.NumRows);
                using (var r = rg.Column(0).LogicalReader<long>()) r.ReadBatch(barTime.AsSpan(at, n));
                using (var r = rg.Column(1).LogicalReader<long>()) r.ReadBatch(knownAt.AsSpan(at, n));
                var column = new double[n];
                for (var k = 0; k < width; k++)
                {
                    using (var r = rg.Column(2 + k).LogicalReader<double>()) r.ReadBatch(column);
                    for (var i = 0; i < n; i++) values[(at + i) * width + k] = column[i];
                }
                at += n;
            }
            return new FeatureFrame
            {
                FeatureSet = Meta("p3.feature_set"), FeatureSetHash = Meta("p3.feature_set_hash"), Symbol = Meta("p3.symbol"),
                Timeframe = Meta("p3.timeframe"), DataFingerprint = Meta("p3.data_fingerprint"),
                WarmUpExcluded = int.Parse(Meta("p3.warmup_excluded"), CultureInfo.InvariantCulture),
                Names = names, BarTime = barTime, KnownAt = knownAt, Values = values,
            };
        }
        catch (ParquetException ex)
        {
            throw new DataException($"{path}: not a readable feature file: {ex.Message}", ex);
        }
    }
}
