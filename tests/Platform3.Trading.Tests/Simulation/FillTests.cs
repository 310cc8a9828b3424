using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>
/// Fills of each order type against hand-built bid/ask bars (ask = bid + 1 pip). Orders are submitted at the
/// close of bar 0 and meet bar 1 first.
/// </summary>
public class FillTests
{
    private const double Pip = 0.0001;
    private static readonly Instrument Eu = Bars.EURUSD;
    private static readonly (double, double, double, double) Flat = (1.1000, 1.1000, 1.1000, 1.1000);

    private static (BacktestResultView R, Order O) RunOne(OrderRequest request, params (double, double, double, double)[] after)
    {
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(request));
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, [Flat, .. after]));
        return (new BacktestResultView(r), o!);
    }

    internal sealed record BacktestResultView(Platform3.Trading.Backtesting.BacktestResult Result)
    {
        public IReadOnlyList<Fill> Fills(Order o) => Result.FillsOf(o);
    }

    [Fact]
    public void Market_buy_fills_at_the_next_ask_open_and_sell_at_the_bid_open()
    {
        var (r, buy) = RunOne(OrderRequest.Market(Eu, OrderSide.Buy, 10_000), (1.1003, 1.1010, 1.1001, 1.1008));
        var f = Assert.Single(r.Fills(buy));
        Assert.Equal(1.1004m, f.Price);
        Assert.Equal(Bars.T0.AddMinutes(1), f.Time); // the next bar's open, not the submitting bar's close price
        Assert.Equal(1.10035m, f.Mid);

        var (r2, sell) = RunOne(OrderRequest.Market(Eu, OrderSide.Sell, 10_000), (1.1003, 1.1010, 1.1001, 1.1008));
        Assert.Equal(1.1003m, Assert.Single(r2.Fills(sell)).Price);
    }

    [Fact]
    public void Buy_limit_fills_at_its_price_when_touched_and_better_after_a_gap()
    {
        // Ask low 1.0991 goes through the limit 1.0998: fill at exactly 1.0998.
        var (r, o) = RunOne(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0998m), (1.1003, 1.1006, 1.0990, 1.1000));
        Assert.Equal(1.0998m, Assert.Single(r.Fills(o)).Price);

        // The bar opens below the limit (ask 1.0986): fill at the open, better than the limit.
        var (r2, o2) = RunOne(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0998m), (1.0985, 1.0999, 1.0980, 1.0990));
        Assert.Equal(1.0986m, Assert.Single(r2.Fills(o2)).Price);

        // Never touched: no fill, still working.
        var (r3, o3) = RunOne(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0990m), (1.1003, 1.1006, 1.0990, 1.1000));
        Assert.Empty(r3.Fills(o3)); // ask low is 1.0991, one pip above the limit
        Assert.Equal(OrderState.Accepted, o3.State);
    }

    [Fact]
    public void Sell_limit_is_judged_on_the_bid()
    {
        var (r, o) = RunOne(OrderRequest.Limit(Eu, OrderSide.Sell, 10_000, 1.1010m), (1.1003, 1.1012, 1.1001, 1.1005));
        Assert.Equal(1.1010m, Assert.Single(r.Fills(o)).Price);
        // Ask reaches 1.1010 but the bid only 1.1009: no fill.
        var (r2, o2) = RunOne(OrderRequest.Limit(Eu, OrderSide.Sell, 10_000, 1.1010m), (1.1003, 1.1009, 1.1001, 1.1005));
        Assert.Empty(r2.Fills(o2));
    }

    [Fact]
    public void Stop_fills_at_the_stop_when_crossed_and_at_the_gap_price_when_jumped()
    {
        var (r, o) = RunOne(OrderRequest.Stop(Eu, OrderSide.Buy, 10_000, 1.1010m), (1.1003, 1.1015, 1.1001, 1.1012));
        Assert.Equal(1.1010m, Assert.Single(r.Fills(o)).Price);

        // Gap up through the buy stop: the first ask after the gap, 1.1021, not the stop (Lean #4545).
        var (r2, o2) = RunOne(OrderRequest.Stop(Eu, OrderSide.Buy, 10_000, 1.1010m), (1.1020, 1.1025, 1.1018, 1.1022));
        Assert.Equal(1.1021m, Assert.Single(r2.Fills(o2)).Price);

        // Gap down through a sell stop: the first bid after the gap.
        var (r3, o3) = RunOne(OrderRequest.Stop(Eu, OrderSide.Sell, 10_000, 1.0990m), (1.0980, 1.0985, 1.0970, 1.0975));
        Assert.Equal(1.0980m, Assert.Single(r3.Fills(o3)).Price);
    }

    [Fact]
    public void Stop_limit_triggers_then_works_as_a_limit()
    {
        // Crossed continuously: triggered at 1.1010, the limit 1.1012 is satisfied at once.
        var (r, o) = RunOne(OrderRequest.StopLimit(Eu, OrderSide.Buy, 10_000, 1.1010m, 1.1012m), (1.1003, 1.1015, 1.1001, 1.1012));
        Assert.Equal(1.1010m, Assert.Single(r.Fills(o)).Price);
        Assert.Contains(OrderEventKind.Triggered, r.Result.KindsOf(o));

        // Gapped above the limit: triggered but not filled; filled at the limit when the ask comes back to it.
        var (r2, o2) = RunOne(OrderRequest.StopLimit(Eu, OrderSide.Buy, 10_000, 1.1010m, 1.1012m),
            (1.1020, 1.1025, 1.1018, 1.1022), (1.1022, 1.1023, 1.1005, 1.1010));
        var f = Assert.Single(r2.Fills(o2));
        Assert.Equal(1.1012m, f.Price);
        Assert.True(f.Time > Bars.T0.AddMinutes(2));
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Accepted, OrderEventKind.Triggered, OrderEventKind.Filled],
            r2.Result.KindsOf(o2));
    }

    [Fact]
    public void Trailing_stop_follows_the_best_bid_and_fills_on_the_retrace()
    {
        var s = new ScriptedStrategy();
        Order? trail = null;
        s.At(0, x =>
        {
            x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 10_000));
            trail = x.Send(OrderRequest.TrailingStop(Eu, OrderSide.Sell, 10_000, 0.0010m));
        });
        // Bar 1: O→L→H→C (low nearer): anchor 1.1000, down to 1.0998 (level 1.0990, safe), up to 1.1030 (level 1.1020), close 1.1025.
        // Bar 2: O→H→L→C (high nearer): high 1.1026 < anchor; falls to 1.1010 through the level 1.1020: filled at 1.1020.
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat,
            (1.1000, 1.1030, 1.0998, 1.1025), (1.1025, 1.1026, 1.1010, 1.1015)));
        var f = Assert.Single(r.FillsOf(trail!));
        Assert.Equal(1.1020m, f.Price);
        Assert.True(f.Time > Bars.T0.AddMinutes(2) && f.Time < Bars.T0.AddMinutes(3));
        Assert.Equal(1.1020m, trail!.StopPrice);
    }

    [Fact]
    public void Bracket_where_both_children_could_fill_in_one_bar_follows_the_nearer_extreme()
    {
        // Entry: market buy at the ask 1.1005; SL 1.0985, TP 1.1025 (20 pips each side).
        static (Order Sl, Order Tp, Platform3.Trading.Backtesting.BacktestResult R) Go((double, double, double, double) decisive)
        {
            var s = new ScriptedStrategy();
            Order? entry = null;
            s.At(0, x => entry = x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 100_000).WithBracket(1.0985m, 1.1025m)));
            var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, (1.1004, 1.1004, 1.1004, 1.1004), (1.1004, 1.1004, 1.1004, 1.1004), decisive));
            var sl = entry!.Children.Single(c => c.Type == OrderType.Stop);
            var tp = entry.Children.Single(c => c.Type == OrderType.Limit);
            return (sl, tp, r);
        }

        // High 25 pips from the open, low 35: the high comes first, so the take-profit wins.
        var (sl, tp, r) = Go((1.1005, 1.1030, 1.0970, 1.1000));
        Assert.Equal(OrderState.Filled, tp.State);
        Assert.Equal(1.1025m, tp.AvgFillPrice);
        Assert.Equal(OrderState.Cancelled, sl.State);
        Assert.Contains("OCO", sl.LastReason, StringComparison.Ordinal);
        Assert.Equal(200m, Assert.Single(r.Trades).GrossPnl);

        // Low 25 pips away, high 35: the low comes first, the stop-loss wins.
        (sl, tp, r) = Go((1.1005, 1.1040, 1.0980, 1.1000));
        Assert.Equal(OrderState.Filled, sl.State);
        Assert.Equal(1.0985m, sl.AvgFillPrice);
        Assert.Equal(OrderState.Cancelled, tp.State);
        Assert.Equal(-200m, Assert.Single(r.Trades).GrossPnl);
    }

    [Fact]
    public void Bracket_children_start_working_at_the_entry_fill_inside_the_same_bar()
    {
        var s = new ScriptedStrategy();
        Order? entry = null;
        s.At(0, x => entry = x.Send(OrderRequest.Limit(Eu, OrderSide.Buy, 100_000, 1.0990m).WithBracket(1.0970m, 1.1010m)));
        // O 1.1000 → L 1.0980 (nearer) → H 1.1015 → C: entry fills on the way down, take-profit on the way up.
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, (1.1000, 1.1015, 1.0980, 1.1012)));
        var tp = entry!.Children.Single(c => c.Type == OrderType.Limit);
        Assert.Equal(1.0990m, entry.AvgFillPrice);
        Assert.Equal(1.1010m, tp.AvgFillPrice);
        Assert.Equal(200m, Assert.Single(r.Trades).GrossPnl);
        var entryFill = r.FillsOf(entry).Single();
        var tpFill = r.FillsOf(tp).Single();
        Assert.True(tpFill.Time > entryFill.Time);
        // Before the entry filled, the children were waiting, not working.
        var kinds = r.KindsOf(tp);
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Accepted, OrderEventKind.Filled], kinds);
    }

    [Fact]
    public void Cancelling_an_unfilled_bracket_entry_cancels_its_children()
    {
        var s = new ScriptedStrategy();
        Order? entry = null;
        s.At(0, x => entry = x.Send(OrderRequest.Limit(Eu, OrderSide.Buy, 100_000, 1.0900m).WithBracket(1.0800m, 1.1000m)));
        s.At(1, x => x.Context.Orders.Cancel(entry!.Id));
        Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, Flat, Flat));
        Assert.Equal(OrderState.Cancelled, entry!.State);
        Assert.All(entry.Children, c =>
        {
            Assert.Equal(OrderState.Cancelled, c.State);
            Assert.Equal("parent cancelled", c.LastReason);
        });
    }

    [Fact]
    public void Closing_the_position_cancels_its_reduce_only_children()
    {
        var s = new ScriptedStrategy();
        Order? entry = null;
        s.At(0, x => entry = x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 100_000).WithBracket(1.0900m, 1.1100m)));
        s.At(2, x => x.Context.Orders.ClosePosition(x.Context.Account.OpenPositions[0]));
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, Flat, Flat, Flat));
        Assert.All(entry!.Children, c => Assert.Equal(OrderState.Cancelled, c.State));
        Assert.Contains(entry.Children, c => c.LastReason!.StartsWith("position P1 closed", StringComparison.Ordinal));
        Assert.Equal(0, r.Final.OpenPositions);
    }

    [Fact]
    public void Oco_group_first_fill_cancels_the_rest()
    {
        var s = new ScriptedStrategy();
        IReadOnlyList<Order>? group = null;
        s.At(0, x => group = x.Context.Orders.SubmitOco(
            OrderRequest.Stop(Eu, OrderSide.Buy, 10_000, 1.1010m),
            OrderRequest.Stop(Eu, OrderSide.Sell, 10_000, 1.0990m)));
        Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, (1.1000, 1.1012, 1.0999, 1.1008), (1.1008, 1.1008, 1.0980, 1.0985)));
        Assert.Equal(OrderState.Filled, group![0].State);
        Assert.Equal(OrderState.Cancelled, group[1].State);
    }

    [Fact]
    public void Ioc_and_fok_get_one_look()
    {
        // IOC limit below the market: not fillable at its first price, cancelled at once.
        var (r, ioc) = RunOne(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0990m, TimeInForce.Ioc), (1.1000, 1.1001, 1.0980, 1.0985));
        Assert.Empty(r.Fills(ioc));
        Assert.Equal(OrderState.Cancelled, ioc.State);
        Assert.Contains("IOC", ioc.LastReason, StringComparison.Ordinal);

        // With at most 100k per bar: IOC 250k fills 100k and cancels the rest; FOK 250k fills nothing.
        var models = Harness.Frictionless() with { Fill = new StandardFillModel(100_000) };
        foreach (var (tif, filled) in new[] { (TimeInForce.Ioc, 100_000m), (TimeInForce.Fok, 0m) })
        {
            var s = new ScriptedStrategy();
            Order? o = null;
            s.At(0, x => o = x.Send(new OrderRequest { Instrument = Eu, Side = OrderSide.Buy, Quantity = 250_000, TimeInForce = tif }));
            Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, Flat, Flat), models);
            Assert.Equal(filled, o!.FilledQuantity);
            Assert.Equal(OrderState.Cancelled, o.State);
        }
    }

    [Fact]
    public void Day_orders_expire_at_the_1700_new_york_close_and_gtd_at_their_time()
    {
        // 16:50 New York on Monday 9 Jan 2017 = 21:50 UTC. DAY ends 17:00 NY = 22:00 UTC.
        var start = new DateTime(2017, 1, 9, 21, 50, 0, DateTimeKind.Utc);
        var s = new ScriptedStrategy();
        Order? day = null, gtd = null;
        s.At(0, x =>
        {
            day = x.Send(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0500m, TimeInForce.Day));
            gtd = x.Send(OrderRequest.Limit(Eu, OrderSide.Buy, 10_000, 1.0500m, TimeInForce.Gtd) with { ExpireAt = start.AddMinutes(25) });
        });
        var bars = Enumerable.Repeat(Flat, 40).ToArray();
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, start, Pip, bars));
        var dayExpiry = r.OrderEvents.Single(e => e.Order == day && e.Kind == OrderEventKind.Expired);
        Assert.Equal(new DateTime(2017, 1, 9, 22, 0, 0, DateTimeKind.Utc), dayExpiry.Time);
        Assert.Equal(new DateTime(2017, 1, 9, 22, 0, 0, DateTimeKind.Utc), day!.ExpireAt);
        Assert.Equal(start.AddMinutes(25), r.OrderEvents.Single(e => e.Order == gtd && e.Kind == OrderEventKind.Expired).Time);
    }

    [Fact]
    public void Latency_delays_activation_and_the_fill_takes_the_path_price_at_that_moment()
    {
        // H1 bars: the path is open (0 min) → first extreme (20 min) → second (40 min) → close (60 min).
        // With 10 min of latency the market buy becomes active halfway to the low: ask (1.1001 + 1.0981) / 2.
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 10_000)));
        var models = Harness.Frictionless() with { Latency = new FixedLatencyModel(TimeSpan.FromMinutes(10)) };
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.H1, Bars.T0, Pip, Flat, (1.1000, 1.1040, 1.0980, 1.1030)), models);
        var f = Assert.Single(r.FillsOf(o!));
        Assert.Equal(1.0991m, f.Price);
        Assert.Equal(Bars.T0.AddHours(1).AddMinutes(10), f.Time);
    }

    [Fact]
    public void Bid_only_bars_get_their_ask_from_the_spread_model()
    {
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 10_000)));
        var r = Harness.Run(s, Bars.Bid(Eu, Timeframe.M1, Bars.T0, Flat, (1.1003, 1.1010, 1.1001, 1.1008)), Harness.Frictionless(spreadPips: 0.8));
        Assert.Equal(1.10038m, Assert.Single(r.FillsOf(o!)).Price); // 1.1003 + 0.8 pip
    }

    [Fact]
    public void Slippage_and_commission_are_charged_and_reported()
    {
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 100_000)));
        var models = Harness.Frictionless() with { Slippage = new FixedSlippage(0.5), Commission = new PerMillionCommission(30m) };
        var r = Harness.Run(s, Bars.WithSpread(Eu, Timeframe.M1, Bars.T0, Pip, Flat, (1.1003, 1.1010, 1.1001, 1.1008)), models);
        var f = Assert.Single(r.FillsOf(o!));
        Assert.Equal(1.10045m, f.Price);          // ask 1.1004 + 0.5 pip against the buyer
        Assert.Equal(1.1004m, f.QuotePrice);
        Assert.Equal(5.00m, f.SlippageCost);       // 0.00005 × 100,000
        Assert.Equal(5.00m, f.SpreadCost);         // half a pip × 100,000
        Assert.Equal(3.30m, f.Commission);         // 100,000 EUR = 110,030 USD at the mid 1.10035 → 30/M = 3.30
        Assert.Equal(-3.30m, r.Ledger.Single(e => e.Kind == Platform3.Trading.Accounting.LedgerEntryKind.Commission).Amount);
    }
}
