using System.Text.Json;

namespace Platform3.Cli.Tests.Trading;

public class ResearchCommandTests
{
    private static readonly string[] Common =
    [
        "--strategy", "ma-cross", "--symbols", "EURUSD", "--timeframe", "M15", "--source", "synthetic", "--seed", "5",
        "--param", "lots=0.1", "--sim", CliRunner.SimConfig,
    ];

    [Fact]
    public void Optimize_prints_the_ranked_table_and_the_trial_count_and_writes_json()
    {
        var dir = Directory.CreateTempSubdirectory("p3-cli-opt");
        try
        {
            var json = Path.Combine(dir.FullName, "opt.json");
            var (code, stdout, stderr) = CliRunner.Run(["optimize", .. Common, "--from", "2017-01-02", "--to", "2017-01-31",
                "--grid", "fast=5,10", "--grid", "slow=20:40:20", "--out", json]);
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("trials: 4 (refused: 0)", stdout, StringComparison.Ordinal);
            Assert.Contains("deflated Sharpe over 4 trials", stdout, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
            Assert.Equal(4, doc.RootElement.GetProperty("trials").GetInt32());
            Assert.Equal(4, doc.RootElement.GetProperty("results").GetArrayLength());
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Walkforward_runs_rolling_windows_and_reports_out_of_sample_statistics()
    {
        var (code, stdout, stderr) = CliRunner.Run(["walkforward", .. Common, "--from", "2017-01-02", "--to", "2017-02-26",
            "--grid", "fast=5,10", "--grid", "slow=30", "--in-sample", "28d", "--out-of-sample", "14d", "--windows", "anchored"]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("walk-forward", stdout, StringComparison.Ordinal);
        Assert.Contains("deflated Sharpe over 4 trials", stdout, StringComparison.Ordinal); // two windows × two combinations
        var (bad, _, err) = CliRunner.Run(["walkforward", .. Common, "--grid", "fast=5", "--in-sample", "ninety"]);
        Assert.Equal(1, bad);
        Assert.Contains("--in-sample: expected a length such as 90d", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookahead_finds_nothing_in_a_causal_strategy()
    {
        var (code, stdout, stderr) = CliRunner.Run(["lookahead", .. Common, "--from", "2017-01-02", "--to", "2017-01-20", "--samples", "4"]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("no lookahead found", stdout, StringComparison.Ordinal);
        Assert.Contains("at 4 cut points", stdout, StringComparison.Ordinal);
    }
}
