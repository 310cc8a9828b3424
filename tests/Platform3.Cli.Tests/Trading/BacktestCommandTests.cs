using System.Text.Json;

namespace Platform3.Cli.Tests.Trading;

public class BacktestCommandTests
{
    [Fact]
    public void Backtest_on_synthetic_data_writes_an_offline_html_report_and_json()
    {
        var dir = Directory.CreateTempSubdirectory("p3-cli-bt");
        try
        {
            var html = Path.Combine(dir.FullName, "out", "report.html");
            var (code, stdout, stderr) = CliRunner.Run("backtest", "--strategy", "ma-cross", "--symbols", "EURUSD,GBPUSD", "--timeframe", "M15",
                "--from", "2017-01-02", "--to", "2017-01-27", "--param", "fast=10", "--param", "slow=30", "--balance", "100000",
                "--account-currency", "USD", "--source", "synthetic", "--seed", "3", "--sim", CliRunner.SimConfig, "--report", html,
                "--data-dir", dir.FullName);
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains("ledger identity", stdout, StringComparison.Ordinal);
            Assert.Contains("holds", stdout, StringComparison.Ordinal);
            var page = File.ReadAllText(html);
            foreach (var section in new[] { "Statistics", "Equity", "Drawdown (underwater)", "Monthly returns", "Trade distribution", "Trades on price", "Trades" })
                Assert.Contains($"<h2>{section}</h2>", page, StringComparison.Ordinal);
            Assert.Contains("<svg", page, StringComparison.Ordinal);
            // Self-contained: no scripts or stylesheets from anywhere else.
            Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script src", page, StringComparison.Ordinal);

            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(html, ".json")));
            var root = json.RootElement;
            Assert.Equal("EURUSD,GBPUSD", root.GetProperty("run").GetProperty("symbols").GetString());
            Assert.Equal("M15", root.GetProperty("run").GetProperty("strategy_timeframe").GetString());
            Assert.Equal("holds", root.GetProperty("run").GetProperty("ledger_identity").GetString());
            var trades = root.GetProperty("trades").GetArrayLength();
            Assert.True(trades > 5);
            Assert.Equal(trades, root.GetProperty("statistics").GetProperty("trades").GetInt32());
            Assert.True(root.GetProperty("costs").GetProperty("spread").GetDecimal() > 0);
            Assert.True(root.GetProperty("costs").GetProperty("commission").GetDecimal() > 0);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Usage_errors_exit_1_and_name_the_problem()
    {
        var (code, _, err) = CliRunner.Run("backtest", "--strategy", "no-such", "--symbols", "EURUSD", "--source", "synthetic");
        Assert.Equal(1, code);
        Assert.Contains("Unknown strategy 'no-such'. Known strategies:", err, StringComparison.Ordinal);
        Assert.Contains("ma-cross", err, StringComparison.Ordinal);

        (code, _, err) = CliRunner.Run("backtest", "--strategy", "ma-cross", "--symbols", "EURUSD", "--source", "synthetic",
            "--from", "2017-01-02", "--to", "2017-01-06", "--param", "fats=3", "--sim", CliRunner.SimConfig);
        Assert.Equal(1, code);
        Assert.Contains("unknown parameter(s) fats", err, StringComparison.Ordinal);
        Assert.Contains("it takes: allow_short, fast, lots, ma, slow", err, StringComparison.Ordinal);

        (code, _, err) = CliRunner.Run("backtest", "--strategy", "ma-cross", "--symbols", "EURUSD", "--from", "2017-13-01");
        Assert.Equal(1, code);
        Assert.Contains("--from: expected a date as YYYY-MM-DD, got '2017-13-01'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_store_data_is_a_data_error_naming_the_symbol()
    {
        var dir = Directory.CreateTempSubdirectory("p3-cli-empty");
        try
        {
            var (code, _, err) = CliRunner.Run("backtest", "--strategy", "ma-cross", "--symbols", "EURGBP", "--timeframe", "M5",
                "--data-dir", dir.FullName, "--sim", CliRunner.SimConfig);
            Assert.Equal(2, code);
            Assert.Contains("No EURGBP bars at M5 or finer in the store", err, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
    }
}
