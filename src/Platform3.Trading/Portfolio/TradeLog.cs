using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Portfolio;

/// <summary>
/// The closed trades of a run as compact records without references (money and prices as
/// <see cref="PackedDecimal"/>s, symbol and tags as numbers in a string table): about half the bytes of a
/// <see cref="Trade"/> object, and nothing for the garbage collector to trace. Reading an index builds a
/// new <see cref="Trade"/> with every field as it was recorded; trades are records, so two reads of one
/// index are equal, though not the same instance.
/// </summary>
public sealed class TradeLog : ReadOnlyRecordList<Trade>
{
    private struct Record
    {
        public long PositionId;
        public DateTime EntryTime, ExitTime;
        public PackedDecimal Quantity, EntryPrice, ExitPrice, GrossPnl, Commission, Swap, SpreadCost, SlippageCost;
        // MAE and MFE are kept as what they are worked out from (the position's best and worst marks and the exit's
        // quote-to-account rate, unless the pair is quoted in the account currency) and worked out when the trade is read,
        // by the same operations in the same order: the decimal conversions and roundings they take are no cost of the
        // fill that closes the position. A trade added whole keeps its four values in _given instead.
        public double BestMark, WorstMark, Rate;
        public long EntryOrderId;
        public int Symbol, EntryTag, ExitTag;
        public int Given; // 1 + index into _given, 0 for values worked out from the marks
        public PositionSide Side;
        public bool ClosedByStopOut, QuotedInAccount; // (the one-byte fields last: no padding)
    }

    private readonly AppendOnlyList<Record> _records = new();
    private readonly PackedDecimals _decimals = new();
    private readonly StringTable _strings = new();
    private readonly List<(double MaePips, double MfePips, decimal Mae, decimal Mfe)> _given = [];
    // Pip size by symbol number (the symbol's instrument is the same for the whole run).
    private double[] _pipSizes = [];
    private readonly Ledger? _ledger;

    /// <summary>A log of trades added whole (<see cref="Add(Trade)"/>); an account's log also rounds money with its ledger.</summary>
    internal TradeLog(Ledger? ledger = null) => _ledger = ledger;

    public override int Count => _records.Count;

    internal void Add(Trade t)
    {
        ref var r = ref Add(t.PositionId, t.Symbol, t.Side, t.Quantity, t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.GrossPnl,
            t.Commission, t.Swap, t.SpreadCost, t.SlippageCost, t.EntryOrderId, t.EntryTag, t.ExitTag, t.ClosedByStopOut);
        Give(ref r, (t.MaePips, t.MfePips, t.Mae, t.Mfe));
    }

    /// <summary>The record keeps these MAE and MFE as they are (not worked out from marks when read).</summary>
    private void Give(ref Record r, (double MaePips, double MfePips, decimal Mae, decimal Mfe) excursions)
    {
        _given.Add(excursions);
        r.Given = _given.Count;
    }

    /// <summary>
    /// Records a closed position's trade. MAE and MFE come from its best and worst marks at the peak quantity: in pips by the
    /// instrument's pip size, in money at <paramref name="quoteRate"/> (exactly 1 when <paramref name="quotedInAccount"/>)
    /// rounded by the ledger, as <see cref="Excursions"/> works them out when the trade is read. Marks or a rate that are not
    /// finite are worked out at once, so whatever that does (a conversion that throws) happens here, as it always did.
    /// </summary>
    internal void Add(long positionId, string symbol, PositionSide side, decimal peakQuantity, DateTime entryTime, decimal entryPrice, DateTime exitTime,
        decimal exitPrice, decimal grossPnl, decimal commission, decimal swap, decimal spreadCost, decimal slippageCost, double bestMark, double worstMark,
        double pipSize, bool quotedInAccount, double quoteRate, OrderId entryOrderId, string? entryTag, string? exitTag, bool closedByStopOut)
    {
        if (_ledger is null) throw new InvalidOperationException("This trade log has no ledger to round MAE and MFE with.");
        // Worked out before the record is added: should that throw, no trade was recorded (as before).
        var atOnce = !double.IsFinite(bestMark) || !double.IsFinite(worstMark) || !quotedInAccount && !double.IsFinite(quoteRate)
            ? Excursions(side, entryPrice, peakQuantity, bestMark, worstMark, pipSize, quotedInAccount, quoteRate, _ledger)
            : default((double, double, decimal, decimal)?);
        ref var r = ref Add(positionId, symbol, side, peakQuantity, entryTime, entryPrice, exitTime, exitPrice, grossPnl, commission, swap,
            spreadCost, slippageCost, entryOrderId, entryTag, exitTag, closedByStopOut);
        if (atOnce is { } given)
        {
            Give(ref r, given);
            return;
        }
        r.BestMark = bestMark;
        r.WorstMark = worstMark;
        r.Rate = quoteRate;
        r.QuotedInAccount = quotedInAccount;
        var n = r.Symbol;
        if (n >= _pipSizes.Length) Array.Resize(ref _pipSizes, Math.Max(n + 1, _pipSizes.Length * 2));
        _pipSizes[n] = pipSize;
    }

