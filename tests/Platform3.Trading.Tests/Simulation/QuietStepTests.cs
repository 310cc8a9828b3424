using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>
/// The broker's short way for a lone bar in which nothing can happen must give exactly the result of the full
/// path (staging, walk check, quiet step, end of step): every trade, order, event, ledger entry, margin event
/// and equity sample, including runs where margin calls and stop-outs send bars back to the full path.
/// </summary>
public class QuietStepTests
{
    private static SimulationModels Models(decimal leverage) => TestModels.Realistic(leverage);

    private static (string On, string Off) Both(Func<BacktestSettings, BacktestResult> run, BacktestSettings settings) =>
        (GoldenResultTests.Fingerprint(run(settings)), GoldenResultTests.Fingerprint(run(settings with { QuietStepShortcut = false })));

    [Theory]
    [InlineData(1, PositionMode.Netting)]
    [InlineData(2, PositionMode.Hedging)]
    [InlineData(3, PositionMode.Netting)]
    public void Random_orders_with_margin_pressure_give_the_same_result_either_way(int seed, PositionMode mode)
    {
        var i = Bars.USDJPY;
        var data = new MarketDataSet().AddBars(i, RandomBars.Walk(i, Timeframe.M1, Bars.T0, 8_000, seed, 110.0, volPips: 6));
        var settings = new BacktestSettings
        {
            Models = Models(200m) with { Latency = new FixedLatencyModel(TimeSpan.FromSeconds(2)) },
            PositionMode = mode,
            InitialBalance = 2_000m,
        };
        var (on, off) = Both(s => new BacktestEngine(s).Run(data, new RandomTrader(seed, activity: 0.6)), settings);
        Assert.Equal(off, on);
        Assert.Contains("margin", on, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 margin", on, StringComparison.Ordinal); // margin calls and stop-outs happened
    }

    [Fact]
    public void Ma_cross_near_stop_out_gives_the_same_result_either_way()
    {
        var eu = Bars.EURUSD;
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, Bars.T0, 20_000, 7, 1.1, volPips: 4));
        var settings = new BacktestSettings { Models = Models(100m), InitialBalance = 1_200m };
        var (on, off) = Both(s => new BacktestEngine(s).Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"])), settings);
        Assert.Equal(off, on);
        // The run does reach the margin rules (otherwise this would not test the way back to the full path).
        var r = new BacktestEngine(settings).Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"]));
        Assert.NotEmpty(r.MarginEvents);
    }
}
