using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Storage;

/// <summary>
/// Where things live under the data directory:
/// <c>bars/SYMBOL/TF/YYYY.p3b</c> (one file per UTC year of bar open times),
/// <c>ticks/SYMBOL/YYYY-MM.p3t</c> (one file per UTC month), and <c>quarantine/</c> for rejected import rows.
/// </summary>
public sealed class StoreLayout(string dataDir)
{
    public const string BarExtension = ".p3b";
    public const string TickExtension = ".p3t";

    public string Root { get; } = Path.GetFullPath(dataDir);
    public string BarsRoot => Path.Combine(Root, "bars");
    public string TicksRoot => Path.Combine(Root, "ticks");
    public string QuarantineRoot => Path.Combine(Root, "quarantine");

    public string SeriesDir(string symbol, Timeframe timeframe) =>
        timeframe.IsTick ? Path.Combine(TicksRoot, CheckSymbol(symbol)) : Path.Combine(BarsRoot, CheckSymbol(symbol), timeframe.Name);

    public string BarPartition(string symbol, Timeframe timeframe, int year) =>
        Path.Combine(SeriesDir(symbol, timeframe), year.ToString("D4", CultureInfo.InvariantCulture) + BarExtension);

    public string TickPartition(string symbol, int year, int month) =>
        Path.Combine(SeriesDir(symbol, Timeframe.Tick),
            year.ToString("D4", CultureInfo.InvariantCulture) + "-" + month.ToString("D2", CultureInfo.InvariantCulture) + TickExtension);

    /// <summary>Partition files of a series, in time order (names sort chronologically).</summary>
    public IReadOnlyList<string> Partitions(string symbol, Timeframe timeframe)
    {
        var dir = SeriesDir(symbol, timeframe);
        if (!Directory.Exists(dir)) return [];
        var ext = timeframe.IsTick ? TickExtension : BarExtension;
        var files = Directory.GetFiles(dir, "*" + ext).Where(f => f.EndsWith(ext, StringComparison.Ordinal)).ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The UTC year a bar partition covers, from its file name.</summary>
    public static int YearOf(string partitionPath) =>
        int.Parse(Path.GetFileNameWithoutExtension(partitionPath)[..4], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Symbols become folder names, so only plain characters are allowed.</summary>
    public static string CheckSymbol(string symbol)
    {
        var s = symbol.Trim().ToUpperInvariant();
        if (s.Length is 0 or > 32 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || s.StartsWith('.'))
            throw new UsageException($"'{symbol}' is not a valid symbol name (letters, digits, '.', '_' or '-', at most 32).");
        return s;
    }
}
