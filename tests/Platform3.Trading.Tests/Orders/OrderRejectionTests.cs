using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Orders;

/// <summary>Every rejection reason, each with an order that triggers it; nothing is ever adjusted.</summary>
public class OrderRejectionTests
{
    private static readonly Instrument Eu = Bars.EURUSD;

    private static KernelFixture Fixture(decimal balance = 100_000m, InstrumentCatalog? catalog = null, PositionMode mode = PositionMode.Netting) =>
        new KernelFixture(catalog, balance, mode: mode).Quote("EURUSD", 1.10000, 1.10010);

    private static void AssertRejected(Order o, RejectReason reason, string fragment)
    {
        Assert.Equal(OrderState.Rejected, o.State);
        Assert.Equal(reason, o.RejectReason);
        Assert.Contains(fragment, o.LastReason, StringComparison.Ordinal);
    }

    public static TheoryData<string, decimal, RejectReason, string> Sizes => new()
    {
        { "zero", 0m, RejectReason.NonPositiveSize, "expected a positive number of units, got 0" },
        { "negative", -10_000m, RejectReason.NonPositiveSize, "got -10000" },
        { "off lot step", 1_500m, RejectReason.SizeOffLotStep, "multiple of the lot step 0.01 lots (1000.00 units), got 1500 units" },
        { "fractional unit", 10_000.5m, RejectReason.SizeOffLotStep, "got 10000.5 units" },
        { "above max", 10_100_000m, RejectReason.SizeAboveMaximum, "101 lots is above the maximum 100" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Bad_sizes_are_rejected_not_rounded(string why, decimal units, RejectReason reason, string message)
    {
        _ = why;
        var f = Fixture();
        var o = f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, units));
        AssertRejected(o, reason, message);
        Assert.Equal(units, o.Quantity);
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Rejected], f.Kernel.Execution.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Size_below_an_instrument_minimum_is_rejected()
    {
        var catalog = new InstrumentCatalog();
        catalog.Add("EURUSD", Currency.EUR, Currency.USD, 0.0001m, 5, 100_000m, 0.01m, 0.10m, 50m);
        var f = new KernelFixture(catalog).Quote("EURUSD", 1.1, 1.1001);
        var o = f.Submit(OrderRequest.Market(catalog.Get("EURUSD"), OrderSide.Buy, 5_000));
        AssertRejected(o, RejectReason.SizeBelowMinimum, "0.05 lots is below the minimum 0.10");
    }

