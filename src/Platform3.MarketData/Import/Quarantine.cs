using System.Globalization;
using System.Text;

namespace Platform3.MarketData.Import;

/// <summary>One rejected input row: where it came from, why, and the line as it was.</summary>
public sealed record QuarantinedRow(string SourceFile, long Line, string Reason, string Raw);

/// <summary>
/// Collects rejected rows during an import and writes them to a side file
/// (<c>quarantine/SYMBOL/yyyyMMdd-HHmmss-SOURCE.csv</c> with source_file, line, reason, raw_line), so a bad row
/// is never silently dropped and can be inspected or fixed and re-imported.
/// </summary>
public sealed class Quarantine
{
    private readonly List<QuarantinedRow> _rows = [];
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public IReadOnlyList<QuarantinedRow> Rows => _rows;
    public int Count => _rows.Count;

    /// <summary>Counts per reason kind (the text before the first ':' of the reason).</summary>
    public IReadOnlyDictionary<string, long> CountsByKind => _byReason;

    public void Add(string file, long line, string reason, ReadOnlySpan<byte> raw) => Add(file, line, reason, SpanParse.Text(raw));

    public void Add(string file, long line, string reason, string raw)
    {
        _rows.Add(new QuarantinedRow(file, line, reason, raw));
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? reason[..colon] : reason;
        _byReason[kind] = _byReason.GetValueOrDefault(kind) + 1;
    }

    /// <summary>A row rejected after parsing (validation); its raw text is read back by <see cref="ResolveRawLines"/>.</summary>
    public void AddPending(string file, long line, string reason) => Add(file, line, reason, (string?)null!);

    /// <summary>Re-reads the source files once to attach the original text of rows rejected after parsing.</summary>
    public void ResolveRawLines()
    {
        foreach (var group in _rows.Select((r, i) => (r, i)).Where(x => x.r.Raw is null).GroupBy(x => x.r.SourceFile).ToList())
        {
            var wanted = group.ToDictionary(x => x.r.Line, x => x.i);
            using var reader = LineReader.Open(group.Key);
            var left = wanted.Count;
            while (left > 0 && reader.TryReadLine(out var line))
            {
                if (!wanted.TryGetValue(reader.LineNumber, out var index)) continue;
                _rows[index] = _rows[index] with { Raw = SpanParse.Text(line) };
                left--;
            }
        }
    }

    /// <summary>Writes the side file; returns its path, or null when nothing was rejected.</summary>
    public string? Write(string quarantineRoot, string symbol, string sourceName, DateTime nowUtc)
    {
        if (_rows.Count == 0) return null;
        var dir = Path.Combine(quarantineRoot, symbol);
        Directory.CreateDirectory(dir);
        var baseName = sourceName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? sourceName[..^3] : sourceName;
        var path = Path.Combine(dir, $"{nowUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Path.GetFileNameWithoutExtension(baseName)}.csv");
        var sb = new StringBuilder("source_file,line,reason,raw_line\n");
        foreach (var r in _rows.OrderBy(r => r.SourceFile, StringComparer.Ordinal).ThenBy(r => r.Line))
            sb.Append(Csv(r.SourceFile)).Append(',').Append(r.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv(r.Reason)).Append(',').Append(Csv(r.Raw)).Append('\n');
        Storage.AtomicFile.Write(path, Encoding.UTF8.GetBytes(sb.ToString()));
        return path;
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
