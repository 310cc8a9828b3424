using System.Text;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Import;
using Platform3.MarketData.Import.Formats;
using Platform3.MarketData.Synthetic;
using static Platform3.MarketData.Tests.Import.ImportFixtures;

namespace Platform3.MarketData.Tests.Import;

public class FormatImportTests
{
    private static readonly BarSeries Day = SyntheticMarket.GenerateM1("USDJPY", Bars.Utc(2024, 5, 6, 9), Bars.Utc(2024, 5, 6, 13), SynthModel.Regime, 21);

    [Fact]
    public void HistData_ticks_import_in_New_York_time()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("histdata-eurusd-ticks.csv.gz"),
            "20200101 170000065,1.121200,1.121720,0\n20200101 170010447,1.121200,1.121920,0\n20200101 170010447,1.121170,1.121610,0\n", gzip: true);
        var report = Importer(dir.File("data")).Import(new ImportRequest { Format = ImportFormat.HistDataTick, Symbol = "EURUSD", Files = [file] });
        var t = report.Ticks!;
        Assert.Equal(3, t.Count);
        Assert.Equal(new DateTime(2020, 1, 1, 22, 0, 0, 65, DateTimeKind.Utc), new DateTime(t.Time[0], DateTimeKind.Utc));
        Assert.Equal(t.Time[1], t.Time[2]); // same-millisecond ticks are normal and kept
        Assert.Equal([1.1212, 1.1212, 1.12117], t.Bid);
        Assert.Equal(3, BarStoreCount(dir.File("data")));
    }

    private static int BarStoreCount(string dataDir) => Platform3.MarketData.Storage.BarStore.Open(dataDir).LoadTicks("EURUSD").Count;

    [Fact]
    public void Dukascopy_bars_in_GMT_with_day_first_dates()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder("Gmt time,Open,High,Low,Close,Volume\n");
        for (var i = 0; i < Day.Count; i++)
            sb.Append(Inv, $"{Day.TimeAt(i):dd.MM.yyyy HH:mm:ss.fff},{Day.Open[i]},{Day.High[i]},{Day.Low[i]},{Day.Close[i]},{Day.Volume[i]}.25\n");
        var report = Importer(dir.File("data")).Import(new ImportRequest
        { Format = ImportFormat.Dukascopy, Symbol = "USDJPY", Files = [Write(dir.File("USDJPY_Candlestick_1_M_BID.csv"), sb.ToString())] });
        Assert.Equal(0, report.Rejected);
        Assert.Equal("UTC", report.TimeZone);
        var expected = new BarSeries("USDJPY", Timeframe.M1, Day.Time, Day.Open, Day.High, Day.Low, Day.Close, Day.Volume);
        Bars.Equal(expected, report.Bars!);
    }

    [Fact]
    public void Dukascopy_local_time_exports_carry_their_offset()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("duka.csv"), "Local time,Open,High,Low,Close,Volume\n06.05.2024 12:00:00.000 GMT+0300,153.9,154.0,153.8,153.95,12\n");
        var report = Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Dukascopy, Symbol = "USDJPY", Files = [file] });
        Assert.Equal(Bars.Utc(2024, 5, 6, 9), report.Bars!.TimeAt(0));
    }

    [Fact]
    public void Dukascopy_ticks_are_recognised_from_the_header()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("ticks.csv"), "Gmt time,Ask,Bid,AskVolume,BidVolume\n06.05.2024 09:00:00.120,153.912,153.905,1.5,2.25\n06.05.2024 09:00:00.480,153.913,153.906,0.75,1\n");
        var report = Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Dukascopy, Symbol = "USDJPY", Files = [file] });
        var t = report.Ticks!;
        Assert.Equal([153.905, 153.906], t.Bid);
        Assert.Equal([153.912, 153.913], t.Ask);
        Assert.Equal(new DateTime(2024, 5, 6, 9, 0, 0, 480, DateTimeKind.Utc).Ticks, t.Time[1]);
    }

    [Fact]
    public void MetaTrader4_csv_uses_the_server_zone()
    {
        using var dir = new TempDir();
        // A "GMT+2/+3" server: midnight server time is 17:00 New York.
        var file = Write(dir.File("EURUSD1.csv"), "2024.07.08,00:00,1.08200,1.08230,1.08190,1.08210,57\n2024.07.08,00:01,1.08210,1.08240,1.08200,1.08220,31\n");
        var report = Importer(dir.File("data")).Parse(new ImportRequest
        { Format = ImportFormat.MetaTrader, Symbol = "EURUSD", Files = [file], TimeZone = TimeZoneSpec.Parse("nyclose") });
        Assert.Equal(Bars.Utc(2024, 7, 7, 21), report.Bars!.TimeAt(0));
        Assert.Equal([57L, 31L], report.Bars.Volume);
    }

    [Fact]
    public void MetaTrader5_export_reads_spread_points_as_price()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("EURUSD_M1.csv"),
            "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" +
            "2024.07.08\t10:00:00\t1.08200\t1.08230\t1.08190\t1.08210\t57\t0\t7\n" +
            "2024.07.08\t10:01:00\t1.08210\t1.08240\t1.08200\t1.08220\t31\t0\t12\n");
        var report = Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.MetaTrader, Symbol = "EURUSD", Files = [file] });
        var b = report.Bars!;
        Assert.Equal(Bars.Utc(2024, 7, 8, 10), b.TimeAt(0));
        Assert.False(b.HasAsk);
        Assert.Equal(0.00007, b.Spread![0], 12);
        Assert.Equal(0.00012, b.Spread[1], 12);
        Assert.Equal(57, b.Volume[0]);
    }

    [Fact]
    public void Generic_csv_from_options_with_bid_and_ask_columns()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder();
        for (var i = 0; i < Day.Count; i++)
            sb.Append(Inv, $"{Day.TimeAt(i).AddHours(2):MM/dd/yyyy HH:mm};{Day.Open[i]};{Day.High[i]};{Day.Low[i]};{Day.Close[i]};x;{Day.AskOpen![i]};{Day.AskHigh![i]};{Day.AskLow![i]};{Day.AskClose![i]};{Day.Volume[i]}\n");
        var spec = new CsvSpec
        {
            Delimiter = ';',
            Columns = CsvSpec.ParseColumns("time,open,high,low,close,skip,ask_open,ask_high,ask_low,ask_close,volume"),
            Time = TimestampParser.Parse("MM/dd/yyyy HH:mm"),
            TimeZone = TimeZoneSpec.Parse("UTC+2"),
        };
        var report = Importer(dir.File("data")).Import(new ImportRequest
        { Format = ImportFormat.Csv, Symbol = "USDJPY", Files = [Write(dir.File("my.csv"), sb.ToString())], Csv = spec });
        Assert.Equal(0, report.Rejected);
        Bars.Equal(Day, report.Bars!);
    }

    [Fact]
    public void Generic_csv_from_a_yaml_spec_with_unix_times()
    {
        using var dir = new TempDir();
        var yaml = Write(dir.File("spec.yaml"), "kind: ticks\ndelimiter: \"|\"\nheader: true\ncolumns: [time, bid, ask]\ntime_format: unix_ms\n");
        var file = Write(dir.File("ticks.txt"), "ms|b|a\n1715000000123|1.07501|1.07503\n1715000000456|1.07502|1.07504\n");
        var spec = CsvSpec.Load(yaml);
        var report = Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Csv, Symbol = "EURUSD", Files = [file], Csv = spec });
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1715000000456).UtcTicks, report.Ticks!.Time[1]);
        Assert.Equal([1.07503, 1.07504], report.Ticks.Ask);
    }

    [Fact]
    public void A_bad_yaml_spec_reports_every_error_with_its_line()
    {
        using var dir = new TempDir();
        var yaml = Write(dir.File("spec.yaml"), "kind: candles\ncolumns: [time, opn, high]\ntimezone: Mars/Olympus\ncolour: red\n");
        var ex = Assert.ThrowsAny<Exception>(() => CsvSpec.Load(yaml));
        Assert.Contains("kind", ex.Message);
        Assert.Contains("opn", ex.Message);
        Assert.Contains("Mars/Olympus", ex.Message);
        Assert.Contains("colour", ex.Message);
    }

    [Fact]
    public void Csv_header_names_are_mapped_and_unknown_ones_named()
    {
        using var dir = new TempDir();
        var ok = Write(dir.File("ok.csv"), "Date,Time,Open,High,Low,Close,Volume\n2024-05-06,09:00,153.9,154.0,153.8,153.95,12\n");
        var bars = Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Csv, Symbol = "USDJPY", Files = [ok] }).Bars!;
        Assert.Equal(Bars.Utc(2024, 5, 6, 9), bars.TimeAt(0));
        var bad = Write(dir.File("bad.csv"), "when,open,high,low,close\n2024-05-06 09:00,1,1,1,1\n");
        var ex = Assert.Throws<DataFormatException>(() => Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Csv, Symbol = "USDJPY", Files = [bad] }));
        Assert.Equal(1, ex.Line);
        Assert.Contains("when", ex.Message);
    }

    [Fact]
    public void Bid_and_ask_files_merge_crossed_quotes_are_counted_and_unmatched_bars_quarantined()
    {
        using var dir = new TempDir();
        var src = SyntheticMarket.GenerateM1("GBPUSD", Bars.Utc(2024, 2, 1), Bars.Utc(2024, 2, 2), SynthModel.Regime, 8);
        // Cross three quotes the way FXCM data does (ask close below bid close), and drop one ask bar.
        var ac = (double[])src.AskClose!.Clone(); var al = (double[])src.AskLow!.Clone();
        foreach (var i in new[] { 10, 20, 30 }) { ac[i] = src.Close[i] - 0.0001; al[i] = Math.Min(al[i], ac[i]); }
        var withCross = new BarSeries("GBPUSD", Timeframe.M1, src.Time, src.Open, src.High, src.Low, src.Close, src.Volume, src.AskOpen, src.AskHigh, al, ac);
        var askSide = withCross.Range(0, 100);
        var askRest = withCross.Range(101, withCross.Count);
        var bidFile = Write(dir.File("fxcm-gbpusd-m1-bid-2024.csv.gz"), Fxcm(withCross, ask: false), gzip: true);
        Write(dir.File("fxcm-gbpusd-m1-ask-2024.csv.gz"), Fxcm(askSide, ask: true) + Fxcm(askRest, ask: true).Split('\n', 2)[1], gzip: true);
        var report = Importer(dir.File("data")).Import(new ImportRequest { Format = ImportFormat.BidAsk, Symbol = "GBPUSD", Files = [bidFile] });
        Assert.Equal(3, report.Crossed);
        Assert.Equal(src.Count - 1, report.Accepted);
        var unmatched = Assert.Single(report.Quarantine.Rows);
        Assert.Equal(bidFile, unmatched.SourceFile);
        Assert.Equal(102, unmatched.Line); // header + 101 bars before it
        Assert.StartsWith("unmatched bid bar: no ask bar at", unmatched.Reason);
        var stored = Platform3.MarketData.Storage.BarStore.Open(dir.File("data")).LoadBars("GBPUSD", Timeframe.M1);
        Assert.True(stored.HasAsk);
        Assert.Equal(ac[10], stored.AskClose![10]);
        Assert.Equal(src.Close[10], stored.Close[10]);
    }

    [Fact]
    public void Bidask_without_an_ask_file_says_what_to_give()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("prices.csv"), "timestamp,open,high,low,close\n2024-01-02 10:00:00+00:00,1,1,1,1\n");
        Assert.Contains("--ask-file", Assert.Throws<UsageException>(() =>
            Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.BidAsk, Symbol = "EURUSD", Files = [file] })).Message);
    }

    [Theory]
    [InlineData("America/New_York", "2024-07-08 12:00", "2024-07-08 16:00")]
    [InlineData("UTC+2", "2024-07-08 12:00", "2024-07-08 10:00")]
    [InlineData("-05:30", "2024-07-08 12:00", "2024-07-08 17:30")]
    [InlineData("nyclose", "2024-07-08 00:00", "2024-07-07 21:00")]
    [InlineData("nyclose", "2024-01-08 00:00", "2024-01-07 22:00")]
    public void Time_zone_specs_convert_wall_time_to_UTC(string zone, string local, string utc)
    {
        var spec = TimeZoneSpec.Parse(zone);
        var l = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", Inv).Ticks;
        Assert.Equal(DateTime.ParseExact(utc, "yyyy-MM-dd HH:mm", Inv).Ticks, spec.ToUtcTicks(l));
    }

    [Fact]
    public void Unknown_zones_are_usage_errors()
    {
        Assert.Throws<UsageException>(() => TimeZoneSpec.Parse("Mars/Olympus"));
        Assert.Throws<UsageException>(() => TimeZoneSpec.Parse("UTC+99"));
    }

    [Property(MaxTest = 300)]
    public Property Number_parsing_matches_the_framework(decimal d)
    {
        var text = d.ToString(Inv);
        var ok = SpanParse.TryParseDouble(Encoding.ASCII.GetBytes(text), out var v);
        return (ok && v.Equals(double.Parse(text, Inv))).Label(text);
    }
}
