namespace Platform3.Trading.Orders;

/// <summary>Why an order (or a modify or cancel) was refused. Invalid orders are rejected, never adjusted.</summary>
public enum RejectReason : byte
{
    None,
    /// <summary>Size is zero or negative.</summary>
    NonPositiveSize,
    /// <summary>Size is not a whole number of lot steps.</summary>
    SizeOffLotStep,
    SizeBelowMinimum,
    SizeAboveMaximum,
    /// <summary>A price has more decimals than the instrument quotes.</summary>
    PriceOffTick,
    /// <summary>A price is zero or negative.</summary>
    NonPositivePrice,
    /// <summary>The order type needs a price (limit, stop, trailing offset) that was not given.</summary>
    MissingPrice,
    /// <summary>A price was given that the order type does not use (e.g. a limit price on a market order).</summary>
    UnexpectedPrice,
    /// <summary>A bracket's stop-loss is not on the losing side of the entry.</summary>
    StopLossWrongSide,
    /// <summary>A bracket's take-profit is not on the winning side of the entry.</summary>
    TakeProfitWrongSide,
    InsufficientMargin,
    /// <summary>GTD without an expiry time, or an expiry given for another time in force.</summary>
    InvalidExpiry,
    /// <summary>GTD expiry at or before the current time.</summary>
    ExpiryInPast,
    /// <summary>A close order names a position that does not exist or is on another instrument.</summary>
    PositionNotFound,
    /// <summary>The instrument is not tradable in this run (no data, not in the catalog).</summary>
    UnknownInstrument,
    /// <summary>A pre-trade check (risk limits, kill switch) refused the order.</summary>
    PreTradeCheck,
    /// <summary>A reduce-only order would open or increase exposure.</summary>
    ReduceOnlyViolation,
    /// <summary>The order is already in a terminal state (for modify and cancel).</summary>
    OrderNotWorking,
    /// <summary>A modify changed nothing or changed a field the order type does not have.</summary>
    InvalidModify,
}
