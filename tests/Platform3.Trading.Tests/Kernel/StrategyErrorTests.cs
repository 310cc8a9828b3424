using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Strategies;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Kernel;

/// <summary>
/// A strategy that throws in OnBar stops the run with an error naming the strategy, the handler and the bar's close
/// time, the original exception inside; in the single-feed loop and in the general loop alike.
/// </summary>
public class StrategyErrorTests
{
    private sealed class FailsAt(int bar) : Strategy
    {
        private int _seen;
        public override string Name => "fails";
        public override void OnStart()
        {
            foreach (var i in Context.Universe) Context.Subscribe(i, Context.Timeframe);
        }
        public override void OnBar(in BarEvent e)
        {
            if (++_seen == bar) throw new InvalidOperationException("boom");
        }
    }

    private static MarketDataSet Data(bool twoFeeds)
    {
        var data = new MarketDataSet().AddBars(Bars.EURUSD, RandomBars.Walk(Bars.EURUSD, Timeframe.M1, Bars.T0, 300, 3, 1.1));
        return twoFeeds ? data.AddBars(Bars.USDJPY, RandomBars.Walk(Bars.USDJPY, Timeframe.M1, Bars.T0, 300, 4, 110.0)) : data;
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void The_error_names_the_strategy_the_handler_and_the_time(bool twoFeeds, bool fused)
    {
        var settings = new BacktestSettings { Models = TestModels.Realistic(30m), FusedSingleFeed = fused };
        var ex = Assert.Throws<StrategyException>(() => new BacktestEngine(settings).Run(Data(twoFeeds), new FailsAt(7)));
        var inner = Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal("boom", inner.Message);
        // The 7th bar delivered: with two feeds a step brings two, so it is the 4th step's first bar.
        var close = Bars.T0.AddMinutes(twoFeeds ? 4 : 7);
        Assert.Equal($"strategy fails failed in OnBar at {close:yyyy-MM-dd HH:mm:ss} UTC: boom", ex.Message);
    }
}
