using Platform3.Trading.Orders;

namespace Platform3.Trading.Portfolio;

/// <summary>
/// A closed round trip: one position from its first fill to flat. Prices are volume-weighted averages of
/// the opening and closing fills. <see cref="GrossPnl"/> is the realised P&amp;L (spread and slippage are
/// inside the prices and reported separately); <see cref="NetPnl"/> also takes commissions and swaps off.
/// MAE and MFE are the worst and best excursions from the average price while open, in pips and
/// (at the peak size and the exit conversion rate) in the account currency.
/// </summary>
public sealed record Trade
{
    public required long PositionId { get; init; }
    public required string Symbol { get; init; }
    public required PositionSide Side { get; init; }
    public required decimal Quantity { get; init; }
    public required DateTime EntryTime { get; init; }
    public required decimal EntryPrice { get; init; }
    public required DateTime ExitTime { get; init; }
    public required decimal ExitPrice { get; init; }
    public required decimal GrossPnl { get; init; }
    public required decimal Commission { get; init; }
    public required decimal Swap { get; init; }
    public required decimal SpreadCost { get; init; }
    public required decimal SlippageCost { get; init; }
    public required double MaePips { get; init; }
    public required double MfePips { get; init; }
    public required decimal Mae { get; init; }
    public required decimal Mfe { get; init; }
    public required OrderId EntryOrderId { get; init; }
    public string? EntryTag { get; init; }
    public string? ExitTag { get; init; }
    public bool ClosedByStopOut { get; init; }

    public decimal NetPnl => GrossPnl - Commission - Swap;
    public TimeSpan Duration => ExitTime - EntryTime;
}
