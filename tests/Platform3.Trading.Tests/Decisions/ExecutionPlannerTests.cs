using Platform3.Core.Calendar;
using Platform3.Trading.Decisions;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

public class ExecutionPlannerTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 14);

    [Fact]
    public void Market_buy_prices_off_the_ask_with_ATR_stop_and_target_on_the_tick_grid()
    {
        var p = new ExecutionPlanner(DecisionRules.Default, FxCalendar.Default);
        var eur = I("EURUSD");
        var prices = p.PriceOpening(eur, PlanSide.Buy, 1.10000, 1.10012, new MarketContext(0.00123), out _)!.Value;
        Assert.Equal(1.10012, prices.Entry, 10);
        Assert.Equal(1.10012, prices.Reference, 10);
        Assert.Equal(1.09827, prices.StopLoss, 10);   // 1.10012 − 1.5 × 0.00123 = 1.098275 → floored to 1.09827
        Assert.Equal(1.10381, prices.TakeProfit, 10); // 1.10012 + 3 × 0.00123 = 1.10381
        var plan = p.PlanOpening("D-1", eur, PlanSide.Buy, 100_000m, prices, T);
        Assert.Equal(1.09827m, plan.StopLoss);
        Assert.Equal(1.10381m, plan.TakeProfit);
        Assert.Equal([100_000m], plan.Slices);
        Assert.Null(plan.LimitPrice);
    }

    [Fact]
    public void Limit_sell_is_a_better_price_off_the_bid_with_a_timeout()
    {
        var rules = DecisionRules.Default with { OrderType = EntryOrderType.Limit, LimitOffsetPips = 0.5, TimeInForce = PlanTimeInForce.Gtd };
        var p = new ExecutionPlanner(rules, FxCalendar.Default);
        var jpy = I("USDJPY");
        var prices = p.PriceOpening(jpy, PlanSide.Sell, 110.000, 110.012, new MarketContext(0.150), out _)!.Value;
        Assert.Equal(110.005, prices.Entry, 9);
        Assert.Equal(110.000, prices.Reference, 9);
        Assert.True(prices.StopLoss > prices.Entry && prices.TakeProfit < prices.Entry);
        var plan = p.PlanOpening("D-2", jpy, PlanSide.Sell, 50_000m, prices, T);
        Assert.Equal(110.005m, plan.LimitPrice);
        Assert.Equal(TimeSpan.FromMinutes(5), plan.LimitTimeout);
        Assert.Equal(T.AddMinutes(5), plan.ExpiresUtc);
    }

    [Fact]
    public void Levels_place_the_stop_beyond_support_and_fall_back_to_ATR_when_too_far()
    {
        var p = new ExecutionPlanner(DecisionRules.Default with { Stops = StopPlacement.Levels }, FxCalendar.Default);
        var eur = I("EURUSD");
        var near = p.PriceOpening(eur, PlanSide.Buy, 1.1000, 1.1001, new MarketContext(0.0010, Support: 1.0985, Resistance: 1.1030), out _)!.Value;
        Assert.Equal(1.0983, near.StopLoss, 10);   // support − 2 pips
        Assert.Equal(1.1028, near.TakeProfit, 10); // resistance − 2 pips
        Assert.Equal("levels", near.StopMethod);
        var far = p.PriceOpening(eur, PlanSide.Buy, 1.1000, 1.1001, new MarketContext(0.0010, Support: 1.0900), out _)!.Value;
        Assert.Equal(1.0986, far.StopLoss, 10);    // 1.5 ATR: the level is 10 ATRs away
        Assert.Equal("atr (no usable level)", far.StopMethod);
    }

    [Fact]
    public void Large_orders_are_sliced_into_whole_lot_steps_and_DAY_orders_expire_at_the_New_York_close()
    {
        var p = new ExecutionPlanner(DecisionRules.Default with { SliceAboveLots = 20, SliceLots = 7.5m, TimeInForce = PlanTimeInForce.Day }, FxCalendar.Default);
        var eur = I("EURUSD");
        Assert.Equal([750_000m, 750_000m, 750_000m, 50_000m], p.Slice(eur, 2_300_000m));
        Assert.Equal([2_000_000m], p.Slice(eur, 2_000_000m));
        var prices = p.PriceOpening(eur, PlanSide.Buy, 1.1, 1.1001, new MarketContext(0.001), out _)!.Value;
        var plan = p.PlanOpening("D", eur, PlanSide.Buy, 100_000m, prices, T);
        Assert.Equal(Utc(2017, 3, 8, 22), plan.ExpiresUtc);
    }

    [Fact]
    public void No_ATR_means_no_plan_with_a_reason()
    {
        var p = new ExecutionPlanner(DecisionRules.Default, FxCalendar.Default);
        Assert.Null(p.PriceOpening(I("EURUSD"), PlanSide.Buy, 1.1, 1.1001, new MarketContext(double.NaN), out var why));
        Assert.Contains("no ATR", why);
    }
}
