using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Time;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;

namespace Platform3.MarketData.Tests.Import;

/// <summary>Writes source files in each vendor's layout from bars made in code (never copies of real files).</summary>
internal static class ImportFixtures
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(string path, string content, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        if (gzip)
        {
            using var fs = File.Create(path);
            using var gz = new GZipStream(fs, CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>HistData M1 text: New York wall-clock open time, bid prices, 6 decimals, volume 0.</summary>
    public static string HistData(BarSeries s)
    {
        var sb = new StringBuilder();
        var ny = FastZone.NewYork;
        for (var i = 0; i < s.Count; i++)
        {
            var local = ny.UtcToLocal(s.TimeAt(i));
            sb.Append(local.ToString("yyyyMMdd HHmmss", Inv)).Append(';')
              .Append(s.Open[i].ToString("F6", Inv)).Append(';').Append(s.High[i].ToString("F6", Inv)).Append(';')
              .Append(s.Low[i].ToString("F6", Inv)).Append(';').Append(s.Close[i].ToString("F6", Inv)).Append(";0\n");
        }
        return sb.ToString();
    }

    /// <summary>One side of an FXCM-style file: header, ISO UTC timestamps with +00:00.</summary>
    public static string Fxcm(BarSeries s, bool ask)
    {
        var sb = new StringBuilder("timestamp,open,high,low,close\n");
        for (var i = 0; i < s.Count; i++)
        {
            sb.Append(s.TimeAt(i).ToString("yyyy-MM-dd HH:mm:ss", Inv)).Append("+00:00,");
            if (ask) sb.Append(Inv, $"{s.AskOpen![i]},{s.AskHigh![i]},{s.AskLow![i]},{s.AskClose![i]}\n");
            else sb.Append(Inv, $"{s.Open[i]},{s.High[i]},{s.Low[i]},{s.Close[i]}\n");
        }
        return sb.ToString();
    }

    public static MarketDataImporter Importer(string dataDir) =>
        new(BarStore.Open(dataDir), FxCalendar.Default, InstrumentCatalog.Builtin);

    public static BarSeries BidOnly(BarSeries s) =>
        new(s.Symbol, s.Timeframe, s.Time, s.Open, s.High, s.Low, s.Close, new long[s.Count]);
}