    [Fact]
    public void Prices_off_the_tick_or_not_positive_or_missing_or_unexpected_are_rejected()
    {
        var f = Fixture();
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.100005m)), RejectReason.PriceOffTick, "limit price: 1.100005 is off the tick size 0.00001");
        AssertRejected(f.Submit(OrderRequest.Stop(Eu, OrderSide.Buy, 10_000, 0m)), RejectReason.NonPositivePrice, "stop price: expected a positive price");
        AssertRejected(f.Submit(new OrderRequest { Instrument = Eu, Side = OrderSide.Buy, Quantity = 10_000, Type = OrderType.Limit }),
            RejectReason.MissingPrice, "limit price: required for a Limit order");
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 10_000) with { LimitPrice = 1.1m }),
            RejectReason.UnexpectedPrice, "limit price: a Market order has none");
        AssertRejected(f.Submit(OrderRequest.TrailingStop(Eu, OrderSide.Sell, 10_000, 0.000015m)), RejectReason.PriceOffTick, "trailing offset");
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 10_000).WithBracket(1.0950005m, null)), RejectReason.PriceOffTick, "stop-loss");
    }

    [Fact]
    public void Bracket_children_on_the_wrong_side_are_rejected()
    {
        var f = Fixture();
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m).WithBracket(1.0910m, 1.1m)),
            RejectReason.StopLossWrongSide, "stop-loss: 1.0910 must be below the buy entry 1.09");
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Sell, 10_000, 1.11m).WithBracket(1.1m, 1.09m)),
            RejectReason.StopLossWrongSide, "must be above the sell entry");
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m).WithBracket(1.08m, 1.09m)),
            RejectReason.TakeProfitWrongSide, "take-profit: 1.09 must be above the buy entry 1.09");
        // Market entries are judged against the quote they would take: the ask for a buy (1.10010).
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 10_000).WithBracket(1.1002m, 1.11m)),
            RejectReason.StopLossWrongSide, "below the buy entry 1.1001");
        Assert.Equal(OrderState.Accepted, f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 10_000).WithBracket(1.0990m, 1.1100m)).State);
    }

    [Fact]
    public void Insufficient_margin_is_rejected_by_the_broker()
    {
        // 1:100 leverage, 1,000 USD: 10 lots of EURUSD need about 11,000 USD of margin.
        var f = Fixture(balance: 1_000m);
        var o = f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 1_000_000));
        Assert.Equal(OrderState.Rejected, o.State);
        Assert.Equal(RejectReason.InsufficientMargin, o.RejectReason);
        Assert.Contains("needs 11000.", o.LastReason, StringComparison.Ordinal);
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Rejected],
            f.Kernel.Execution.Events.Where(e => e.Order == o).Select(e => e.Kind));
        Assert.Equal(OrderState.Accepted, f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 50_000)).State);
    }

    [Fact]
    public void Time_in_force_problems_are_rejected()
    {
        var f = Fixture();
        var now = f.Clock.UtcNow;
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m, TimeInForce.Gtd)), RejectReason.InvalidExpiry, "required for a GTD order");
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m, TimeInForce.Day) with { ExpireAt = now.AddHours(1) }),
            RejectReason.InvalidExpiry, "only a GTD order takes an expiry");
        AssertRejected(f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m, TimeInForce.Gtd) with { ExpireAt = now }),
            RejectReason.ExpiryInPast, "is not after the current time");
    }

    [Fact]
    public void Positions_reduce_only_unknown_instruments_and_pre_trade_checks()
    {
        var f = Fixture();
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Sell, 10_000) with { PositionId = 42 }), RejectReason.PositionNotFound, "no open position P42");
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Sell, 10_000) with { ReduceOnly = true }), RejectReason.ReduceOnlyViolation, "no long position on EURUSD");
        AssertRejected(f.Submit(OrderRequest.Market(Bars.GBPUSD, OrderSide.Buy, 10_000)), RejectReason.UnknownInstrument, "GBPUSD has no market data in this run");
        f.Kernel.Execution.AddPreTradeCheck(new MaxSizeCheck(50_000));
        AssertRejected(f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 60_000)), RejectReason.PreTradeCheck, "risk: size 60000 above 50000");
        Assert.Equal(OrderState.Accepted, f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 50_000)).State);
    }

    [Fact]
    public void Invalid_modifies_are_refused_with_a_reason()
    {
        var f = Fixture();
        var market = f.Submit(OrderRequest.Market(Eu, OrderSide.Buy, 10_000));
        var limit = f.Submit(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.09m));
        Assert.False(f.Kernel.Execution.Modify(limit.Id));
        Assert.False(f.Kernel.Execution.Modify(market.Id, limitPrice: 1.1m));
        Assert.False(f.Kernel.Execution.Modify(limit.Id, limitPrice: 1.090001m));
        Assert.False(f.Kernel.Execution.Modify(limit.Id, quantity: 1_234m));
        var rejections = f.Kernel.Execution.Events.Where(e => e.Kind == OrderEventKind.ModifyRejected).ToArray();
        Assert.Equal([RejectReason.InvalidModify, RejectReason.InvalidModify, RejectReason.PriceOffTick, RejectReason.SizeOffLotStep],
            rejections.Select(e => e.RejectReason));
        Assert.Equal(1.09m, limit.LimitPrice);
        Assert.Equal(10_000m, limit.Quantity);
    }

    [Fact]
    public void Every_reject_reason_is_covered_by_a_test_here()
    {
        // Guard: adding a reason without a test (or a code path) should be noticed.
        var covered = new[]
        {
            RejectReason.NonPositiveSize, RejectReason.SizeOffLotStep, RejectReason.SizeBelowMinimum, RejectReason.SizeAboveMaximum,
            RejectReason.PriceOffTick, RejectReason.NonPositivePrice, RejectReason.MissingPrice, RejectReason.UnexpectedPrice,
            RejectReason.StopLossWrongSide, RejectReason.TakeProfitWrongSide, RejectReason.InsufficientMargin, RejectReason.InvalidExpiry,
            RejectReason.ExpiryInPast, RejectReason.PositionNotFound, RejectReason.UnknownInstrument, RejectReason.PreTradeCheck,
            RejectReason.ReduceOnlyViolation, RejectReason.OrderNotWorking, RejectReason.InvalidModify,
        };
        var all = Enum.GetValues<RejectReason>().Where(r => r is not RejectReason.None);
        Assert.Equal(all.OrderBy(r => r), covered.OrderBy(r => r));
    }
}
