using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Import;
using Platform3.MarketData.Synthetic;
using static Platform3.MarketData.Tests.Import.ImportFixtures;

namespace Platform3.MarketData.Tests.Import;

public class HistDataImportTests
{
    private static ImportRequest Request(string file, string symbol = "EURUSD", TimeZoneSpec? tz = null) =>
        new() { Format = ImportFormat.HistData, Symbol = symbol, Files = [file], TimeZone = tz };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_generated_file_imports_back_to_the_same_bars_in_UTC(bool gzip)
    {
        using var dir = new TempDir();
        // Two weeks around the March DST switch, so both offsets occur.
        var bars = BidOnly(SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2024, 3, 4), Bars.Utc(2024, 3, 16), SynthModel.Regime, 4));
        var file = Write(dir.File(gzip ? "DAT_ASCII_EURUSD_M1_2024.csv.gz" : "DAT_ASCII_EURUSD_M1_2024.csv"), HistData(bars), gzip);
        var report = Importer(dir.File("data")).Import(Request(file));
        Assert.Equal(0, report.Rejected);
        Assert.Null(report.QuarantineFile);
        Assert.Equal(bars.Count, report.Accepted);
        Assert.Equal(bars.Count, report.Written.Added);
        Assert.Equal("America/New_York", report.TimeZone);
        Bars.Equal(bars, report.Bars!);
        Bars.Equal(bars, Importer(dir.File("data")).Store.LoadBars("EURUSD", Timeframe.M1));

        var again = Importer(dir.File("data")).Import(Request(file));
        Assert.Equal(0, again.Written.Added);
        Assert.Equal(bars.Count, again.Written.Unchanged);
    }

    [Theory]
    // Weekly opens: 17:00 New York is 22:00 UTC in winter and 21:00 UTC in summer.
    [InlineData("20240107 170000", "2024-01-07 22:00")]
    [InlineData("20240707 170000", "2024-07-07 21:00")]
    // Spring forward, Sunday 10 March 2024 at 02:00 EST → 03:00 EDT.
    [InlineData("20240310 015900", "2024-03-10 06:59")]
    [InlineData("20240310 030000", "2024-03-10 07:00")]
    [InlineData("20240308 165900", "2024-03-08 21:59")]
    [InlineData("20240310 170000", "2024-03-10 21:00")]
    // Fall back, Sunday 3 November 2024 at 02:00 EDT → 01:00 EST; 01:xx happens twice (the earlier is taken).
    [InlineData("20241103 005900", "2024-11-03 04:59")]
    [InlineData("20241103 013000", "2024-11-03 05:30")]
    [InlineData("20241103 020000", "2024-11-03 07:00")]
    [InlineData("20241103 170000", "2024-11-03 22:00")]
    [InlineData("20241101 165900", "2024-11-01 20:59")]
    public void New_York_local_times_map_to_the_right_UTC_instant_across_DST(string local, string utc)
    {
        using var dir = new TempDir();
        var file = Write(dir.File("one.csv"), $"{local};1.100000;1.100100;1.099900;1.100050;0\n");
        var report = Importer(dir.File("data")).Parse(Request(file));
        Assert.Equal(DateTime.ParseExact(utc, "yyyy-MM-dd HH:mm", Inv, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            report.Bars!.TimeAt(0));
    }

    [Fact]
    public void The_zone_can_be_overridden()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("one.csv"), "20240707 170000;1.1;1.1;1.1;1.1;0\n");
        Assert.Equal(Bars.Utc(2024, 7, 7, 17), Importer(dir.File("d")).Parse(Request(file, tz: TimeZoneSpec.Utc)).Bars!.TimeAt(0));
        // HistData's documented (but wrong) convention: fixed EST, UTC-5 all year.
        Assert.Equal(Bars.Utc(2024, 7, 7, 22), Importer(dir.File("d")).Parse(Request(file, tz: TimeZoneSpec.Parse("UTC-5"))).Bars!.TimeAt(0));
    }

    [Fact]
    public void Bad_lines_are_quarantined_with_file_line_and_reason_and_good_lines_imported()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("mixed.csv"),
            "20240102 100000;1.100000;1.100100;1.099900;1.100050;0\n" +
            "20240102 100100;1.100050;1.100200;1.100000;1.100100\n" +          // 2: 5 fields
            "20240102 100200;1.100100;abc;1.100000;1.100100;0\n" +              // 3: not a number
            "20240231 100300;1.100100;1.100200;1.100000;1.100100;0\n" +         // 4: 31 February
            "\n" +                                                              // 5: blank
            "20240102 100400;1.100100;1.100050;1.100000;1.100100;0\n" +         // 6: high below close
            "20240102 100500;-.000100;-.000100;-.000100;-.000100;0\n" +         // 7: negative
            "20240102 100600;1.100100;1.100200;1.100000;1.100150;0\n" +
            "20240102 100600;1.100100;1.100300;1.100000;1.100150;0\n" +         // 9: duplicate timestamp
            "20240102 100700;1.100150;1.100200;1.100100;1.100180;0");           // no trailing newline
        var importer = Importer(dir.File("data"));
        var report = importer.Import(Request(file));
        Assert.Equal(9, report.LinesRead);
        Assert.Equal(3, report.Accepted);
        Assert.Equal(6, report.Rejected);
        Assert.Equal(1, report.Duplicates);
        var byLine = report.Quarantine.Rows.ToDictionary(r => r.Line);
        Assert.Equal([2, 3, 4, 6, 7, 9], byLine.Keys.Order());
        Assert.StartsWith("wrong field count: expected 6 fields separated by ';', got 5", byLine[2].Reason);
        Assert.StartsWith("non-numeric high", byLine[3].Reason);
        Assert.Contains("'abc'", byLine[3].Reason);
        Assert.StartsWith("impossible date/time: '20240231 100300'", byLine[4].Reason);
        Assert.StartsWith("OHLC inconsistent: high 1.10005 below max(open, close) 1.1001", byLine[6].Reason);
        Assert.StartsWith("non-positive price: open -0.0001", byLine[7].Reason);
        Assert.StartsWith("duplicate timestamp: 2024-01-02 15:06:00 UTC already given at line 8", byLine[9].Reason);
        Assert.Equal("20240102 100600;1.100100;1.100300;1.100000;1.100150;0", byLine[9].Raw);
        Assert.All(report.Quarantine.Rows, r => Assert.Equal(file, r.SourceFile));

        // The side file lists them all, with the raw line.
        Assert.NotNull(report.QuarantineFile);
        var lines = File.ReadAllLines(report.QuarantineFile!);
        Assert.Equal("source_file,line,reason,raw_line", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(file + ",3,", StringComparison.Ordinal) && l.EndsWith(",20240102 100200;1.100100;abc;1.100000;1.100100;0", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_out_of_order_are_sorted_and_counted()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("unsorted.csv"),
            "20240102 100200;1.13;1.13;1.13;1.13;0\n20240102 100000;1.11;1.11;1.11;1.11;0\n20240102 100100;1.12;1.12;1.12;1.12;0\n");
        var report = Importer(dir.File("data")).Parse(Request(file));
        Assert.Equal(2, report.Reordered);
        Assert.Equal([1.11, 1.12, 1.13], report.Bars!.Close);
    }

    [Fact]
    public void An_isolated_spike_is_quarantined_but_a_lasting_jump_is_kept()
    {
        using var dir = new TempDir();
        var lines = new List<string>();
        for (var m = 0; m < 10; m++)
        {
            var price = m switch { 4 => "1965.000100", >= 7 => "0.950000", _ => "0.848600" }; // 4: bad tick; 7+: a 12% move that stays
            lines.Add($"20010607 23{30 + m:D2}00;{price};{price};{price};{price};0");
        }
        var report = Importer(dir.File("data")).Parse(Request(Write(dir.File("spike.csv"), string.Join('\n', lines))));
        var bad = Assert.Single(report.Quarantine.Rows);
        Assert.Equal(5, bad.Line);
        Assert.StartsWith("isolated spike: prices up to 1965.0001", bad.Reason);
        Assert.Equal(9, report.Accepted);
        Assert.Equal(0.95, report.Bars!.Close[^1]);
    }

    [Fact]
    public void A_bad_first_row_is_caught_against_the_rows_after_it()
    {
        using var dir = new TempDir();
        var text = "20010607 233000;1965.000100;1965.000100;1965.000100;1965.000100;0\n" +
                   string.Join('\n', Enumerable.Range(1, 5).Select(m => $"20010607 23{30 + m:D2}00;0.848600;0.848700;0.848500;0.848600;0"));
        var report = Importer(dir.File("data")).Parse(Request(Write(dir.File("first.csv"), text)));
        Assert.Equal(1, Assert.Single(report.Quarantine.Rows).Line);
        Assert.Equal(5, report.Accepted);
    }

    [Fact]
    public void An_empty_file_is_an_error_naming_the_file()
    {
        using var dir = new TempDir();
        var file = Write(dir.File("empty.csv"), "");
        var ex = Assert.Throws<DataFormatException>(() => Importer(dir.File("data")).Import(Request(file)));
        Assert.Equal(file, ex.File);
        Assert.Contains("empty file", ex.Message);
        Assert.Contains("HistData M1", ex.Message);
        var blank = Write(dir.File("blank.csv"), "\n\n  \n");
        Assert.Contains("blank", Assert.Throws<DataFormatException>(() => Importer(dir.File("data")).Import(Request(blank))).Message);
    }

    [Fact]
    public void A_file_in_another_format_is_refused_early_with_a_guess()
    {
        using var dir = new TempDir();
        var fxcm = Fxcm(SyntheticMarket.GenerateM1("GBPUSD", Bars.Utc(2024, 1, 2), Bars.Utc(2024, 1, 3), SynthModel.RandomWalk, 1), ask: false);
        var file = Write(dir.File("fxcm-gbpusd-m1-bid-2024.csv"), fxcm);
        var ex = Assert.Throws<DataFormatException>(() => Importer(dir.File("data")).Import(Request(file, "GBPUSD")));
        Assert.Equal(1, ex.Line);
        Assert.Contains("HistData M1 layout 'YYYYMMDD HHMMSS;open;high;low;close;volume'", ex.Message);
        Assert.Contains("FXCM-style OHLC CSV", ex.Message);
        Assert.Contains("timestamp,open,high,low,close", ex.Message);
        Assert.False(Directory.Exists(dir.File("data/bars")));
    }

    [Fact]
    public void A_truncated_gzip_is_detected_with_a_clear_message()
    {
        using var dir = new TempDir();
        var bars = BidOnly(SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2024, 3, 4), Bars.Utc(2024, 3, 9), SynthModel.RandomWalk, 4));
        var full = Write(dir.File("full.csv.gz"), HistData(bars), gzip: true);
        var bytes = File.ReadAllBytes(full);
        var cut = dir.File("cut.csv.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var ex = Assert.Throws<DataException>(() => Importer(dir.File("data")).Import(Request(cut)));
        Assert.Contains(cut, ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.False(Directory.Exists(dir.File("data/bars")));
        // And a damaged header byte.
        bytes[3] ^= 0xFF;
        File.WriteAllBytes(cut, bytes);
        Assert.Contains(cut, Assert.Throws<DataException>(() => Importer(dir.File("data")).Import(Request(cut))).Message);
    }

    [Fact]
    public void Unknown_symbols_and_formats_list_the_valid_ones()
    {
        Assert.Contains("EURUSD", Assert.Throws<UsageException>(() => Importer(Path.GetTempPath()).Parse(Request("x.csv", "EURXXX"))).Message);
        Assert.Contains("histdata-tick", Assert.Throws<UsageException>(() => ImportFormats.Parse("xls")).Message);
    }
}
