using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Kernel;

/// <summary>
/// The strategy context counts its open orders in place (the decision host asks every cycle and on every fill): the
/// count equals counting what <c>OpenOrders</c> lists, for all instruments and per instrument, on every bar of runs
/// with every order type, brackets, OCO pairs, cancels, expiries and fills.
/// </summary>
public class OpenOrderCountTests
{
    [Property(MaxTest = 8)]
    public Property The_open_order_count_equals_counting_the_listing(int seed, bool hedging)
    {
        var data = new MarketDataSet();
        var instruments = new[] { Bars.EURUSD, Bars.USDJPY };
        for (var k = 0; k < instruments.Length; k++)
            data.AddBars(instruments[k], RandomBars.Walk(instruments[k], Timeframe.M1, Bars.T0, 1_500, seed * 3 + k, k == 0 ? 1.1 : 110.0, volPips: 5));
        var trader = new RandomTrader(seed, activity: 0.6);
        new BacktestEngine(new BacktestSettings
        {
            Models = TestModels.Realistic(100m),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = 10_000m,
        }).Run(data, trader);
        return (trader.OrderCountMismatches.Count == 0).Label(string.Join("\n", trader.OrderCountMismatches.Take(5))).Classify(trader.Actions > 50, "active");
    }
}
