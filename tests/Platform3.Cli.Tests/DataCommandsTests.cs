using Platform3.Core.Domain;
using Platform3.MarketData.Export;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.Cli.Tests;

/// <summary>The `p3 data` commands run in-process against a temporary data directory.</summary>
public sealed class DataCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "p3-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public DataCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); }
        catch (IOException) { }
    }

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", Path.Combine(_dir, "data")], o, e);
        return (code, o.ToString(), e.ToString());
    }

    private string HistDataFile(string name, DateTime from, DateTime to, string? extraLine = null)
    {
        var s = SyntheticMarket.GenerateM1("EURUSD", from, to, SynthModel.RandomWalk, 3);
        var text = VendorFiles.HistData(s, (i, line) => i == 10 && extraLine is not null ? line + "\n" + extraLine : line);
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data", "import")]
    [InlineData("data", "list")]
    [InlineData("data", "info")]
    [InlineData("data", "quality")]
    [InlineData("data", "resample")]
    [InlineData("data", "export")]
    [InlineData("data", "synth")]
    [InlineData("demo")]
    public void Help_works_everywhere(params string[] command)
    {
        var (code, output, _) = Run([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public void Synth_then_list_info_resample_quality_export()
    {
        var synth = Run("data", "synth", "--symbols", "EURUSD,EURGBP", "--timeframe", "M1", "--from", "2024-03-04", "--to", "2024-03-09", "--seed", "7", "--model", "regime");
        Assert.Equal(0, synth.Code);
        Assert.Contains("EURGBP", synth.Out);

        var list = Run("data", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("EURUSD", list.Out);
        Assert.Contains("2024-03-04 00:00", list.Out);
        Assert.Contains("7,080", list.Out); // Monday 00:00 UTC to the Friday close, 22:00 UTC (EST)

        var resample = Run("data", "resample", "--symbol", "EURUSD", "--from-tf", "M1", "--to-tf", "H1");
        Assert.Equal(0, resample.Code);
        Assert.Contains("7,080 M1 rows → 118 H1 bars", resample.Out);
        Assert.Equal(118, BarStore.Open(Path.Combine(_dir, "data")).LoadBars("EURUSD", Timeframe.H1).Count);

        var info = Run("data", "info", "--symbol", "EURUSD", "--timeframe", "M1");
        Assert.Equal(0, info.Code);
        Assert.Contains("2024.p3b", info.Out);
        Assert.Contains("Gaps inside trading hours: 0", info.Out);

        var quality = Run("data", "quality", "--symbol", "EURUSD", "--timeframe", "M1", "--from", "2024-03-05", "--to", "2024-03-06");
        Assert.Equal(0, quality.Code);
        Assert.Contains("1,440 bars", quality.Out);
        Assert.Contains("crossed", quality.Out);

        var parquet = Path.Combine(_dir, "out", "eurusd_h1.parquet");
        var export = Run("data", "export", "--symbol", "EURUSD", "--timeframe", "H1", "--format", "parquet", "--out", parquet);
        Assert.Equal(0, export.Code);
        Assert.Equal(118, BarExporter.ReadParquet(parquet).Count);
        var csv = Path.Combine(_dir, "out", "eurusd_h1.csv");
        Assert.Equal(0, Run("data", "export", "--symbol", "EURUSD", "--timeframe", "H1", "--format", "csv", "--out", csv).Code);
        Assert.Equal(119, File.ReadAllLines(csv).Length);
    }

    [Fact]
    public void Import_prints_counts_and_quarantines_bad_rows()
    {
        var file = HistDataFile("DAT_ASCII_EURUSD_M1_test.csv", new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 5, 2, 0, 0, DateTimeKind.Utc),
            extraLine: "20240304 191100;1.1;oops;1.1;1.1;0");
        var (code, output, _) = Run("data", "import", "--format", "histdata", "--symbol", "EURUSD", "--file", file);
        Assert.Equal(0, code);
        Assert.Contains("accepted:       120 M1 bars", output);
        Assert.Contains("quarantined:    1 (non-numeric high: 1)", output);
        Assert.Contains("DAT_ASCII_EURUSD_M1_test.csv:12: non-numeric high", output);
        Assert.Contains("quarantine file:", output);
        var again = Run("data", "import", "--format", "histdata", "--symbol", "EURUSD", "--file", file);
        Assert.Contains("0 new, 0 replaced, 120 already stored", again.Out);
    }

    [Fact]
    public void Quality_checks_a_file_without_importing_it()
    {
        var file = HistDataFile("f.csv", new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 5, 1, 0, 0, DateTimeKind.Utc));
        var (code, output, _) = Run("data", "quality", "--format", "histdata", "--symbol", "EURUSD", "--file", file);
        Assert.Equal(0, code);
        Assert.Contains("nothing is imported", output);
        Assert.Contains("60 bars", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data", "bars")));
    }

    [Theory]
    [InlineData(1, "EURUSD", "valid", "data", "info", "--symbol", "EURXXX", "--timeframe", "M1")]
    [InlineData(1, "H4", "timeframe", "data", "info", "--symbol", "EURUSD", "--timeframe", "H2")]
    [InlineData(1, "histdata-tick", "format", "data", "import", "--format", "xls", "--symbol", "EURUSD", "--file", "x")]
    [InlineData(1, "randomwalk", "model", "data", "synth", "--symbols", "EURUSD", "--from", "2024-01-01", "--to", "2024-01-02", "--model", "garch")]
    [InlineData(1, "2024-01-31", "--from", "data", "synth", "--symbols", "EURUSD", "--from", "31/01/2024", "--to", "2024-02-02")]
    [InlineData(2, "no data for EURUSD", "data", "data", "quality", "--symbol", "EURUSD", "--timeframe", "M1")]
    [InlineData(2, "file not found", "missing", "data", "import", "--format", "histdata", "--symbol", "EURUSD", "--file", "/nonexistent/file.csv")]
    public void Errors_exit_with_the_documented_codes_and_say_what_is_valid(int expected, string mustMention, string _, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(expected, code);
        Assert.Contains(mustMention, err);
    }

    [Fact]
    public void A_missing_required_option_is_a_usage_error()
    {
        var (code, _, err) = Run("data", "info", "--symbol", "EURUSD");
        Assert.Equal(1, code);
        Assert.Contains("--timeframe", err);
    }

    [Fact]
    public void A_file_in_the_wrong_format_is_a_data_error_naming_file_and_line()
    {
        var path = Path.Combine(_dir, "fxcm-bid.csv");
        File.WriteAllText(path, "timestamp,open,high,low,close\n2024-01-02 10:00:00+00:00,1.1,1.1,1.1,1.1\n");
        var (code, _, err) = Run("data", "import", "--format", "histdata", "--symbol", "EURUSD", "--file", path);
        Assert.Equal(2, code);
        Assert.Contains(path + ":1:", err);
        Assert.Contains("FXCM", err);
    }

    [Fact]
    public void Demo_runs_its_steps_and_leaves_a_store()
    {
        var (code, output, err) = Run("demo", "--months", "1");
        Assert.True(code == 0, err);
        Assert.Contains(">> Step 1/", output);
        Assert.Contains(": Synthesise", output);
        Assert.Contains(": Summary", output);
        Assert.Contains("EURUSD (histdata):", output);
        Assert.Contains("3 quarantined", output);
        var store = BarStore.Open(Path.Combine(_dir, "data", "demo"));
        Assert.True(store.LoadBars("GBPUSD", Timeframe.H1).HasAsk);
        Assert.NotNull(store.Info("USDJPY", Timeframe.W1));
    }
}
