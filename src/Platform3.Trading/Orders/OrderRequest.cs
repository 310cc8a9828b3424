using Platform3.Core.Domain;

namespace Platform3.Trading.Orders;

/// <summary>
/// What a strategy asks for. It is plain input: nothing here is trusted until <see cref="OrderValidator"/>
/// has checked it, and an invalid request becomes a Rejected order with a reason, never an adjusted one.
/// Sizes are in units of the base currency (1 standard lot = 100,000 units).
/// A request with <see cref="StopLoss"/> or <see cref="TakeProfit"/> is a bracket: the entry plus
/// reduce-only children linked as an OCO group that start working when the entry fills.
/// </summary>
public sealed record OrderRequest
{
    public required Instrument Instrument { get; init; }
    public required OrderSide Side { get; init; }
    public OrderType Type { get; init; } = OrderType.Market;
    /// <summary>Units of base currency; must be positive and a whole number of lot steps.</summary>
    public required decimal Quantity { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    /// <summary>Distance (in price) a trailing stop keeps from the best quote.</summary>
    public decimal? TrailingOffset { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;
    /// <summary>UTC expiry for <see cref="TimeInForce.Gtd"/>.</summary>
    public DateTime? ExpireAt { get; init; }
    /// <summary>Bracket stop-loss price (a stop child on the opposite side).</summary>
    public decimal? StopLoss { get; init; }
    /// <summary>Bracket take-profit price (a limit child on the opposite side).</summary>
    public decimal? TakeProfit { get; init; }
    /// <summary>In hedging mode: the position this order closes or reduces.</summary>
    public long? PositionId { get; init; }
    /// <summary>Only ever reduces a position; never opens or flips one.</summary>
    public bool ReduceOnly { get; init; }
    /// <summary>Free text carried into events, trades and the audit trail.</summary>
    public string? Tag { get; init; }

    public bool IsBracket => StopLoss.HasValue || TakeProfit.HasValue;

    public static OrderRequest Market(Instrument instrument, OrderSide side, decimal units, string? tag = null) =>
        new() { Instrument = instrument, Side = side, Quantity = units, Tag = tag };

    public static OrderRequest Limit(Instrument instrument, OrderSide side, decimal units, decimal price, TimeInForce tif = TimeInForce.Gtc, string? tag = null) =>
        new() { Instrument = instrument, Side = side, Quantity = units, Type = OrderType.Limit, LimitPrice = price, TimeInForce = tif, Tag = tag };

    public static OrderRequest Stop(Instrument instrument, OrderSide side, decimal units, decimal stopPrice, TimeInForce tif = TimeInForce.Gtc, string? tag = null) =>
        new() { Instrument = instrument, Side = side, Quantity = units, Type = OrderType.Stop, StopPrice = stopPrice, TimeInForce = tif, Tag = tag };

    public static OrderRequest StopLimit(Instrument instrument, OrderSide side, decimal units, decimal stopPrice, decimal limitPrice, TimeInForce tif = TimeInForce.Gtc, string? tag = null) =>
        new() { Instrument = instrument, Side = side, Quantity = units, Type = OrderType.StopLimit, StopPrice = stopPrice, LimitPrice = limitPrice, TimeInForce = tif, Tag = tag };

    public static OrderRequest TrailingStop(Instrument instrument, OrderSide side, decimal units, decimal offset, TimeInForce tif = TimeInForce.Gtc, string? tag = null) =>
        new() { Instrument = instrument, Side = side, Quantity = units, Type = OrderType.TrailingStop, TrailingOffset = offset, TimeInForce = tif, Tag = tag };

    /// <summary>This request with bracket children attached.</summary>
    public OrderRequest WithBracket(decimal? stopLoss, decimal? takeProfit) => this with { StopLoss = stopLoss, TakeProfit = takeProfit };
}
