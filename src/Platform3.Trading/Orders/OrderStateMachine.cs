namespace Platform3.Trading.Orders;

/// <summary>
/// The legal state transitions of an order. Anything else is a bug in the engine or a broker adapter and
/// throws, so an impossible history can never be recorded.
/// </summary>
public static class OrderStateMachine
{
    // Row-major, from × to, indexed by (int)OrderState: one flat array (four checks per market order, a two-dimensional
    // array's indexing cost more than the rest of the check).
    private static readonly int States = Enum.GetValues<OrderState>().Length;
    private static readonly bool[] Allowed = Build();

    private static bool[] Build()
    {
        var a = new bool[States * States];
        void Allow(OrderState from, params OrderState[] to)
        {
            foreach (var t in to) a[(int)from * States + (int)t] = true;
        }
        // Validation happens before submission, so an invalid order is rejected straight from Initialized;
        // a bracket child still waiting for its parent is cancelled from Initialized when the parent dies.
        Allow(OrderState.Initialized, OrderState.Submitted, OrderState.Rejected, OrderState.Cancelled);
        // The venue accepts or rejects; a cancel can overtake the acceptance (with latency).
        Allow(OrderState.Submitted, OrderState.Accepted, OrderState.Rejected, OrderState.Cancelled);
        Allow(OrderState.Accepted, OrderState.PartiallyFilled, OrderState.Filled, OrderState.Cancelled, OrderState.Expired);
        Allow(OrderState.PartiallyFilled, OrderState.PartiallyFilled, OrderState.Filled, OrderState.Cancelled, OrderState.Expired);
        return a;
    }

    public static bool CanTransition(OrderState from, OrderState to) =>
        (uint)from < (uint)States && (uint)to < (uint)States && Allowed[(int)from * States + (int)to];

    /// <summary>The state an event leads to, or null when the event keeps the state (Updated, Triggered, rejections of a modify or cancel).</summary>
    public static OrderState? TargetState(OrderEventKind kind) => kind switch
    {
        OrderEventKind.Initialized => OrderState.Initialized,
        OrderEventKind.Submitted => OrderState.Submitted,
        OrderEventKind.Accepted => OrderState.Accepted,
        OrderEventKind.Rejected => OrderState.Rejected,
        OrderEventKind.PartiallyFilled => OrderState.PartiallyFilled,
        OrderEventKind.Filled => OrderState.Filled,
        OrderEventKind.Cancelled => OrderState.Cancelled,
        OrderEventKind.Expired => OrderState.Expired,
        _ => null,
    };

    /// <summary>Checks that the event is legal in the order's current state; throws otherwise.</summary>
    public static void EnsureLegal(Order order, OrderEventKind kind)
    {
        if (kind == OrderEventKind.Initialized)
        {
            // The creation event: only for a fresh order.
            if (order.State != OrderState.Initialized)
                throw new InvalidOperationException($"Order {order.Id}: already {order.State}, cannot be initialized again.");
            return;
        }
        var target = TargetState(kind);
        if (target is { } to)
        {
            if (!CanTransition(order.State, to))
                throw new InvalidOperationException($"Order {order.Id}: illegal transition {order.State} → {to} ({kind}).");
            return;
        }
        // State-keeping events only make sense on a live order.
        var live = kind switch
        {
            OrderEventKind.ModifyRejected or OrderEventKind.CancelRejected => true,
            // A contingent child can be resized or re-priced before it is submitted.
            OrderEventKind.Updated => !order.State.IsTerminal(),
            _ => order.State.IsWorking(),
        };
        if (!live)
            throw new InvalidOperationException($"Order {order.Id}: {kind} is not legal in state {order.State}.");
    }
}
