using Platform3.Core.Domain;

namespace Platform3.Trading.Decisions;

public enum PlanSide
{
    Buy = 1,
    Sell = -1,
}

public enum PlanPurpose
{
    /// <summary>Opens a position (or the new side of a flip).</summary>
    Open,
    /// <summary>Closes the whole position.</summary>
    Close,
    /// <summary>Closes part of the position.</summary>
    Reduce,
}

/// <summary>
/// What the trading engine should do for one decision: side, size (base units, whole lot steps), order type
/// (market, or a limit at a better price that is cancelled or turned into a market order after a timeout),
/// protective stop and target, time in force, and slicing of large sizes. <see cref="DecisionPrice"/> is the
/// touch at decision time (ask for buys, bid for sells), the reference for measuring slippage.
/// </summary>
public sealed record ExecutionPlan
{
    public required string DecisionId { get; init; }
    public required Instrument Instrument { get; init; }
    public required PlanSide Side { get; init; }
    public required PlanPurpose Purpose { get; init; }
    public required decimal Units { get; init; }
    public required EntryOrderType OrderType { get; init; }
    public decimal? LimitPrice { get; init; }
    public TimeSpan? LimitTimeout { get; init; }
    public LimitTimeoutAction OnLimitTimeout { get; init; }
    public required double DecisionPrice { get; init; }
    public decimal? StopLoss { get; init; }
    public decimal? TakeProfit { get; init; }
    public required PlanTimeInForce TimeInForce { get; init; }
    /// <summary>When a DAY or GTD order expires (UTC).</summary>
    public DateTime? ExpiresUtc { get; init; }
    /// <summary>Child order sizes, in order; one element when not sliced. They sum to <see cref="Units"/>.</summary>
    public required IReadOnlyList<decimal> Slices { get; init; }
    public TimeSpan SliceInterval { get; init; }
    /// <summary>How the stop and target were placed ("atr", "levels", "levels+atr").</summary>
    public string StopMethod { get; init; } = "";
    public required DateTime CreatedUtc { get; init; }
}
