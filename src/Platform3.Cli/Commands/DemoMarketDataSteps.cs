using System.Globalization;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Quality;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Synthetic;

namespace Platform3.Cli.Commands;

/// <summary>
/// The market-data part of the demo: synthesise a market, write it out as the files traders get from vendors
/// (HistData for EURUSD and USDJPY, FXCM-style bid/ask files for GBPUSD) with a few planted bad rows, import
/// them, resample, check quality, and list the store.
/// </summary>
internal static class DemoMarketDataSteps
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public static readonly Timeframe[] Frames = [Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1, Timeframe.W1];

    public static IReadOnlyList<DemoStep> For(DemoSource source) =>
    [
        source == DemoSource.Synthetic
            ? new("Synthesise a market and write it as vendor files", Synthesise)
            : new("Find the HistData M1 files", FindHistData),
        new("Import the files (UTC, bad rows quarantined)", Import),
        new($"Resample M1 to {string.Join(", ", Frames.Select(f => f.Name))}", Resample),
        new("Check data quality", Quality),
        new("Summary", Summary),
    ];

    private static void Synthesise(DemoContext d)
    {
        var market = new SyntheticMarket(new SynthOptions { Calendar = d.Cli.Calendar, Instruments = d.Cli.Instruments });
        var series = market.M1(d.Symbols, d.FromUtc, d.ToUtc, SynthModel.Regime, d.Seed);
        var dir = Path.Combine(d.DemoDir, "sources");
        Directory.CreateDirectory(dir);
        var files = new List<(string Symbol, ImportFormat Format, string File)>();
        foreach (var s in series)
        {
            if (s.Symbol == "GBPUSD")
            {
                var bid = VendorFiles.Write(Path.Combine(dir, "fxcm-gbpusd-m1-bid.csv.gz"), VendorFiles.Fxcm(s, ask: false));
                VendorFiles.Write(Path.Combine(dir, "fxcm-gbpusd-m1-ask.csv.gz"), VendorFiles.Fxcm(s, ask: true));
                files.Add((s.Symbol, ImportFormat.BidAsk, bid));
            }
            else
            {
                var path = VendorFiles.Write(Path.Combine(dir, $"DAT_ASCII_{s.Symbol}_M1_demo.csv.gz"),
                    VendorFiles.HistData(s, (i, line) => WithFaults(s, i, line)));
                files.Add((s.Symbol, ImportFormat.HistData, path));
            }
            d.Out.Line($"   {s.Symbol}: {s.Count:N0} M1 bid/ask bars, {s.Close[0].ToString(Inv)} → {s.Close[^1].ToString(Inv)}");
        }
        d.Out.Line($"   written to {dir} (HistData: New York time, bid only, 3 bad rows planted per file; FXCM: UTC bid and ask files)");
        d.Shared["sources"] = files;
    }

    private static void FindHistData(DemoContext d)
    {
        var files = new List<(string Symbol, ImportFormat Format, string File)>();
        foreach (var symbol in d.Symbols)
        {
            // HistData names its yearly and monthly files DAT_ASCII_EURUSD_M1_2017.csv (often gzipped by the user).
            var found = Directory.EnumerateFiles(d.SourcePath!, $"DAT_ASCII_{symbol}_M1_*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray();
            if (found.Length == 0)
                throw new Core.Errors.UsageException($"No HistData M1 file for {symbol} under {d.SourcePath} (expected DAT_ASCII_{symbol}_M1_*.csv or .csv.gz).");
            foreach (var f in found) files.Add((symbol, ImportFormat.HistData, f));
            d.Out.Line($"   {symbol}: {string.Join(", ", found.Select(Path.GetFileName))}");
        }
        d.Out.Line("   (HistData M1: bid prices, New York local time with DST, converted to UTC on import)");
        d.Shared["sources"] = files;
    }

    /// <summary>
    /// Real files set the demo's span: the stretch every pair covers, from the first whole trading day (17:00 New York)
    /// to the last bar's close.
    /// </summary>
    private static void SpanFromStore(DemoContext d)
    {
        var cal = d.Cli.Calendar;
        var from = DateTime.MinValue;
        var to = DateTime.MaxValue;
        foreach (var symbol in d.Symbols)
        {
            // The store's partition index knows each series' range; no need to read the bars.
            if (d.Store.Info(symbol, Timeframe.M1) is not { FirstUtc: { } first, LastUtc: { } last })
                throw new Core.Errors.DataException($"No {symbol} M1 bars were imported from {d.SourcePath}.");
            if (from < first) from = first;
            var end = last.AddMinutes(1);
            if (end < to) to = end;
        }
        var firstDay = cal.TradingDayOf(from);
        if (cal.TradingDayStartUtc(firstDay) != from) from = cal.TradingDayEndUtc(firstDay);
        if (to - from < TimeSpan.FromDays(28))
            throw new Core.Errors.UsageException($"The HistData files cover only {from:yyyy-MM-dd} → {to:yyyy-MM-dd} for all of {string.Join(", ", d.Symbols)}; the demo needs at least four weeks.");
        d.FromUtc = from;
        d.ToUtc = to;
        d.Out.Line($"   span covered by every pair: {from:yyyy-MM-dd HH:mm} → {to:yyyy-MM-dd HH:mm} UTC");
    }

    private static void Import(DemoContext d)
    {
        var importer = new MarketDataImporter(d.Store, d.Cli.Calendar, d.Cli.Instruments);
        var reports = new List<ImportReport>();
        var sources = (List<(string Symbol, ImportFormat Format, string File)>)d.Shared["sources"];
        foreach (var group in sources.GroupBy(x => (x.Symbol, x.Format)))
        {
            var (symbol, format) = group.Key;
            var r = importer.Import(new ImportRequest { Format = format, Symbol = symbol, Files = [.. group.Select(x => x.File)] });
            reports.Add(r);
            d.Out.Line($"   {symbol} ({ImportFormats.Name(format)}): {r.Accepted:N0} bars imported, {r.Rejected} quarantined" +
                       (r.Rejected > 0 ? $" ({string.Join(", ", r.Quarantine.CountsByKind.Select(k => $"{k.Key}: {k.Value}"))})" : "") +
                       (r.Crossed > 0 ? $", {r.Crossed} crossed quotes" : ""));
            foreach (var q in r.Quarantine.Rows.OrderBy(q => q.Line).Take(3)) d.Out.Line($"      line {q.Line}: {q.Reason}");
        }
        d.Shared["import.reports"] = reports;
        if (d.Source == DemoSource.HistData) SpanFromStore(d);
    }

    private static void Resample(DemoContext d)
    {
        foreach (var symbol in d.Symbols)
        {
            var m1 = d.Store.LoadBars(symbol, Timeframe.M1);
            var counts = new List<string>();
            foreach (var tf in Frames)
            {
                var bars = BarResampler.Resample(m1, tf, d.Cli.Calendar);
                d.Store.WriteBars(bars);
                counts.Add($"{tf} {bars.Count:N0}");
            }
            d.Out.Line($"   {symbol}: M1 {m1.Count:N0} → {string.Join(", ", counts)}");
        }
    }

    private static void Quality(DemoContext d)
    {
        var rows = new List<IReadOnlyList<string>>();
        var reports = ((List<ImportReport>)d.Shared["import.reports"]).ToDictionary(r => r.Symbol);
        foreach (var symbol in d.Symbols)
        {
            var q = DataQuality.Analyze(d.Store.LoadBars(symbol, Timeframe.M1), d.Cli.Calendar);
            rows.Add([symbol, q.Bars.ToString("N0", Inv), reports[symbol].Rejected.ToString(Inv), q.Gaps.Count.ToString("N0", Inv),
                q.OhlcViolations.Count.ToString(Inv), q.Crossed.Count.ToString(Inv), q.Spikes.Count.ToString(Inv), q.StaleRuns.Count.ToString(Inv)]);
        }
        d.Out.Table(["Symbol", "M1 bars", "Quarantined", "Gaps", "OHLC", "Crossed", "Spikes", "Stale"], rows);
        d.Out.Line((d.Source == DemoSource.Synthetic ? "   (gaps: the planted bad rows left holes; details: " : "   (details: ") +
                   $"p3 data quality --symbol {d.Symbols[0]} --timeframe M1 --data-dir {d.DemoDir})");
    }

    private static void Summary(DemoContext d)
    {
        DataListCommand.Show(d.Cli, d.Store);
        d.Out.Line($"   Try: p3 data info --symbol {d.Symbols[0]} --timeframe H1 --data-dir {d.DemoDir}");
        d.Out.Line($"        p3 data export --symbol {d.Symbols[^1]} --timeframe H1 --format parquet --out {d.Symbols[^1].ToLowerInvariant()}_h1.parquet --data-dir {d.DemoDir}");
    }

    /// <summary>Three rows broken the way real files break: a bad tick, a negative price, a cut line.</summary>
    private static string WithFaults(BarSeries s, int i, string line)
    {
        var stamp = line[..15];
        if (i == s.Count / 4) return stamp + ";1965.000100;1965.000100;1965.000100;1965.000100;0";
        if (i == s.Count / 2) return stamp + ";-.000100;-.000100;-.000100;-.000100;0";
        if (i == 3 * s.Count / 4) return string.Join(';', line.Split(';')[..3]);
        return line;
    }
}
