using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Orders;

/// <summary>
/// Buy, Sell and TargetPosition send a plain market order through the engine's request-free path. It must do exactly
/// what submitting <see cref="OrderRequest.Market"/> does: the same orders, events, rejections with their reasons and
/// messages, fills, trades and ledger, for valid and invalid sizes alike, in netting and hedging mode.
/// </summary>
public class MarketOrderPathTests
{
    private sealed class MarketTrader(int seed, bool viaRequest) : Strategy
    {
        private readonly Random _rng = new(seed);
        public override string Name => "market";

        public override void OnStart()
        {
            foreach (var i in Context.Universe) Context.Subscribe(i, Timeframe.M1);
        }

        public override void OnBar(in BarEvent bar)
        {
            if (_rng.NextDouble() > 0.4) return;
            var units = _rng.Next(10) switch
            {
                0 => 0m,
                1 => -1000m * _rng.Next(1, 5),
                2 => 1000m * _rng.Next(1, 50) + 0.5m, // off the lot step
                3 => 1_000_000_000m, // above the maximum
                4 => 1000m, // the minimum
                _ => 1000m * _rng.Next(1, 200),
            };
            var tag = _rng.Next(3) == 0 ? null : "t" + _rng.Next(3);
            if (_rng.Next(3) == 0)
            {
                // TargetPosition's request is the same market order: sent the general way here for the reference run.
                var target = (_rng.Next(2) == 0 ? 1 : -1) * 1000m * _rng.Next(0, 100);
                var delta = target - NetPosition(bar.Instrument);
                if (delta == 0) return;
                if (viaRequest) Submit(OrderRequest.Market(bar.Instrument, delta > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(delta), tag));
                else TargetPosition(bar.Instrument, target, tag);
                return;
            }
            var side = _rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            // Now and then a pair the run has no prices for (rejected as unknown).
            var instrument = _rng.Next(15) == 0 ? InstrumentCatalog.Builtin.Get("GBPJPY") : bar.Instrument;
            if (viaRequest) Submit(OrderRequest.Market(instrument, side, units, tag));
            else if (side == OrderSide.Buy) Buy(instrument, units, tag);
            else Sell(instrument, units, tag);
        }
    }

    [Property(MaxTest = 8)]
    public Property Buy_sell_and_target_position_match_submitting_the_market_request(int seed, bool hedging)
    {
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var start = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, start, 1_500, seed, 1.08));
        var settings = new BacktestSettings
        {
            Models = TestModels.Realistic(30m),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = 1_000_000m,
        };
        var reference = new BacktestEngine(settings).Run(data, new MarketTrader(seed, viaRequest: true));
        var direct = new BacktestEngine(settings).Run(data, new MarketTrader(seed, viaRequest: false));
        var rejected = reference.Orders.Count(o => o.State == OrderState.Rejected);
        var reasons = reference.Orders.Select(o => o.RejectReason).Distinct().Count();
        return (rejected > 0 && reasons >= 4 && reference.Trades.Count > 0 &&
                GoldenResultTests.Fingerprint(reference) == GoldenResultTests.Fingerprint(direct)
                && reference.Orders.Select(o => o.LastReason).SequenceEqual(direct.Orders.Select(o => o.LastReason)))
            .Label($"{reference.Orders.Count} orders, {rejected} rejected ({reasons} reasons), {reference.Trades.Count} trades");
    }
}
