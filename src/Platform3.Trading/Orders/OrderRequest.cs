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
    // The optional prices live in one immutable side record, absent for a plain market order: a request is built for
    // every order a strategy sends, and five nullable decimals would more than double its size. Each init replaces
    // the record (never changes a shared one), and records compare by value, so equality and `with` work as before.
    private Prices? _prices;

    private sealed record Prices(decimal? Limit, decimal? Stop, decimal? Offset, decimal? StopLoss, decimal? TakeProfit)
    {
        public static readonly Prices None = new(null, null, null, null, null);
    }

    private Prices Current => _prices ?? Prices.None;

    // No prices at all is stored as no record, so a request given an explicit null equals one never given any.
    private static Prices? Normal(Prices p) => p == Prices.None ? null : p;

    public decimal? LimitPrice { get => _prices?.Limit; init => _prices = Normal(Current with { Limit = value }); }
    public decimal? StopPrice { get => _prices?.Stop; init => _prices = Normal(Current with { Stop = value }); }
    /// <summary>Distance (in price) a trailing stop keeps from the best quote.</summary>
    public decimal? TrailingOffset { get => _prices?.Offset; init => _prices = Normal(Current with { Offset = value }); }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;
    /// <summary>UTC expiry for <see cref="TimeInForce.Gtd"/>.</summary>
    public DateTime? ExpireAt { get; init; }
    /// <summary>Bracket stop-loss price (a stop child on the opposite side).</summary>
    public decimal? StopLoss { get => _prices?.StopLoss; init => _prices = Normal(Current with { StopLoss = value }); }
    /// <summary>Bracket take-profit price (a limit child on the opposite side).</summary>
    public decimal? TakeProfit { get => _prices?.TakeProfit; init => _prices = Normal(Current with { TakeProfit = value }); }
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
