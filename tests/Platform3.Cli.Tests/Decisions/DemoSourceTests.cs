using System.Text.RegularExpressions;
using Platform3.MarketData.Synthetic;
using Platform3.Tests.Shared;

namespace Platform3.Cli.Tests.Decisions;

/// <summary><c>p3 demo --source histdata</c>: the same demo on the user's HistData files instead of a synthetic market.</summary>
public sealed class DemoSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-demo-source-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", Path.Combine(_dir, "data")], o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>HistData-layout files written from a seeded synthetic market, split in two monthly files per pair as HistData ships them.</summary>
    private string WriteHistDataFolder()
    {
        var folder = Path.Combine(_dir, "histdata");
        foreach (var (symbol, seed) in new[] { ("EURUSD", 5), ("USDJPY", 6) })
        {
            var sub = Directory.CreateDirectory(Path.Combine(folder, symbol)).FullName;
            var jan = SyntheticMarket.GenerateM1(symbol, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), SynthModel.Regime, seed);
            var feb = SyntheticMarket.GenerateM1(symbol, new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), SynthModel.Regime, seed + 10);
            VendorFiles.Write(Path.Combine(sub, $"DAT_ASCII_{symbol}_M1_202401.csv.gz"), VendorFiles.HistData(jan));
            File.WriteAllText(Path.Combine(sub, $"DAT_ASCII_{symbol}_M1_202402.csv"), VendorFiles.HistData(feb));
        }
        return folder;
    }

    [Fact]
    public void The_demo_runs_end_to_end_on_histdata_files_found_under_the_path()
    {
        var folder = WriteHistDataFolder();
        var (code, output, err) = Run("demo", "--source", "histdata", "--path", folder, "--symbols", "eurusd,USDJPY", "--seed", "4");
        Assert.True(code == 0, err + output);
        Assert.Contains(": Find the HistData M1 files", output);
        Assert.DoesNotContain("Synthesise", output);
        Assert.Contains("DAT_ASCII_EURUSD_M1_202401.csv.gz, DAT_ASCII_EURUSD_M1_202402.csv", output);
        Assert.Matches(@"EURUSD \(histdata\): [\d,]+ bars imported, 0 quarantined", output);
        Assert.Matches(@"USDJPY \(histdata\): [\d,]+ bars imported, 0 quarantined", output);
        // The span comes from the files: the first whole trading day (Sunday 31 Dec 2023 17:00 New York = 22:00 UTC
        // would be before the data, so the demo starts at the close of the first partial day) to the last bar's close.
        var span = Regex.Match(output, @"span covered by every pair: (\S+ \S+) → (\S+ \S+) UTC");
        Assert.True(span.Success, output);
        Assert.Equal("2024-01-01 22:00", span.Groups[1].Value);
        Assert.Equal("2024-03-01 00:00", span.Groups[2].Value); // the last bar, 23:59, closes at midnight
        Assert.Contains("audit chain OK", output);
        Assert.Matches(@"PSR / deflated Sharpe\s*\|", output);
        Assert.True(File.Exists(Path.Combine(_dir, "data", "demo", "results", "report.html")));
    }

    [Theory]
    [InlineData("--source", "parquet")]
    [InlineData("--source", "histdata")]
    [InlineData("--source", "histdata", "--path", "/nonexistent-p3-folder")]
    [InlineData("--symbols", "EURUSD,XXXYYY")]
    public void Bad_demo_options_are_usage_errors_that_say_what_is_expected(params string[] args)
    {
        var (code, _, err) = Run(["demo", .. args]);
        Assert.Equal(1, code);
        Assert.Matches("Valid: synthetic, histdata|needs --path DIR|is not a folder|Known: .*EURUSD", err);
    }

    [Fact]
    public void A_pair_without_files_is_named_with_the_expected_file_pattern()
    {
        var folder = WriteHistDataFolder();
        var (code, _, err) = Run("demo", "--source", "histdata", "--path", folder, "--symbols", "EURUSD,GBPUSD");
        Assert.Equal(1, code);
        Assert.Contains("No HistData M1 file for GBPUSD", err);
        Assert.Contains("DAT_ASCII_GBPUSD_M1_*.csv", err);
    }

    [SkippableFact]
    public void The_real_histdata_folder_is_found_and_imported_without_rejects()
    {
        var fx = SharedData.Require("data/fx");
        var (code, output, err) = Run("demo", "--source", "histdata", "--path", fx, "--symbols", "EURUSD,GBPUSD");
        Assert.True(code == 0, err + output);
        Assert.Contains("DAT_ASCII_EURUSD_M1_2017.csv.gz", output);
        // Every EURUSD year in the folder is imported; the two known bad rows of 2001 are quarantined, not dropped.
        Assert.Matches(@"EURUSD \(histdata\): [\d,]+ bars imported, 2 quarantined", output);
        Assert.Matches(@"GBPUSD \(histdata\): 371,204 bars imported, 0 quarantined", output);
        Assert.Contains("span covered by every pair: 2017-01-02 22:00 → 2017-12-29 21:58 UTC", output);
        Assert.Contains("audit chain OK", output);
    }
}
