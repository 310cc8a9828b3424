namespace Platform3.Trading.Portfolio;

public enum PositionEventKind : byte
{
    Opened,
    /// <summary>Increased or partly reduced.</summary>
    Changed,
    Closed,
}

/// <summary>Published on the message bus whenever a fill opens, changes or closes a position.</summary>
public sealed record PositionEvent(DateTime Time, PositionEventKind Kind, Position Position, decimal RealisedPnl, Trade? Trade);

/// <summary>Published when the broker charges or credits the overnight swap of a position.</summary>
public sealed record SwapEvent(DateTime Time, Position Position, int Days, decimal AmountInQuote, decimal Amount);

public enum MarginEventKind : byte
{
    /// <summary>Margin level fell below the margin-call level: new exposure is refused.</summary>
    MarginCall,
    /// <summary>Margin level fell below the stop-out level: positions are being closed, biggest loser first.</summary>
    StopOut,
    /// <summary>Margin level is back above the margin-call level.</summary>
    Recovered,
}

/// <summary>A margin call, stop-out or recovery, with the account figures at that moment.</summary>
public sealed record MarginEvent(DateTime Time, MarginEventKind Kind, double Equity, double MarginUsed, double MarginLevelPercent, long? PositionId);
