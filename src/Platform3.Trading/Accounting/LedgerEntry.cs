using Platform3.Core.Domain;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Accounting;

/// <summary>What a cash movement was.</summary>
public enum LedgerEntryKind : byte
{
    Deposit,
    Withdrawal,
    /// <summary>Realised profit or loss of a (partial) close, converted from the quote currency.</summary>
    RealisedPnl,
    Commission,
    /// <summary>Overnight financing at the 17:00 New York rollover; a credit or a charge.</summary>
    Swap,
}

/// <summary>
/// One cash movement in the account currency. <see cref="Amount"/> is the signed effect on the balance
/// (a commission is negative). Converted entries keep the original currency, amount and the rate used,
/// so every conversion is visible and can be re-checked.
/// </summary>
public readonly record struct LedgerEntry
{
    public required long Sequence { get; init; }
    public required DateTime Time { get; init; }
    public required LedgerEntryKind Kind { get; init; }
    public required decimal Amount { get; init; }
    public required decimal BalanceAfter { get; init; }
    public required Currency OriginalCurrency { get; init; }
    public required decimal OriginalAmount { get; init; }
    /// <summary>Account-currency units per original unit (1 when no conversion).</summary>
    public required decimal Rate { get; init; }
    public long PositionId { get; init; }
    public OrderId? OrderId { get; init; }
    public string? Symbol { get; init; }
    public string? Note { get; init; }
}
