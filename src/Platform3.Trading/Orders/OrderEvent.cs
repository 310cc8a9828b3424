using System.Globalization;

namespace Platform3.Trading.Orders;

/// <summary>
/// One step in an order's life, with the reason. The engine publishes each on the message bus and hands it
/// to the owning strategy; the backtest result keeps all of them in sequence.
/// </summary>
public sealed class OrderEvent
{
    public required long Sequence { get; init; }
    public required DateTime Time { get; init; }
    public required Order Order { get; init; }
    public required OrderEventKind Kind { get; init; }
    /// <summary>The order's state after the event.</summary>
    public required OrderState State { get; init; }
    public required string Reason { get; init; }
    public RejectReason RejectReason { get; init; }
    /// <summary>The execution, for PartiallyFilled and Filled.</summary>
    public Fill? Fill { get; init; }
    /// <summary>Quantity and prices as they stood after the event (the order object keeps changing).</summary>
    public decimal Quantity { get; init; }
    public decimal FilledQuantity { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }

    public OrderId OrderId => Order.Id;

    public override string ToString()
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"#{Sequence} {Time:yyyy-MM-dd HH:mm:ss.fff} {Order.Id} {Order.Instrument.Symbol} {Order.Side} {Order.Type} {Kind} -> {State}: {Reason}");
        if (Fill is { } f) s += string.Create(CultureInfo.InvariantCulture, $" [{f.Quantity} @ {f.Price}]");
        return s;
    }
}