    private ref Record Add(long positionId, string symbol, PositionSide side, decimal quantity, DateTime entryTime, decimal entryPrice, DateTime exitTime,
        decimal exitPrice, decimal grossPnl, decimal commission, decimal swap, decimal spreadCost, decimal slippageCost,
        OrderId entryOrderId, string? entryTag, string? exitTag, bool closedByStopOut)
    {
        ref var r = ref _records.AddSlot();
        r.PositionId = positionId;
        r.Symbol = _strings.Number(symbol);
        r.Side = side;
        r.Quantity = _decimals.Pack(quantity);
        r.EntryTime = entryTime;
        r.EntryPrice = _decimals.Pack(entryPrice);
        r.ExitTime = exitTime;
        r.ExitPrice = _decimals.Pack(exitPrice);
        r.GrossPnl = _decimals.Pack(grossPnl);
        r.Commission = _decimals.Pack(commission);
        r.Swap = _decimals.Pack(swap);
        r.SpreadCost = _decimals.Pack(spreadCost);
        r.SlippageCost = _decimals.Pack(slippageCost);
        r.EntryOrderId = entryOrderId.Value;
        r.EntryTag = _strings.Number(entryTag);
        r.ExitTag = _strings.Number(exitTag);
        r.ClosedByStopOut = closedByStopOut;
        return ref r;
    }

    /// <summary>
    /// MAE and MFE from the marks, as the account worked them out when it closed the position: the excursions from the
    /// entry price (as a double) floored at 0, in pips, and in money at the peak quantity and the rate, rounded.
    /// </summary>
    internal static (double MaePips, double MfePips, decimal Mae, decimal Mfe) Excursions(PositionSide side, decimal entryPrice, decimal peakQuantity,
        double bestMark, double worstMark, double pipSize, bool quotedInAccount, double quoteRate, Ledger ledger)
    {
        double mfe, mae;
        var avg = (double)entryPrice;
        if (side == PositionSide.Long) { mfe = bestMark - avg; mae = avg - worstMark; }
        else { mfe = avg - bestMark; mae = worstMark - avg; }
        mfe = Math.Max(0, mfe);
        mae = Math.Max(0, mae);
        // Quoted in the account currency the rate is the double 1.0, which converts to 1m with scale 0.
        var rate = quotedInAccount ? 1m : (decimal)quoteRate;
        return (mae / pipSize, mfe / pipSize,
            ledger.Round(Account.ExcursionValue(mae, peakQuantity, rate)), ledger.Round(Account.ExcursionValue(mfe, peakQuantity, rate)));
    }

    public override Trade this[int index]
    {
        get
        {
            CheckIndex(index);
            ref readonly var r = ref _records.RefAt(index);
            var quantity = _decimals.Unpack(r.Quantity);
            var entryPrice = _decimals.Unpack(r.EntryPrice);
            var (maePips, mfePips, mae, mfe) = r.Given > 0 ? _given[r.Given - 1]
                : Excursions(r.Side, entryPrice, quantity, r.BestMark, r.WorstMark, _pipSizes[r.Symbol], r.QuotedInAccount, r.Rate, _ledger!);
            return new Trade
            {
                PositionId = r.PositionId,
                Symbol = _strings[r.Symbol]!,
                Side = r.Side,
                Quantity = quantity,
                EntryTime = r.EntryTime,
                EntryPrice = entryPrice,
                ExitTime = r.ExitTime,
                ExitPrice = _decimals.Unpack(r.ExitPrice),
                GrossPnl = _decimals.Unpack(r.GrossPnl),
                Commission = _decimals.Unpack(r.Commission),
                Swap = _decimals.Unpack(r.Swap),
                SpreadCost = _decimals.Unpack(r.SpreadCost),
                SlippageCost = _decimals.Unpack(r.SlippageCost),
                MaePips = maePips,
                MfePips = mfePips,
                Mae = mae,
                Mfe = mfe,
                EntryOrderId = new OrderId(r.EntryOrderId),
                EntryTag = _strings[r.EntryTag],
                ExitTag = _strings[r.ExitTag],
                ClosedByStopOut = r.ClosedByStopOut,
            };
        }
    }
}
