using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;
using static Platform3.Trading.Orders.OrderState;

namespace Platform3.Trading.Tests.Orders;

public class OrderStateMachineTests
{
    private static readonly (OrderState From, OrderState To)[] Legal =
    [
        (Initialized, Submitted), (Initialized, Rejected), (Initialized, Cancelled),
        (Submitted, Accepted), (Submitted, Rejected), (Submitted, Cancelled),
        (Accepted, PartiallyFilled), (Accepted, Filled), (Accepted, Cancelled), (Accepted, Expired),
        (PartiallyFilled, PartiallyFilled), (PartiallyFilled, Filled), (PartiallyFilled, Cancelled), (PartiallyFilled, Expired),
    ];

    [Fact]
    public void Exactly_the_documented_transitions_are_legal()
    {
        foreach (var from in Enum.GetValues<OrderState>())
            foreach (var to in Enum.GetValues<OrderState>())
                Assert.Equal(Legal.Contains((from, to)), OrderStateMachine.CanTransition(from, to));
    }

    [Fact]
    public void Terminal_states_have_no_way_out()
    {
        foreach (var t in new[] { Filled, Cancelled, Rejected, Expired })
        {
            Assert.True(t.IsTerminal());
            foreach (var to in Enum.GetValues<OrderState>()) Assert.False(OrderStateMachine.CanTransition(t, to));
        }
    }

    [Fact]
    public void A_filled_market_order_walks_initialized_submitted_accepted_filled()
    {
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(Bars.EURUSD, OrderSide.Buy, 10_000)));
        var r = Harness.Run(s, Bars.WithSpread(Bars.EURUSD, Timeframe.M1, Bars.T0, 0.0001, (1.1, 1.1, 1.1, 1.1), (1.1, 1.1, 1.1, 1.1)));
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Accepted, OrderEventKind.Filled], r.KindsOf(o!));
        Assert.Equal([Initialized, Submitted, Accepted, Filled], r.OrderEvents.Where(e => e.Order == o).Select(e => e.State));
        Assert.All(r.OrderEvents.Where(e => e.Order == o), e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        // Events are numbered in sequence.
        Assert.Equal(Enumerable.Range(1, r.OrderEvents.Count).Select(i => (long)i), r.OrderEvents.Select(e => e.Sequence));
    }

    [Fact]
    public void Partial_fills_go_through_PartiallyFilled_to_Filled()
    {
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(Bars.EURUSD, OrderSide.Buy, 250_000)));
        var models = Harness.Frictionless() with { Fill = new StandardFillModel(maxUnitsPerBar: 100_000) };
        var r = Harness.Run(s, Bars.Flat(Bars.EURUSD, Timeframe.M1, Bars.T0, 0.0001, 1.1, 1.1001, 1.1002, 1.1003, 1.1004), models);
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Accepted,
            OrderEventKind.PartiallyFilled, OrderEventKind.PartiallyFilled, OrderEventKind.Filled], r.KindsOf(o!));
        Assert.Equal([100_000m, 100_000m, 50_000m], r.FillsOf(o!).Select(f => f.Quantity));
        Assert.Equal([1.1002m, 1.1003m, 1.1004m], r.FillsOf(o!).Select(f => f.Price)); // ask at each next bar's open
        Assert.Equal(250_000m, o!.FilledQuantity);
    }

    [Fact]
    public void Cancel_and_expiry_and_modify_are_events_with_reasons()
    {
        var f = new KernelFixture().Quote("EURUSD", 1.1000, 1.1001);
        var limit = f.Submit(OrderRequest.Limit(Bars.EURUSD, OrderSide.Buy, 10_000, 1.0900m));
        Assert.Equal(Accepted, limit.State);
        Assert.True(f.Kernel.Execution.Modify(limit.Id, limitPrice: 1.0950m));
        Assert.Equal(1.0950m, limit.LimitPrice);
        Assert.True(f.Kernel.Execution.Cancel(limit.Id, "changed my mind"));
        Assert.Equal(Cancelled, limit.State);
        var events = f.Kernel.Execution.Events.Where(e => e.Order == limit).ToArray();
        Assert.Equal([OrderEventKind.Initialized, OrderEventKind.Submitted, OrderEventKind.Accepted, OrderEventKind.Updated, OrderEventKind.Cancelled],
            events.Select(e => e.Kind));
        Assert.Equal("changed my mind", events[^1].Reason);
        Assert.Equal(1.0950m, events[3].LimitPrice);

        // A second cancel and a modify of a dead order are refused with a reason, the state does not move.
        Assert.False(f.Kernel.Execution.Cancel(limit.Id));
        Assert.False(f.Kernel.Execution.Modify(limit.Id, limitPrice: 1.0800m));
        var last = f.Kernel.Execution.Events.Where(e => e.Order == limit).TakeLast(2).ToArray();
        Assert.Equal(OrderEventKind.CancelRejected, last[0].Kind);
        Assert.Equal(RejectReason.OrderNotWorking, last[0].RejectReason);
        Assert.Equal(OrderEventKind.ModifyRejected, last[1].Kind);
        Assert.Equal(RejectReason.OrderNotWorking, last[1].RejectReason);
        Assert.Equal(Cancelled, limit.State);
    }

    [Fact]
    public void Illegal_transitions_throw()
    {
        var f = new KernelFixture().Quote("EURUSD", 1.1000, 1.1001);
        var limit = f.Submit(OrderRequest.Limit(Bars.EURUSD, OrderSide.Buy, 10_000, 1.0900m));
        f.Kernel.Execution.Cancel(limit.Id);
        Assert.Throws<InvalidOperationException>(() => OrderStateMachine.EnsureLegal(limit, OrderEventKind.Filled));
        Assert.Throws<InvalidOperationException>(() => OrderStateMachine.EnsureLegal(limit, OrderEventKind.Accepted));
        Assert.Throws<InvalidOperationException>(() => OrderStateMachine.EnsureLegal(limit, OrderEventKind.Triggered));
    }

    [Fact]
    public void The_engine_s_usual_steps_are_what_the_table_says()
    {
        // ExecutionEngine.Transition takes these without the lookup: each must be legal, lead where the event says, and only Filled end the order.
        foreach (var (from, kind, to) in new[] { (Submitted, OrderEventKind.Accepted, Accepted), (Accepted, OrderEventKind.Filled, Filled), (PartiallyFilled, OrderEventKind.Filled, Filled) })
        {
            Assert.True(OrderStateMachine.CanTransition(from, to));
            Assert.Equal(to, OrderStateMachine.TargetState(kind));
        }
        Assert.False(Accepted.IsTerminal());
        Assert.True(Filled.IsTerminal());
    }
}
