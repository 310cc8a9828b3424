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
    internal Position(long id, Instrument instrument, PositionSide side, DateTime openedAt, OrderId openingOrder, string? tag) =>
        Reopen(id, instrument, side, openedAt, openingOrder, tag);

    /// <summary>
    /// Makes a closed position that nobody outside the account ever saw (<see cref="Exposed"/> false) into the newly opened one,
    /// every field as the constructor leaves it: the account recycles it instead of allocating one on each flip. Nobody can tell
    /// the difference, since nobody holds the old one (the Trading tests compare every field against a new position).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Instrument))]
    internal void Reopen(long id, Instrument instrument, PositionSide side, DateTime openedAt, OrderId openingOrder, string? tag)
    {
        Id = id;
        Instrument = instrument;
        Side = side;
        OpenedAt = openedAt;
        OpeningOrderId = openingOrder;
        EntryTag = tag;
        Quantity = AvgPrice = PeakQuantity = RealisedPnl = Commission = Swap = SpreadCost = SlippageCost = 0m;
        ClosedAt = null;
        ExitTag = null;
        ClosedByStopOut = false;
        Entry = Exit = default;
        AvgD = QuantityD = 0;
        BestMark = WorstMark = double.NaN;
        Exposed = false;
    }

    /// <summary>
    /// Set once a reference to this position has left the account's internals (a public accessor, an event): from then on
    /// someone may hold it, so it is never recycled.
    /// </summary>
    internal bool Exposed;

    public long Id { get; private set; }
    public Instrument Instrument { get; private set; }
    public PositionSide Side { get; private set; }
    public decimal Quantity { get; internal set; }
    public decimal AvgPrice { get; internal set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; internal set; }
    public OrderId OpeningOrderId { get; private set; }
    public string? EntryTag { get; private set; }
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

    /// <summary>The opening and closing fills' sums, for the trade's average entry and exit.</summary>
    internal FillSums Entry, Exit;

    /// <summary><see cref="AverageEntryPrice"/>, without the division when one fill opened the position.</summary>
    internal decimal EntryPriceForTrade => Entry.AverageForTrade;

    /// <summary><see cref="AverageExitPrice"/>, without the division when one fill closed the position.</summary>
    internal decimal ExitPriceForTrade => Exit.AverageForTrade;
    internal double AvgD, QuantityD;
    /// <summary>Best and worst marks (bid for a long, ask for a short) seen while open, for MFE and MAE.</summary>
    internal double BestMark = double.NaN, WorstMark = double.NaN;

    public decimal AverageEntryPrice => Entry.Average;
    public decimal AverageExitPrice => Exit.Average;

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

/// <summary>
/// Σ units and Σ units×price of one side's fills (opening or closing), as running sums from 0m would give them. The first
/// fill's price and the count are kept too: with one fill the average is that price, bit for bit ((0 + u·p) / (0 + u) = p
/// with p's scale), so a trade needs no decimal division; and Σu·p is formed only from the second fill on, until then it is
/// the first fill's u·p (0 + u·p has the bits of u·p, and Σu is that fill's u), worked out when it is read.
/// </summary>
internal struct FillSums
{
    public decimal Units, FirstPrice;
    public int Fills;
    private decimal _value;

    public readonly decimal Value => Fills switch { 0 => 0m, 1 => Units * FirstPrice, _ => _value };

    public readonly decimal Average => Units == 0 ? 0 : Value / Units;

    /// <summary><see cref="Average"/>, without the division for a single fill.</summary>
    public readonly decimal AverageForTrade => Fills == 1 ? FirstPrice : Average;

    /// <summary>Counts a fill (as Σu += u, Σu·p += u·p would).</summary>
    public void Add(decimal units, decimal price)
    {
        if (Fills == 0) FirstPrice = price;
        else
        {
            if (Fills == 1) _value = Units * FirstPrice;
            _value += units * price;
        }
        Units = ExactDecimal.PlusPlainZero(Units, units);
        Fills++;
    }
}
