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
        public PackedDecimal Quantity, EntryPrice, ExitPrice, GrossPnl, Commission, Swap, SpreadCost, SlippageCost, Mae, Mfe;
        public double MaePips, MfePips;
        public long EntryOrderId;
        public int Symbol, EntryTag, ExitTag;
        public PositionSide Side;
        public bool ClosedByStopOut;
    }

    private readonly AppendOnlyList<Record> _records = new();
    private readonly PackedDecimals _decimals = new();
    private readonly StringTable _strings = new();

    public override int Count => _records.Count;

    internal void Add(Trade t) => Add(t.PositionId, t.Symbol, t.Side, t.Quantity, t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.GrossPnl,
        t.Commission, t.Swap, t.SpreadCost, t.SlippageCost, t.MaePips, t.MfePips, t.Mae, t.Mfe, t.EntryOrderId, t.EntryTag, t.ExitTag, t.ClosedByStopOut);

    internal void Add(long positionId, string symbol, PositionSide side, decimal quantity, DateTime entryTime, decimal entryPrice, DateTime exitTime,
        decimal exitPrice, decimal grossPnl, decimal commission, decimal swap, decimal spreadCost, decimal slippageCost, double maePips, double mfePips,
        decimal mae, decimal mfe, OrderId entryOrderId, string? entryTag, string? exitTag, bool closedByStopOut)
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
        r.MaePips = maePips;
        r.MfePips = mfePips;
        r.Mae = _decimals.Pack(mae);
        r.Mfe = _decimals.Pack(mfe);
        r.EntryOrderId = entryOrderId.Value;
        r.EntryTag = _strings.Number(entryTag);
        r.ExitTag = _strings.Number(exitTag);
        r.ClosedByStopOut = closedByStopOut;
    }

    public override Trade this[int index]
    {
        get
        {
            CheckIndex(index);
            ref readonly var r = ref _records.RefAt(index);
            return new Trade
            {
                PositionId = r.PositionId,
                Symbol = _strings[r.Symbol]!,
                Side = r.Side,
                Quantity = _decimals.Unpack(r.Quantity),
                EntryTime = r.EntryTime,
                EntryPrice = _decimals.Unpack(r.EntryPrice),
                ExitTime = r.ExitTime,
                ExitPrice = _decimals.Unpack(r.ExitPrice),
                GrossPnl = _decimals.Unpack(r.GrossPnl),
                Commission = _decimals.Unpack(r.Commission),
                Swap = _decimals.Unpack(r.Swap),
                SpreadCost = _decimals.Unpack(r.SpreadCost),
                SlippageCost = _decimals.Unpack(r.SlippageCost),
                MaePips = r.MaePips,
                MfePips = r.MfePips,
                Mae = _decimals.Unpack(r.Mae),
                Mfe = _decimals.Unpack(r.Mfe),
                EntryOrderId = new OrderId(r.EntryOrderId),
                EntryTag = _strings[r.EntryTag],
                ExitTag = _strings[r.ExitTag],
                ClosedByStopOut = r.ClosedByStopOut,
            };
        }
    }
}
