using Platform3.Core.Errors;

namespace Platform3.MarketData.Import;

/// <summary>
/// The line loop every format shares: blank lines skipped, an optional header, each data line parsed by the
/// format (a bad line is quarantined with its reason), and early format detection: when none of the first
/// five data lines parses, the file is refused at once with what was expected and what the file looks like.
/// </summary>
internal abstract class RowFileReader
{
    private const int SniffLines = 5;

    /// <summary>Format name for messages, e.g. "HistData M1".</summary>
    public abstract string FormatName { get; }

    /// <summary>The expected line layout, e.g. "'YYYYMMDD HHMMSS;open;high;low;close;volume'".</summary>
    public abstract string ExpectedLayout { get; }

    protected virtual bool HasHeader(ReadOnlySpan<byte> firstLine) => false;

    /// <summary>Reads the header; throws <see cref="DataFormatException"/> when it is not the expected one.</summary>
    protected virtual void ReadHeader(ReadOnlySpan<byte> line, string path, long lineNumber) { }

    /// <summary>Parses one data line into the row buffer; returns null, or why the line is bad.</summary>
    protected abstract string? ParseRow(ReadOnlySpan<byte> line, long lineNumber, int fileIndex);

    public long LinesRead { get; private set; }

    public void ReadFile(string path, int fileIndex, Quarantine quarantine)
    {
        using var reader = LineReader.Open(path);
        var headerPending = true;
        long dataLines = 0, good = 0;
        (long Line, string Reason, string Text)? firstBad = null;
        while (reader.TryReadLine(out var line))
        {
            if (SpanParse.TrimSpaces(line).IsEmpty) continue;
            if (headerPending)
            {
                headerPending = false;
                if (HasHeader(line))
                {
                    ReadHeader(line, path, reader.LineNumber);
                    continue;
                }
            }
            dataLines++;
            LinesRead++;
            var reason = ParseRow(line, reader.LineNumber, fileIndex);
            if (reason is null)
            {
                good++;
                continue;
            }
            firstBad ??= (reader.LineNumber, reason, SpanParse.Text(line));
            if (good == 0 && dataLines >= SniffLines) throw NotThisFormat(path, firstBad.Value);
            quarantine.Add(path, reader.LineNumber, reason, line);
        }
        if (dataLines == 0)
            throw new DataFormatException(path, reader.LineNumber, "file", $"at least one data line in {FormatName} layout {ExpectedLayout}",
                reader.LineNumber == 0 ? "an empty file" : "only a header or blank lines");
        if (good == 0) throw NotThisFormat(path, firstBad!.Value);
    }

    private DataFormatException NotThisFormat(string path, (long Line, string Reason, string Text) bad)
    {
        var guess = FormatGuess.DescribeFile(path);
        return new DataFormatException(path, bad.Line, "line",
            $"{FormatName} layout {ExpectedLayout} ({bad.Reason})" + (guess is null ? "" : $"; the file looks like {guess}"), bad.Text);
    }

    /// <summary>Message for a field that is not a number.</summary>
    protected static string NotNumber(string field, ReadOnlySpan<byte> value) =>
        $"non-numeric {field}: expected a decimal number, got '{SpanParse.Text(value)}'";

    protected static string FieldCount(int expected, int got, char delimiter) =>
        $"wrong field count: expected {expected} fields separated by '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}', got {got}";
}
