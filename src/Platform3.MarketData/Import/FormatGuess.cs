using System.Text;
using System.Text.RegularExpressions;

namespace Platform3.MarketData.Import;

/// <summary>Looks at the first line of a file and names the format it resembles, for error messages.</summary>
internal static partial class FormatGuess
{
    public static string? DescribeFile(string path)
    {
        try
        {
            using var reader = LineReader.Open(path);
            if (!reader.TryReadLine(out var first)) return "an empty file";
            if (first.StartsWith("PK"u8)) return "a zip archive (extract the CSV first)";
            var text = Encoding.UTF8.GetString(first.Length > 200 ? first[..200] : first);
            return DescribeLine(text);
        }
        catch (Exception ex) when (ex is IOException or Core.Errors.DataException)
        {
            return null;
        }
    }

    public static string? DescribeLine(string firstLine)
    {
        var t = firstLine.Trim();
        if (HistDataM1().IsMatch(t)) return "HistData M1 (--format histdata)";
        if (HistDataTick().IsMatch(t)) return "HistData ticks (--format histdata-tick)";
        if (t.StartsWith("Gmt time", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Time (UTC)", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Local time", StringComparison.OrdinalIgnoreCase)) return "a Dukascopy export (--format dukascopy)";
        if (t.StartsWith("<DATE>", StringComparison.OrdinalIgnoreCase) || MetaTrader4().IsMatch(t)) return "a MetaTrader history export (--format mt)";
        if (t.StartsWith("timestamp,open", StringComparison.OrdinalIgnoreCase)) return "an FXCM-style OHLC CSV (--format csv, or --format bidask with its ask file)";
        if (t.StartsWith("timestamp,bid,ask", StringComparison.OrdinalIgnoreCase)) return "a tick CSV with bid and ask (--format csv --kind ticks)";
        if (t.Contains("<html", StringComparison.OrdinalIgnoreCase) || t.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            return "an HTML page (a failed download?)";
        if (t.Any(c => char.IsControl(c) && c != '\t')) return "a binary file";
        if (IsoStart().IsMatch(t)) return "a CSV with ISO timestamps (--format csv)";
        return null;
    }

    [GeneratedRegex(@"^\d{8} \d{6};")]
    private static partial Regex HistDataM1();

    [GeneratedRegex(@"^\d{8} \d{9},")]
    private static partial Regex HistDataTick();

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2},\d{1,2}:\d{2}")]
    private static partial Regex MetaTrader4();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoStart();
}
