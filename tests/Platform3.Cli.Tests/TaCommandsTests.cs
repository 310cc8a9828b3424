using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Tests;

/// <summary>`p3 ta` and `p3 patterns` in-process on synthetic data in a temporary data directory.</summary>
public sealed class TaCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "p3-ta-" + Guid.NewGuid().ToString("N")[..10]);

    public TaCommandsTests()
    {
        Directory.CreateDirectory(_dir);
        var (code, _, err) = Run("data", "synth", "--symbols", "EURUSD", "--timeframe", "H1", "--from", "2024-01-01", "--to", "2024-04-01", "--seed", "5");
        Assert.True(code == 0, err);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); }
        catch (IOException) { }
    }

    private string DataDir => Path.Combine(_dir, "data");

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", DataDir], o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("ta")]
    [InlineData("patterns")]
    public void Help_works(string command)
    {
        var (code, output, _) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public void Ta_writes_csv_equal_to_the_engine_and_starts_at_from_with_warmed_up_values()
    {
        var path = Path.Combine(_dir, "out", "ind.csv");
        var (code, output, err) = Run("ta", "--symbol", "EURUSD", "--timeframe", "H1", "--indicators", "rsi(14),macd(12,26,9),bb(20,2)",
            "--from", "2024-02-01", "--out", path);
        Assert.True(code == 0, err);
        Assert.Contains("indicator columns", output);
        var lines = File.ReadAllLines(path);
        Assert.Equal("time_utc,known_at_utc,close,rsi(14),macd(12;26;9).macd,macd(12;26;9).signal,macd(12;26;9).hist,bb(20;2).middle,bb(20;2).upper,bb(20;2).lower,bb(20;2).percentb,bb(20;2).bandwidth", lines[0]);
        Assert.StartsWith("2024-02-01T00:00:00Z,2024-02-01T01:00:00Z,", lines[1]);
        Assert.DoesNotContain(",,", lines[1]); // warm-up came from bars before --from

        // Every value equals the engine's batch result over all stored bars, up to the memory of Wilder's smoothing:
        // the CLI starts 10 × the longest warm-up before --from, so the seed's influence is below 1e-9.
        var bars = BarStore.Open(DataDir).LoadBars("EURUSD", Timeframe.H1);
        var rsi = new Rsi(14).Compute(bars).Values;
        var offset = bars.LowerBound(new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc).Ticks);
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split(',');
            Assert.Equal(rsi[offset + row - 1], double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9);
        }
        Assert.Equal(bars.Count - offset, lines.Length - 1);
    }

    [Fact]
    public void Ta_writes_parquet_and_prints_a_tail_without_out()
    {
        var path = Path.Combine(_dir, "ind.parquet");
        Assert.Equal(0, Run("ta", "--symbol", "EURUSD", "--indicators", "atr(14),donchian(20)", "--out", path).Code);
        Assert.True(new FileInfo(path).Length > 1000);
        var (code, output, _) = Run("ta", "--symbol", "EURUSD", "--indicators", "sma(5)", "--tail", "3");
        Assert.Equal(0, code);
        Assert.Contains("sma(5)", output);
        Assert.Contains("last 3 of", output);
    }

    [Fact]
    public void Ta_list_and_errors()
    {
        var list = Run("ta", "--list");
        Assert.Equal(0, list.Code);
        Assert.Contains("macd(fast=12, slow=26, signal=9", list.Out);
        var bad = Run("ta", "--symbol", "EURUSD", "--indicators", "rsi(14),foo(3)");
        Assert.Equal(1, bad.Code);
        Assert.Contains("Unknown indicator 'foo'", bad.Err);
        var missing = Run("ta", "--symbol", "GBPUSD", "--indicators", "rsi(14)");
        Assert.Equal(2, missing.Code);
        Assert.Contains("no data for GBPUSD", missing.Err);
        Assert.Equal(1, Run("ta", "--symbol", "EURUSD", "--indicators", "rsi(14)", "--out", Path.Combine(_dir, "x.txt")).Code);
    }

    [Fact]
    public void Patterns_lists_detections_with_confirmation_times()
    {
        var (code, output, err) = Run("patterns", "--symbol", "EURUSD", "--timeframe", "H1", "--kinds", "candles,chart,elliott", "--limit", "0");
        Assert.True(code == 0, err);
        Assert.Contains("detections", output);
        Assert.Contains("confirmed (UTC)", output);
        Assert.Contains("candles", output);
        var bars = BarStore.Open(DataDir).LoadBars("EURUSD", Timeframe.H1);
        var events = PatternScan.Run(bars, PatternKinds.All, Engines.TechnicalAnalysis.ChartPatterns.ZigZagSettings.ByAtr(3));
        Assert.Contains($"{events.Count} detections", output);
        Assert.All(events, e => Assert.True(e.ConfirmTime > e.EndTime));
        Assert.Equal(1, Run("patterns", "--symbol", "EURUSD", "--kinds", "waves").Code);
        Assert.Equal(1, Run("patterns", "--symbol", "EURUSD", "--zigzag", "-2%").Code);
    }
}
