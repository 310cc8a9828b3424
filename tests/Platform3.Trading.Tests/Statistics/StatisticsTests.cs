using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Statistics;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Statistics;

public class StatisticsTests
{
    [Fact]
    public void Psr_and_deflated_sharpe_match_values_computed_by_hand()
    {
        // Reference values from Python's statistics.NormalDist with the published formulas.
        Assert.Equal(0.9433458828040169, SharpeInference.Probabilistic(0.1, 0, 253, 0, 3), 12);
        Assert.Equal(0.904943591313607, SharpeInference.Probabilistic(0.08, 0.02, 500, -0.5, 5), 12);
        Assert.Equal(2.5306028932016846, SharpeInference.ExpectedMaxSharpe(100, 1.0), 10);
        Assert.Equal(0.1138151546710174, SharpeInference.ExpectedMaxSharpe(50, 0.0025), 10);
        Assert.Equal(0.4134175077666872, SharpeInference.Deflated(0.1, 253, 0, 3, trials: 50, sharpeVariance: 0.0025), 10);
        // One trial: the deflated Sharpe is the PSR against zero.
        Assert.Equal(SharpeInference.Probabilistic(0.1, 0, 253, 0, 3), SharpeInference.Deflated(0.1, 253, 0, 3, trials: 1), 12);
        // More trials can only make it harder.
        Assert.True(SharpeInference.Deflated(0.1, 253, 0, 3, 10) > SharpeInference.Deflated(0.1, 253, 0, 3, 1000));
    }

    [Fact]
    public void Moments_and_drawdown_by_hand()
    {
        var (mean, sd, skew, kurt) = PerformanceAnalyzer.Moments([1, 2, 3, 4, 10]);
        Assert.Equal(4, mean, 12);
        Assert.Equal(Math.Sqrt(12.5), sd, 12); // Σ(x−4)² = 50, /(n−1)
        // m2 = 10, m3 = (−27 −8 −1 + 0 + 216)/5 = 36, m4 = (81+16+1+0+1296)/5 = 278.8
        Assert.Equal(36 / Math.Pow(10, 1.5), skew, 12);
        Assert.Equal(278.8 / 100, kurt, 12);

        var curve = new EquityCurve(8);
        var t0 = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        double[] e = [100, 120, 90, 130, 80, 100];
        for (var i = 0; i < e.Length; i++) curve.Add(t0.AddDays(i).Ticks, e[i], e[i]);
        var (dd, longest) = PerformanceAnalyzer.Drawdown(curve);
        Assert.Equal(1 - 80.0 / 130, dd, 12);
        Assert.Equal(TimeSpan.FromDays(2), longest); // 130 on day 3, still under at the end (day 5): 2 days; 120→130 took 2 days too
        Assert.Equal([0, 0, 90.0 / 120 - 1, 0, 80.0 / 130 - 1, 100.0 / 130 - 1], PerformanceAnalyzer.Underwater(curve));
    }

    [Fact]
    public void Backtest_statistics_agree_with_the_trades_and_the_ledger()
    {
        var eu = Bars.EURUSD;
        var s = new ScriptedStrategy(Timeframe.H1);
        s.At(2, x => x.Send(OrderRequest.Market(eu, OrderSide.Buy, 100_000)));
        s.At(30, x => x.Send(OrderRequest.Market(eu, OrderSide.Sell, 200_000)));
        s.At(60, x => x.Send(OrderRequest.Market(eu, OrderSide.Buy, 100_000)));
        var bars = RandomBars.Walk(eu, Timeframe.H1, new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), 24 * 20, seed: 5, startPrice: 1.05, volPips: 8);
        var r = Harness.Run(s, bars, Harness.Frictionless() with { Commission = new Platform3.Trading.Simulation.PerMillionCommission(30m) });
        var st = PerformanceAnalyzer.Compute(r);
        Assert.Equal(2, st.Trades);
        Assert.Equal(r.Trades.Sum(t => t.NetPnl) / 2, st.Expectancy, 2);
        Assert.Equal(r.Final.Equity - 100_000m, st.NetProfit);
        Assert.Equal(r.Final.Balance - 100_000m, r.Trades.Sum(t => t.NetPnl)); // flat at the end: all P&L is in trades
        Assert.Equal(r.Costs.Commission, r.Trades.Sum(t => t.Commission));
        // The two trades are back to back (the flip closes one and opens the other at the same fill).
        Assert.Equal(r.Trades[0].ExitTime, r.Trades[1].EntryTime);
        Assert.Equal((r.Trades[1].ExitTime - r.Trades[0].EntryTime) / (r.End - r.Start), st.Exposure, 12);
        Assert.True(st.Observations >= 19);
        Assert.InRange(st.Psr, 0, 1);
    }
}
