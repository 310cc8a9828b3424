using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Time;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

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

    public static string HistData(BarSeries s) => VendorFiles.HistData(s);

    public static string Fxcm(BarSeries s, bool ask) => VendorFiles.Fxcm(s, ask);

    public static MarketDataImporter Importer(string dataDir) =>
        new(BarStore.Open(dataDir), FxCalendar.Default, InstrumentCatalog.Builtin);

    public static BarSeries BidOnly(BarSeries s) =>
        new(s.Symbol, s.Timeframe, s.Time, s.Open, s.High, s.Low, s.Close, new long[s.Count]);
}
