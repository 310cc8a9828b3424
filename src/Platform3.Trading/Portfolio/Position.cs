using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Portfolio;

/// <summary>Netting keeps one position per instrument; hedging keeps one per opening order (tickets).</summary>
public enum PositionMode : byte
{
    Netting,
    Hedging,
}

public enum PositionSide : sbyte
{
    Short = -1,
    Flat = 0,
    Long = 1,
}

/// <summary>
/// An open (or closed) position. Quantity is unsigned units of base currency; <see cref="Side"/> gives the
/// direction. The average price is exact. Costs and realised P&amp;L are in the account currency.
/// A long is marked at the bid and a short at the ask: what closing it now would get.
/// </summary>
public sealed class Position
{
    internal Position(long id, Instrument instrument, PositionSide side, DateTime openedAt, OrderId openingOrder, string? tag)
    {
        Id = id;
        Instrument = instrument;
        Side = side;
        OpenedAt = openedAt;
        OpeningOrderId = openingOrder;
        EntryTag = tag;
    }

    public long Id { get; }
    public Instrument Instrument { get; }
    public PositionSide Side { get; }
    public decimal Quantity { get; internal set; }
    public decimal AvgPrice { get; internal set; }
    public DateTime OpenedAt { get; }
    public DateTime? ClosedAt { get; internal set; }
    public OrderId OpeningOrderId { get; }
    public string? EntryTag { get; }
    public string? ExitTag { get; internal set; }
    public bool IsOpen => Quantity > 0;
    public int Sign => (int)Side;

    /// <summary>Largest quantity held at any time.</summary>
    public decimal PeakQuantity { get; internal set; }
    /// <summary>Realised P&amp;L over the position's life, account currency.</summary>
    public decimal RealisedPnl { get; internal set; }
    /// <summary>Commissions paid on this position's fills (positive = paid).</summary>
    public decimal Commission { get; internal set; }
    /// <summary>Swaps paid on this position (positive = paid, negative = earned).</summary>
    public decimal Swap { get; internal set; }
    public decimal SpreadCost { get; internal set; }
    public decimal SlippageCost { get; internal set; }
    public bool ClosedByStopOut { get; internal set; }

    // Σ units of the opening and closing fills, for the trade's average entry and exit. The first opening and closing
    // fill prices and how many fills there were: with one fill the average is that price, bit for bit
    // ((0 + u·p) / (0 + u) = p with p's scale), so the trade needs no decimal division.
    internal decimal EntryUnits, ExitUnits, FirstEntryPrice, FirstExitPrice;
    internal int EntryFills, ExitFills;
    // Σ units×price, kept from the second fill on: until then it is the first fill's u·p (0 + u·p has the bits of u·p,
    // and Σu is that fill's u), worked out only when it is read.
    private decimal _entryValue, _exitValue;

    internal decimal EntryValue => EntryFills switch { 0 => 0m, 1 => EntryUnits * FirstEntryPrice, _ => _entryValue };
    internal decimal ExitValue => ExitFills switch { 0 => 0m, 1 => ExitUnits * FirstExitPrice, _ => _exitValue };

    /// <summary>Counts an opening fill (as Σu += u, Σu·p += u·p would).</summary>
    internal void AddEntry(decimal units, decimal price)
    {
        if (EntryFills == 0) FirstEntryPrice = price;
        else
        {
            if (EntryFills == 1) _entryValue = EntryUnits * FirstEntryPrice;
            _entryValue += units * price;
        }
        EntryUnits = ExactDecimal.PlusPlainZero(EntryUnits, units);
        EntryFills++;
    }

    /// <summary>Counts a closing fill (as Σu += u, Σu·p += u·p would).</summary>
    internal void AddExit(decimal units, decimal price)
    {
        if (ExitFills == 0) FirstExitPrice = price;
        else
        {
            if (ExitFills == 1) _exitValue = ExitUnits * FirstExitPrice;
            _exitValue += units * price;
        }
        ExitUnits = ExactDecimal.PlusPlainZero(ExitUnits, units);
        ExitFills++;
    }

    /// <summary><see cref="AverageEntryPrice"/>, without the division when one fill opened the position.</summary>
    internal decimal EntryPriceForTrade => EntryFills == 1 ? FirstEntryPrice : AverageEntryPrice;

    /// <summary><see cref="AverageExitPrice"/>, without the division when one fill closed the position.</summary>
    internal decimal ExitPriceForTrade => ExitFills == 1 ? FirstExitPrice : AverageExitPrice;
    internal double AvgD, QuantityD;
    /// <summary>Best and worst marks (bid for a long, ask for a short) seen while open, for MFE and MAE.</summary>
    internal double BestMark = double.NaN, WorstMark = double.NaN;

    public decimal AverageEntryPrice => EntryUnits == 0 ? 0 : EntryValue / EntryUnits;
    public decimal AverageExitPrice => ExitUnits == 0 ? 0 : ExitValue / ExitUnits;

    /// <summary>Unrealised P&amp;L in the quote currency at the given mark (exact).</summary>
    public decimal UnrealisedInQuote(decimal mark) => Quantity * (mark - AvgPrice) * Sign;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void TrackMark(double mark)
    {
        if (double.IsNaN(BestMark)) { BestMark = WorstMark = mark; return; }
        if (Side == PositionSide.Long)
        {
            if (mark > BestMark) BestMark = mark;
            if (mark < WorstMark) WorstMark = mark;
        }
        else
        {
            if (mark < BestMark) BestMark = mark;
            if (mark > WorstMark) WorstMark = mark;
        }
    }

    public override string ToString() => $"P{Id} {Side} {Quantity} {Instrument.Symbol} @ {AvgPrice}";
}
