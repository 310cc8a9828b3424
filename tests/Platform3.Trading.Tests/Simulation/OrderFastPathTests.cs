using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>
/// The short ways of the usual order (a market order filled at the next bar's open) must give exactly the result of the
/// general path they stand for: every trade (with MAE/MFE), order, event with its reason, fill, ledger entry, margin event
/// and equity sample, bit for bit (the golden fingerprint), over random order sequences of every kind (the general path's
/// cases), random market-only sequences (the short ways' case), MA-cross, netting and hedging, bid-only and bid/ask bars,
/// tight margins with margin calls and stop-outs, and strategies that act on order events in the middle of a fill.
/// </summary>
public class OrderFastPathTests
{
    /// <summary>Every short way of the order path off: the general path.</summary>
    private static BacktestSettings General(BacktestSettings s) => s with { WalkFinishShortcut = false, OrderMemoShortcut = false, DirectOrderEvents = false };

    private static (string On, string Off, BacktestResult OnResult, BacktestResult OffResult) Both(MarketDataSet data, BacktestSettings settings, Func<Strategy> strategy,
        Func<StrategyParameters?>? parameters = null)
    {
        var on = new BacktestEngine(settings).Run(data, strategy(), parameters?.Invoke());
        var off = new BacktestEngine(General(settings)).Run(data, strategy(), parameters?.Invoke());
        return (GoldenResultTests.Fingerprint(on), GoldenResultTests.Fingerprint(off), on, off);
    }

    private static MarketDataSet Pairs(int seed, int count, int pairs)
    {
        var data = new MarketDataSet();
        for (var k = 0; k < pairs; k++)
        {
            // The margin-bound tests' pairs and starting prices.
            var i = InstrumentCatalog.Builtin.Get(MarginBoundTests.Symbols[k]);
            data.AddBars(i, RandomBars.Walk(i, Timeframe.M1, Bars.T0, count, seed * 7 + k, MarginBoundTests.Start[k], volPips: 6));
        }
        return data;
    }

    private static MarketDataSet OnePair(Instrument instrument, int seed, bool bidOnly, int count = 4_000) => RandomBars.OnePair(instrument, seed, bidOnly, count);

    private static BacktestSettings Settings(bool hedging, bool tight) => new()
    {
        Models = TestModels.Realistic(tight ? 400m : 100m) with
        {
            Swap = new Trading.Simulation.SwapTable().SetPoints("EURUSD", -6.9m, 1.4m).SetPoints("USDJPY", 3.1m, -9.2m)
                .SetPoints("GBPUSD", -4.2m, 0.8m).SetPoints("EURGBP", -3.5m, 0.6m),
        },
        PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
        InitialBalance = tight ? 1_500m : 50_000m,
    };

    [Property(MaxTest = 12)]
    public Property Random_orders_of_every_kind_give_the_same_result_on_the_short_ways(int seed, bool hedging, bool tight, byte pairs)
    {
        var (on, off, r, o) = Both(Pairs(seed, 2_000, 1 + pairs % 3), Settings(hedging, tight), () => new RandomTrader(seed, activity: 0.4, timeframe: Timeframe.M1));
        return (on == off && o.WalksFinishedQuietly == 0).Label($"on {on}\noff {off}")
            .Classify(r.WalksFinishedQuietly > 0, "walks finished after their first segment")
            .Classify(r.MarginEvents.Count > 0, "with margin events");
    }

    [Property(MaxTest = 16)]
    public Property Random_market_orders_give_the_same_result_on_the_short_ways(int seed, bool hedging, bool tight, bool jpy, bool bidOnly, bool listen)
    {
        var instrument = jpy ? Bars.USDJPY : Bars.EURUSD;
        var (on, off, r, o) = Both(OnePair(instrument, seed, bidOnly), Settings(hedging, tight), () => listen ? new ListeningMarkets(seed) : new RandomMarkets(seed));
        return (on == off && o.WalksFinishedQuietly == 0 && o.DirectMarketOrders == 0 && (listen || r.Orders.Count < 20 || r.DirectMarketOrders > 0))
            .Label($"on {on}\noff {off}\ndirect {r.DirectMarketOrders} of {r.Orders.Count}")
            .Classify(r.WalksFinishedQuietly > 0, "walks finished after their first segment")
            .Classify(r.DirectMarketOrders > 0, "orders recorded directly")
            .Classify(r.MarginEvents.Count > 0, "with margin events");
    }

    [Theory]
    [InlineData(1, false, 100_000, 2)]
    [InlineData(2, true, 100_000, 2)]
    [InlineData(3, true, 1_500, 100)] // stopped out again and again: the margin is rarely proved idle
    public void Ma_cross_gives_the_same_result_on_the_short_ways(int seed, bool bidOnly, int balance, int atLeastOneIn)
    {
        var settings = new BacktestSettings { Models = TestModels.Realistic(100m), InitialBalance = balance };
        var (on, off, r, o) = Both(OnePair(Bars.EURUSD, seed, bidOnly, count: 12_000), settings, () => new MaCrossStrategy(),
            () => StrategyParameters.Parse(["fast=5", "slow=20", "lots=1"]));
        Assert.Equal(off, on);
        Assert.Equal(0, o.WalksFinishedQuietly);
        Assert.Equal(0, o.DirectMarketOrders);
        Assert.True(r.DirectMarketOrders > r.Orders.Count / 2, $"only {r.DirectMarketOrders} of {r.Orders.Count} orders recorded directly");
        Assert.True(r.WalksFinishedQuietly > r.Orders.Count / atLeastOneIn, $"only {r.WalksFinishedQuietly} of {r.Orders.Count} fills finished after the first segment");
    }

    /// <summary>
    /// Market orders only, through every way a strategy places one (Buy, Sell, TargetPosition, a request, a close), with sizes
    /// off the lot grid now and then (rejected). Nobody listens to the orders, so their events are recorded compactly.
    /// </summary>
    private class RandomMarkets(int seed) : Strategy
    {
        private readonly Random _rng = new(seed);
        public override string Name => "random-markets";

        public override void OnStart() => Context.Subscribe(Context.Universe[0], Context.Timeframe);

        public override void OnBar(in BarEvent bar)
        {
            if (_rng.NextDouble() > 0.3) return;
            var i = bar.Instrument;
            var units = 1000m * _rng.Next(1, 60);
            switch (_rng.Next(7))
            {
                case 0: Buy(i, units, _rng.Next(3) == 0 ? "tagged" : null); break;
                case 1: Sell(i, units); break;
                case 2: case 3: TargetPosition(i, (_rng.Next(2) == 0 ? -1 : 1) * units); break;
                case 4: Submit(OrderRequest.Market(i, _rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, units, tag: "req")); break;
                case 5:
                    if (Context.Account.PositionsOf(i) is { Count: > 0 } held) Context.Orders.ClosePosition(held[0]);
                    break;
                default: Buy(i, units + 1); break; // off the lot grid: rejected
            }
        }
    }

    /// <summary>
    /// <see cref="RandomMarkets"/> listening to its orders (so their events are built at once), and now and then placing one
    /// more market order from inside a fill's event.
    /// </summary>
    private sealed class ListeningMarkets(int seed) : RandomMarkets(seed)
    {
        private int _reactions;

        public override void OnOrderEvent(OrderEvent e)
        {
            if (e.Kind != OrderEventKind.Filled || _reactions++ % 5 != 0) return;
            // From inside the fill: one more market order (it fills at the next point of the walk).
            TargetPosition(e.Order.Instrument, 0m);
        }
    }
}
