using System.Globalization;
using System.Text.RegularExpressions;
using Platform3.Cli;
using Platform3.Trading.Audit;

namespace Platform3.Cli.Tests.Decisions;

/// <summary>The whole demo on a shortened range: every step runs and the summary's figures are sane.</summary>
public sealed partial class DemoSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-demo-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_demo_trains_backtests_through_the_decision_engine_verifies_the_audit_chain_and_summarises()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["demo", "--months", "1", "--seed", "3", "--data-dir", _dir], o, e);
        var output = o.ToString();
        Assert.True(code == 0, e + output);
        Assert.Matches(@">> Step \d+/\d+: Build features and train", output);
        Assert.Contains("demo-day@champion → version 3", output);
        Assert.Matches(@"\d[\d,]* M5 bars, [\d,]+ decisions \(", output);
        Assert.Contains("audit chain OK", output);

        // The model table: model and the three baselines, metrics in range.
        foreach (var row in new[] { "model (out-of-sample)", "majority (baseline)", "momentum (baseline)", "persistence (baseline)" })
        {
            var m = Regex.Match(output, Regex.Escape(row) + @"\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)");
            Assert.True(m.Success, $"no row '{row}' in:\n{output}");
            var accuracy = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var auc = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var logLoss = double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0.3, 0.7);
            Assert.InRange(auc, 0.3, 0.7);
            Assert.InRange(logLoss, 0.5, 1.5);
        }

        // The trading result: a loss or gain of plausible size, trades, a drawdown within the risk limit's reach.
        var net = NetProfitPattern().Match(output);
        Assert.True(net.Success, output);
        Assert.InRange(double.Parse(net.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture), -20_000, 20_000); // of 100,000
        var trades = Regex.Match(output, @"trades / win rate\s*\|\s*([\d,]+) / ([\d.]+)%");
        Assert.True(trades.Success, output);
        Assert.True(int.Parse(trades.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture) > 0);
        Assert.InRange(double.Parse(trades.Groups[2].Value, CultureInfo.InvariantCulture), 0, 100);
        var dd = Regex.Match(output, @"max drawdown\s*\|\s*([\d.]+)%");
        Assert.True(dd.Success, output);
        var psr = Regex.Match(output, @"PSR / deflated Sharpe\s*\|\s*([\d.]+)% / ([\d.]+)%");
        Assert.True(psr.Success, output);
        Assert.InRange(double.Parse(psr.Groups[1].Value, CultureInfo.InvariantCulture), 0, 100);
        Assert.Contains("ledger identity", output);
        Assert.True(File.Exists(Path.Combine(_dir, "demo", "results", "report.html")));
        Assert.InRange(double.Parse(dd.Groups[1].Value, CultureInfo.InvariantCulture), 0, 16); // the 15% drawdown halt, plus one bar

        var audit = Path.Combine(_dir, "demo", "results", "audit.db");
        Assert.True(AuditVerifier.Verify(audit).Ok);
        Assert.True(File.Exists(Path.Combine(_dir, "demo", "results", "monitoring.jsonl")));
        // A decision from the log can be explained.
        var explain = new StringWriter();
        Assert.Equal(0, CliApp.Run(["audit", "explain", "demo-0000100", "--db", audit], explain, new StringWriter()));
        Assert.Contains("1. Signals", explain.ToString());
    }

    [GeneratedRegex(@"net profit\s*\|\s*(-?[\d,.]+) USD")]
    private static partial Regex NetProfitPattern();
}
