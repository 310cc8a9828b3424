using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Quality;
using Platform3.Tests.Shared;
using static Platform3.MarketData.Tests.Import.ImportFixtures;

namespace Platform3.MarketData.Tests.Import;

/// <summary>Imports of the real files in ../shared/data/fx (skipped with a reason when that folder is absent).</summary>
public class RealDataImportTests
{
    [SkippableFact]
    public void HistData_EURUSD_2017_imports_with_no_rejected_row()
    {
        var file = SharedData.Require("data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz");
        using var dir = new TempDir();
        var report = Importer(dir.Path).Import(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] });
        Assert.Equal(0, report.Rejected);
        Assert.Equal(371635, report.Accepted);
        // First bar 2017-01-02 02:00 New York (EST) = 07:00 UTC; last 2017-12-29 16:57 EST = 21:57 UTC.
        Assert.Equal(Bars.Utc(2017, 1, 2, 7), report.FirstUtc);
        Assert.Equal(Bars.Utc(2017, 12, 29, 21, 57), report.LastUtc);
        // Every weekly open is 17:00 New York, in winter and in summer: 22:00 or 21:00 UTC.
        var bars = report.Bars!;
        var cal = FxCalendar.Default;
        var opens = Enumerable.Range(1, bars.Count - 1).Where(i => bars.Time[i] - bars.Time[i - 1] > TimeSpan.FromHours(36).Ticks)
            .Select(i => Platform3.Core.Time.FastZone.NewYork.UtcToLocal(bars.TimeAt(i)).TimeOfDay).Distinct().ToList();
        Assert.Equal([TimeSpan.FromHours(17)], opens);
        // SOURCES.md counts 713 intra-week holes of 2–5 minutes and 2 of 5–60 minutes (the longest a 6-minute step):
        // 715 gaps, none over the weekends or the 25 December holiday.
        var quality = DataQuality.Analyze(bars, cal);
        Assert.Equal(715, quality.Gaps.Count);
        Assert.StartsWith("5 bar(s) missing", quality.GapSizes.Longest[0].Detail);
        Assert.Equal(0, quality.ClosedMarket.Count + quality.OhlcViolations.Count + quality.Duplicates.Count);
        Assert.Equal(bars.Count, Platform3.MarketData.Storage.BarStore.Open(dir.Path).LoadBars("EURUSD", Timeframe.M1).Count);
    }

    [SkippableFact]
    public void HistData_EURUSD_2001_quarantines_its_two_known_bad_rows()
    {
        var file = SharedData.Require("data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2001.csv.gz");
        using var dir = new TempDir();
        var report = Importer(dir.Path).Import(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] });
        Assert.Equal(2, report.Rejected);
        var rows = report.Quarantine.Rows.OrderBy(r => r.Line).ToList();
        Assert.StartsWith("20010607 233200;1965.000100", rows[0].Raw);
        Assert.StartsWith("isolated spike", rows[0].Reason);
        Assert.StartsWith("20010911 201200;-.000100", rows[1].Raw);
        Assert.StartsWith("non-positive price", rows[1].Reason);
        Assert.All(rows, r => Assert.Equal(file, r.SourceFile));
        Assert.True(File.Exists(report.QuarantineFile));
        Assert.Equal(3, File.ReadAllLines(report.QuarantineFile!).Length);
        Assert.Equal(report.LinesRead - 2, report.Accepted);
    }

    [SkippableTheory]
    [InlineData("GBPUSD", "data/fx/GBPUSD/fxcm_m1_bidask/fxcm-gbpusd-m1-bid-2012.csv.gz", 30117, 347)]
    [InlineData("USDJPY", "data/fx/USDJPY/fxcm_m1_bidask/fxcm-usdjpy-m1-bid-2013.csv.gz", 28761, 683)]
    public void FXCM_bid_and_ask_files_merge_and_their_crossed_quotes_are_reported(string symbol, string bidFile, int bars, int crossed)
    {
        var file = SharedData.Require(bidFile);
        using var dir = new TempDir();
        var report = Importer(dir.Path).Import(new ImportRequest { Format = ImportFormat.BidAsk, Symbol = symbol, Files = [file] });
        Assert.Equal(0, report.Rejected);
        Assert.Equal(bars, report.Accepted);
        Assert.Equal(crossed, report.Crossed);
        Assert.Equal("UTC", report.TimeZone);
        var stored = Platform3.MarketData.Storage.BarStore.Open(dir.Path).LoadBars(symbol, Timeframe.M1);
        Assert.True(stored.HasAsk);
        var quality = DataQuality.Analyze(stored, FxCalendar.Default);
        Assert.Equal(crossed, quality.Crossed.Count);
    }

    [SkippableFact]
    public void HistData_ticks_import()
    {
        var file = SharedData.Require("data/fx/EURUSD/ticks/histdata-eurusd-ticks-20200101.csv.gz");
        using var dir = new TempDir();
        var report = Importer(dir.Path).Import(new ImportRequest { Format = ImportFormat.HistDataTick, Symbol = "EURUSD", Files = [file] });
        Assert.Equal(0, report.Rejected);
        Assert.True(report.Accepted > 9000);
        Assert.Equal(new DateTime(2020, 1, 1, 22, 0, 0, 65, DateTimeKind.Utc), report.FirstUtc);
    }
}
