using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform3.Core.Domain;
using Platform3.Core.Time;

namespace Platform3.MarketData.Synthetic;

/// <summary>
/// Writes bars in vendors' layouts, so tests, benchmarks and the demo exercise the importers on files made in
/// code (never copies of real files): HistData Generic ASCII M1 (New York wall time, bid, 6 decimals) and
/// FXCM-style one-side OHLC CSV (header, UTC with +00:00).
/// </summary>
public static class VendorFiles
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One HistData line: <c>YYYYMMDD HHMMSS;open;high;low;close;0</c> (bid prices, New York local open time).</summary>
    public static string HistDataLine(BarSeries s, int i) =>
        FastZone.NewYork.UtcToLocal(s.TimeAt(i)).ToString("yyyyMMdd HHmmss", Inv) +
        string.Create(Inv, $";{s.Open[i]:F6};{s.High[i]:F6};{s.Low[i]:F6};{s.Close[i]:F6};0");

    /// <summary>A whole HistData file; <paramref name="replace"/> may substitute a line (e.g. to plant a bad row).</summary>
    public static string HistData(BarSeries s, Func<int, string, string>? replace = null)
    {
        var sb = new StringBuilder(s.Count * 54);
        for (var i = 0; i < s.Count; i++)
        {
            var line = HistDataLine(s, i);
            sb.Append(replace is null ? line : replace(i, line)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One side of an FXCM-style bid/ask pair: <c>timestamp,open,high,low,close</c>.</summary>
    public static string Fxcm(BarSeries s, bool ask)
    {
        if (ask && !s.HasAsk) throw new ArgumentException("The series has no ask prices.", nameof(s));
        var sb = new StringBuilder("timestamp,open,high,low,close\n", s.Count * 64);
        for (var i = 0; i < s.Count; i++)
        {
            sb.Append(s.TimeAt(i).ToString("yyyy-MM-dd HH:mm:ss", Inv)).Append("+00:00,");
            if (ask) sb.Append(Inv, $"{s.AskOpen![i]},{s.AskHigh![i]},{s.AskLow![i]},{s.AskClose![i]}\n");
            else sb.Append(Inv, $"{s.Open[i]},{s.High[i]},{s.Low[i]},{s.Close[i]}\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes text, gzip-compressed when the path ends in .gz.</summary>
    public static string Write(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Fastest);
        gz.Write(bytes);
        return path;
    }
}
