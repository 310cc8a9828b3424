using Platform3.Core.Domain;

namespace Platform3.Trading.Orders;

/// <summary>
/// One execution. <see cref="Price"/> is what was paid; <see cref="QuotePrice"/> is the quote the fill was
/// taken from before slippage (the ask for a buy, the bid for a sell, or the stop/limit price);
/// <see cref="Mid"/> is the mid at that moment. Costs are in the account currency.
/// </summary>
public sealed record Fill
{
    public required OrderId OrderId { get; init; }
    public required Instrument Instrument { get; init; }
    public required OrderSide Side { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Price { get; init; }
    public required DateTime Time { get; init; }
    public decimal QuotePrice { get; init; }
    public decimal Mid { get; init; }
    /// <summary>Commission charged on this fill, in account currency (positive = cost).</summary>
    public decimal Commission { get; init; }
    /// <summary>Half-spread paid, in account currency (positive = cost). Already inside the price.</summary>
    public decimal SpreadCost { get; init; }
    /// <summary>Slippage paid, in account currency (positive = cost). Already inside the price.</summary>
    public decimal SlippageCost { get; init; }
    /// <summary>Notional of the fill in the account currency (base units converted), for turnover.</summary>
    public decimal Notional { get; init; }
    /// <summary>A fill forced by the broker (stop-out).</summary>
    public bool IsLiquidation { get; init; }
}
