using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Backtesting;

/// <summary>
/// The engine's loop for one instrument's bars must give exactly the result of the general multi-feed loop (and of
/// the broker's full path without the quiet-step shortcut): every trade, order, event, fill, ledger entry, margin
/// event and equity sample, on random bars (bid-only through the spread model, or bid/ask) with random orders of
/// every type, bracket-free latency, GTD expiries, swaps over several rollovers, margin calls and stop-outs, in
/// netting and hedging mode, with direct bars, aggregated bars and timers.
/// </summary>
public class SingleFeedLoopTests
{
    private static SimulationModels Models(decimal leverage) =>
        TestModels.Realistic(leverage) with { Latency = new FixedLatencyModel(TimeSpan.FromSeconds(2)) };

    /// <summary>Random-walk M1 bars over about four trading days (three rollovers or more); bid-only ones get their ask from the spread model.</summary>
    private static MarketDataSet Data(Instrument instrument, int seed, bool bidOnly, int count = 6_000) => RandomBars.OnePair(instrument, seed, bidOnly, count);

    /// <summary>Fingerprints of the same run through the single-feed loop, the general loop, and the general loop without the quiet step.</summary>
    private static (string Fused, string General, string Full) ThreeWays(MarketDataSet data, BacktestSettings settings, Func<Strategy> strategy, StrategyParameters? parameters = null)
    {
        string Run(BacktestSettings s) =>
            GoldenResultTests.Fingerprint(new BacktestEngine(s).Run(data, strategy(), parameters is null ? null : new StrategyParameters(parameters.Values)));
        return (Run(settings), Run(settings with { FusedSingleFeed = false }), Run(settings with { FusedSingleFeed = false, QuietStepShortcut = false }));
    }

    [Property(MaxTest = 12)]
    public Property Random_orders_give_the_same_result_in_the_single_feed_loop(int seed, bool hedging, bool bidOnly, bool jpy, bool tight)
    {
        var instrument = jpy ? Bars.USDJPY : Bars.EURUSD;
        var settings = new BacktestSettings
        {
            Models = Models(tight ? 200m : 30m),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            // A small balance at high leverage brings margin calls and stop-outs.
            InitialBalance = tight ? 2_000m : 50_000m,
        };
        var (fused, general, full) = ThreeWays(Data(instrument, seed, bidOnly), settings, () => new RandomTrader(seed, activity: 0.6));
        return (fused == general && general == full)
            .Label($"fused {fused}\ngeneral {general}\nfull {full}")
            .Classify(!fused.Contains(" 0 margin", StringComparison.Ordinal), "with margin events");
    }

    [Property(MaxTest = 8)]
    public Property Ma_cross_gives_the_same_result_in_the_single_feed_loop(int seed, bool bidOnly, bool m5)
    {
        var settings = new BacktestSettings { Models = Models(100m), InitialBalance = 1_500m, StrategyTimeframe = m5 ? Timeframe.M5 : null };
        var (fused, general, full) = ThreeWays(Data(Bars.EURUSD, seed, bidOnly), settings, () => new MaCrossStrategy(),
            StrategyParameters.Parse(["fast=5", "slow=20", "lots=1"]));
        return (fused == general && general == full).Label($"fused {fused}\ngeneral {general}\nfull {full}");
    }

    [Fact]
    public void Timers_and_the_session_strategy_give_the_same_result_in_the_single_feed_loop()
    {
        var settings = new BacktestSettings { Models = Models(30m) };
        var (fused, general, full) = ThreeWays(Data(Bars.EURUSD, 4, bidOnly: true, count: 12_000), settings, () => new LondonBreakoutStrategy(),
            StrategyParameters.Parse(["min_range=1", "max_range=5000", "lots=0.1"]));
        Assert.Equal(general, fused);
        Assert.Equal(full, fused);
        Assert.DoesNotContain("0 trades", fused, StringComparison.Ordinal); // the timers did trade
    }

    [Fact]
    public void The_runs_compared_above_reach_the_margin_rules()
    {
        var settings = new BacktestSettings { Models = Models(200m), InitialBalance = 2_000m };
        var r = new BacktestEngine(settings).Run(Data(Bars.USDJPY, 3, bidOnly: true), new RandomTrader(3, activity: 0.6));
        Assert.NotEmpty(r.MarginEvents);
        Assert.NotEqual(0m, r.Costs.Swap);
    }
}

/// <summary>What models learn from bars (the spread model's and the slippage model's volatility) belongs to one run.</summary>
public class ModelRunStateTests
{
    [Fact]
    public void Runs_sharing_one_set_of_models_give_the_result_of_fresh_models()
    {
        var eu = Bars.EURUSD;
        var b = new BarSeriesBuilder(eu.Symbol, Timeframe.M1, 3_000);
        var walk = RandomBars.Walk(eu, Timeframe.M1, Bars.T0, 3_000, 5, 1.1, volPips: 5);
        for (var i = 0; i < walk.Count; i++) b.Add(new Bar(walk[i].Time, walk[i].Open, walk[i].High, walk[i].Low, walk[i].Close));
        var data = new MarketDataSet().AddBars(eu, b.Build());
        SimulationModels Models() => new()
        {
            Spread = new SessionVolatilitySpreadModel(FixedSpreadModel.Typical(), FxCalendar.Default),
            Slippage = new VolatilitySlippage(0.2),
        };
        string Run(SimulationModels m) => GoldenResultTests.Fingerprint(new BacktestEngine(new BacktestSettings { Models = m })
            .Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=20", "lots=1"])));
        var shared = Models();
        var first = Run(shared);
        var second = Run(shared); // before: started from the volatility the first run had learnt
        Assert.Equal(Run(Models()), first);
        Assert.Equal(first, second);
    }
}
