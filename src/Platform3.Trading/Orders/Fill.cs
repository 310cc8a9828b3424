using System.Diagnostics.CodeAnalysis;
using Platform3.Core.Domain;

namespace Platform3.Trading.Orders;

/// <summary>
/// One execution. <see cref="Price"/> is what was paid; <see cref="QuotePrice"/> is the quote the fill was
/// taken from before slippage (the ask for a buy, the bid for a sell, or the stop/limit price);
/// <see cref="Mid"/> is the mid at that moment. Costs are in the account currency.
/// </summary>
public sealed record Fill
{
    public Fill() { }

    /// <summary>The object form of a fill the simulator passed along as <see cref="FillData"/>.</summary>
    [SetsRequiredMembers]
    internal Fill(in FillData d)
    {
        OrderId = d.OrderId;
        Instrument = d.Instrument;
        Side = d.Side;
        Quantity = d.Quantity;
        Price = d.Price;
        Time = d.Time;
        QuotePrice = d.QuotePrice;
        Mid = d.Mid;
        Commission = d.Commission;
        SpreadCost = d.SpreadCost;
        SlippageCost = d.SlippageCost;
        Notional = d.Notional;
        IsLiquidation = d.IsLiquidation;
    }

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

    /// <summary>The same fill as plain data.</summary>
    internal FillData Data => new()
    {
        OrderId = OrderId, Instrument = Instrument, Side = Side, Quantity = Quantity, Price = Price, Time = Time,
        QuotePrice = QuotePrice, Mid = Mid, Commission = Commission, SpreadCost = SpreadCost, SlippageCost = SlippageCost,
        Notional = Notional, IsLiquidation = IsLiquidation,
    };
}

/// <summary>
/// A <see cref="Fill"/>'s fields as a struct, passed by reference from the simulator through the engine to the account
/// and the event log: a backtest's fills are kept as compact records, so the object is built only when an event object
/// that carries it is (a strategy or bus subscriber wants it) or when the log is read.
/// </summary>
internal struct FillData
{
    public OrderId OrderId;
    public Instrument Instrument;
    public OrderSide Side;
    public decimal Quantity, Price;
    public DateTime Time;
    public decimal QuotePrice, Mid, Commission, SpreadCost, SlippageCost, Notional;
    public bool IsLiquidation;
}
