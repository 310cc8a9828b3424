using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Backtesting;

/// <summary>
/// The single-feed loop's quiet lane (quiet bars taken with what the broker would look up every bar taken once) must
/// give exactly the result of the regular per-bar path: every trade (with its excursions), order, event, fill, ledger
/// entry, margin event and equity sample. Random orders of every type (which leave the lane whenever an order works or
/// a fill, swap or margin event changes the account), strategies on the feed's bars and on aggregated ones, bid-only bars with the session or fixed spread model or with a
/// spread column, bid/ask bars, a pair not quoted in the account currency, hedging, rollovers, margin calls and
/// stop-outs, timers, and models the lane does not take (a volatility slippage model that also observes bars).
/// </summary>
public class QuietLaneTests
{
    /// <summary>Random-walk M1 bars: bid/ask (mode 0), bid-only with the spread from the model (1), bid-only with a spread column (2).</summary>
    private static MarketDataSet Data(Instrument instrument, int seed, int mode, int count = 6_000)
    {
        var walk = RandomBars.Walk(instrument, Timeframe.M1, Bars.T0, count, seed, instrument.Quote == Currency.JPY ? 110.0 : 1.1, volPips: 5);
        if (mode == 0) return new MarketDataSet().AddBars(instrument, walk);
        var b = new BarSeriesBuilder(instrument.Symbol, Timeframe.M1, walk.Count);
        for (var i = 0; i < walk.Count; i++)
        {
            var x = walk[i];
            var bar = new Bar(x.Time, x.Open, x.High, x.Low, x.Close, 1 + i % 37);
            b.Add(mode == 2 ? bar with { Spread = (1 + i % 3) * instrument.TickSizeD * 4 } : bar);
        }
        return new MarketDataSet().AddBars(instrument, b.Build());
    }

    private static SimulationModels Models(decimal leverage, int spread) => spread switch
    {
        0 => TestModels.Realistic(leverage),
        1 => TestModels.Realistic(leverage) with { Spread = FixedSpreadModel.Typical() },
        _ => TestModels.Realistic(leverage) with { Slippage = new VolatilitySlippage(0.2) },
    };

    /// <summary>The run with the lane and without it (fingerprints), and the run with it.</summary>
    private static (string On, string Off, BacktestResult Result) Both(MarketDataSet data, BacktestSettings settings, Func<Strategy> strategy, StrategyParameters? parameters = null)
    {
        BacktestResult Run(BacktestSettings s) =>
            new BacktestEngine(s).Run(data, strategy(), parameters is null ? null : new StrategyParameters(parameters.Values));
        var on = Run(settings);
        return (GoldenResultTests.Fingerprint(on), GoldenResultTests.Fingerprint(Run(settings with { QuietLane = false })), on);
    }

    [Property(MaxTest = 16)]
    public Property Random_orders_give_the_same_result_with_the_quiet_lane(int seed, bool hedging, bool jpy, bool tight, bool calm, bool m5, byte dataMode, byte spreadModel)
    {
        var instrument = jpy ? Bars.USDJPY : Bars.EURUSD;
        var settings = new BacktestSettings
        {
            Models = Models(tight ? 200m : 30m, spreadModel % 3),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = tight ? 2_000m : 50_000m,
        };
        var (on, off, r) = Both(Data(instrument, seed, dataMode % 3), settings, () => new RandomTrader(seed, activity: calm ? 0.01 : 0.15, timeframe: m5 ? Timeframe.M5 : Timeframe.M1));
        return (on == off)
            .Label($"lane {on}\nregular {off}")
            .Classify(r.StepsInQuietLane > 0, "lane used")
            .Classify(r.MarginEvents.Count > 0, "with margin events");
    }

    [Property(MaxTest = 8)]
    public Property Ma_cross_gives_the_same_result_with_the_quiet_lane(int seed, byte dataMode, bool tight, bool hedging, bool m5)
    {
        var settings = new BacktestSettings
        {
            StrategyTimeframe = m5 ? Timeframe.M5 : null,
            Models = Models(100m, 0),
            InitialBalance = tight ? 1_500m : 100_000m,
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
        };
        var (on, off, r) = Both(Data(Bars.EURUSD, seed, dataMode % 3), settings, () => new MaCrossStrategy(),
            StrategyParameters.Parse(["fast=5", "slow=20", "lots=1"]));
        return (on == off && r.StepsInQuietLane > 0).Label($"lane {on}\nregular {off}\nlane steps {r.StepsInQuietLane}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Buy_and_hold_takes_nearly_every_bar_in_the_lane_and_gives_the_same_result(int seed, int dataMode)
    {
        var data = Data(Bars.EURUSD, seed, dataMode, count: 12_000);
        var settings = new BacktestSettings { Models = Models(30m, 0) };
        var (on, off, r) = Both(data, settings, () => new HoldWithTimers());
        Assert.Equal(off, on);
        Assert.True(r.StepsInQuietLane > 11_000, $"only {r.StepsInQuietLane} of 12,000 bars in the lane");
        Assert.NotEqual(0m, r.Costs.Swap); // rollovers came and went
    }

    [Fact]
    public void A_position_near_stop_out_with_timers_gives_the_same_result_with_the_quiet_lane()
    {
        // 200:1 on a small balance: the bands are narrow, bars beyond them leave the lane, margin calls and a stop-out follow.
        var data = Data(Bars.EURUSD, 11, 1, count: 12_000);
        var settings = new BacktestSettings { Models = Models(200m, 0), InitialBalance = 1_000m };
        var (on, off, r) = Both(data, settings, () => new HoldWithTimers(units: 100_000));
        Assert.Equal(off, on);
        Assert.NotEmpty(r.MarginEvents);
        Assert.True(r.StepsInQuietLane > 500, $"only {r.StepsInQuietLane} bars in the lane");
    }

    /// <summary>Buys once (re-buys after a stop-out), and every 97 minutes a timer reads the account.</summary>
    private sealed class HoldWithTimers(long units = 10_000) : Strategy
    {
        private double _seen;
        public override string Name => "hold";

        public override void OnStart()
        {
            foreach (var i in Context.Universe) Context.Subscribe(i, Context.Timeframe);
            Context.Schedule("tick", Context.UtcNow.AddMinutes(97));
        }

        public override void OnBar(in BarEvent bar)
        {
            if (Context.Account.PositionsOf(bar.Instrument).Count == 0 && Context.Orders.OpenOrders().Any() == false) Buy(bar.Instrument, units);
        }

        public override void OnTimer(in TimerEvent timer)
        {
            _seen += Context.Account.EquityD();
            Context.Schedule("tick", timer.Time.AddMinutes(97));
        }
    }
}
