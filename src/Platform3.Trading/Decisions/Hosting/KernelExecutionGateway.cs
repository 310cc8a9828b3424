using System.Runtime.CompilerServices;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>
/// Carries execution plans into the kernel's OMS through the hosting strategy's <see cref="IOrderGateway"/>:
/// entries as market or limit orders with a stop-loss/take-profit bracket, exits as reduce-only market orders,
/// every order tagged with its decision id. Slices after the first go out on timers, and a limit that times out
/// unfilled is re-sent at market when the plan says so. The kill switch cancels working orders and flattens here.
/// </summary>
public sealed class KernelExecutionGateway(IStrategyContext context) : IExecutionGateway
{
    private const string SlicePrefix = "decision-slice:";
    private const string TimeoutPrefix = "decision-limit-timeout:";
    private readonly Dictionary<string, (ExecutionPlan Plan, decimal Units)> _pendingSlices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ExecutionPlan Plan, Order Order)> _timeouts = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderId, string> _decisionOf = [];
    private readonly Dictionary<OrderId, ExecutionPlan> _planOf = [];
    private int _timerSeq;

    /// <summary>The decision behind an order of this gateway (bracket children included), if any.</summary>
    public string? DecisionOf(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_decisionOf.TryGetValue(order.Id, out var d)) return d;
        return order.ParentId is { } p && _decisionOf.TryGetValue(p, out var pd) ? pd : null;
    }

    /// <summary>The plan an order was sent for (null for bracket children).</summary>
    public ExecutionPlan? PlanOf(Order order) => order is not null && _planOf.TryGetValue(order.Id, out var p) ? p : null;

    public void Submit(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Send(plan, plan.Slices[0]);
        var due = context.UtcNow;
        for (var i = 1; i < plan.Slices.Count; i++)
        {
            due += plan.SliceInterval;
            var name = $"{SlicePrefix}{plan.DecisionId}:{++_timerSeq}";
            _pendingSlices[name] = (plan, plan.Slices[i]);
            context.Schedule(name, due);
        }
    }

    /// <summary>Handles this gateway's timers; returns false for other timers.</summary>
    public bool OnTimer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_pendingSlices.Remove(name, out var slice))
        {
            Send(slice.Plan, slice.Units);
            return true;
        }
        if (_timeouts.Remove(name, out var t))
        {
            var leaves = t.Order.Quantity - t.Order.FilledQuantity;
            if (t.Order.IsWorking) context.Orders.Cancel(t.Order.Id, "limit timeout");
            if (leaves > 0 && t.Order.State is not OrderState.Rejected)
                Send(t.Plan with { OrderType = EntryOrderType.Market, LimitPrice = null, LimitTimeout = null }, leaves);
            return true;
        }
        return false;
    }

    private void Send(ExecutionPlan plan, decimal units)
    {
        var side = plan.Side == PlanSide.Buy ? OrderSide.Buy : OrderSide.Sell;
        OrderRequest request;
        if (plan.Purpose != PlanPurpose.Open)
            request = OrderRequest.Market(plan.Instrument, side, units, plan.DecisionId) with { ReduceOnly = true };
        else if (plan.OrderType == EntryOrderType.Limit && plan.LimitPrice is { } price)
        {
            var expiry = context.UtcNow + (plan.LimitTimeout ?? TimeSpan.FromMinutes(5));
            request = OrderRequest.Limit(plan.Instrument, side, units, price, TimeInForce.Gtd, plan.DecisionId) with { ExpireAt = expiry };
        }
        else
            request = OrderRequest.Market(plan.Instrument, side, units, plan.DecisionId) with
            {
                TimeInForce = plan.TimeInForce switch
                {
                    PlanTimeInForce.Ioc => TimeInForce.Ioc,
                    PlanTimeInForce.Fok => TimeInForce.Fok,
                    PlanTimeInForce.Day => TimeInForce.Day,
                    PlanTimeInForce.Gtd when plan.ExpiresUtc is not null => TimeInForce.Gtd,
                    _ => TimeInForce.Gtc,
                },
                ExpireAt = plan.TimeInForce == PlanTimeInForce.Gtd ? plan.ExpiresUtc : null,
            };
        if (plan.Purpose == PlanPurpose.Open) request = request.WithBracket(plan.StopLoss, plan.TakeProfit);
        var order = context.Orders.Submit(request);
        _decisionOf[order.Id] = plan.DecisionId;
        _planOf[order.Id] = plan;
        if (request.Type == OrderType.Limit && plan.OnLimitTimeout == LimitTimeoutAction.Market && !order.IsTerminal)
        {
            var name = $"{TimeoutPrefix}{plan.DecisionId}:{++_timerSeq}";
            _timeouts[name] = (plan, order);
            context.Schedule(name, request.ExpireAt!.Value);
        }
    }

    /// <summary>
    /// Cancels the strategy's working entry orders and pending slices. Reduce-only orders (the stop-loss and
    /// take-profit protecting open positions) are kept: halting must not leave a position unprotected.
    /// </summary>
    public void CancelAllWorking(string reason)
    {
        _pendingSlices.Clear();
        _timeouts.Clear();
        foreach (var o in context.Orders.OpenOrders().ToArray())
            if (!o.ReduceOnly) context.Orders.Cancel(o.Id, reason);
    }

    public void FlattenAll(string reason) => context.Orders.Flatten(null, reason);
}
