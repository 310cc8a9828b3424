namespace Platform3.Trading.Orders;

public enum OrderSide : byte
{
    Buy,
    Sell,
}

public enum OrderType : byte
{
    /// <summary>Fills at the first quote after it becomes active: the ask for a buy, the bid for a sell.</summary>
    Market,
    /// <summary>Fills at its price or better.</summary>
    Limit,
    /// <summary>Becomes a market order when the quote touches the stop; a gap through the stop fills at the gap's first price.</summary>
    Stop,
    /// <summary>Becomes a limit order when the quote touches the stop.</summary>
    StopLimit,
    /// <summary>A stop that follows the best quote at a fixed distance and never moves back.</summary>
    TrailingStop,
}

public enum TimeInForce : byte
{
    /// <summary>Good till cancelled.</summary>
    Gtc,
    /// <summary>Good till a given UTC time.</summary>
    Gtd,
    /// <summary>Immediate or cancel: fills what it can at its first price, the rest is cancelled.</summary>
    Ioc,
    /// <summary>Fill or kill: fills completely at its first price or is cancelled without any fill.</summary>
    Fok,
    /// <summary>Good for the trading day: expires at the next 17:00 New York close.</summary>
    Day,
}

/// <summary>
/// The life of an order. Initialized → Submitted → Accepted → PartiallyFilled → Filled, or one of the
/// terminal states Cancelled, Rejected, Expired. See <see cref="OrderStateMachine"/> for the legal moves.
/// </summary>
public enum OrderState : byte
{
    Initialized,
    Submitted,
    Accepted,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,
}

/// <summary>What happened to an order. Every state change is one of these, and some events keep the state (Updated, Triggered).</summary>
public enum OrderEventKind : byte
{
    Initialized,
    Submitted,
    Accepted,
    Rejected,
    /// <summary>Quantity or price changed by a modify, or a bracket child resized to its parent's fill.</summary>
    Updated,
    /// <summary>A stop-limit's stop was touched: it now works as a limit.</summary>
    Triggered,
    PartiallyFilled,
    Filled,
    Cancelled,
    Expired,
    ModifyRejected,
    CancelRejected,
}

public static class OrderSideExtensions
{
    public static OrderSide Opposite(this OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>+1 for a buy, −1 for a sell.</summary>
    public static int Sign(this OrderSide side) => side == OrderSide.Buy ? 1 : -1;

    public static bool IsTerminal(this OrderState state) =>
        state is OrderState.Filled or OrderState.Cancelled or OrderState.Rejected or OrderState.Expired;

    /// <summary>Working orders can still fill: accepted or partly filled.</summary>
    public static bool IsWorking(this OrderState state) => state is OrderState.Accepted or OrderState.PartiallyFilled;
}
