using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Execution;

/// <summary>
/// The recorded order events of a run, with their fills, kept as compact records without references and turned
/// into <see cref="OrderEvent"/> (and <see cref="Fill"/>) objects only when someone reads them. A backtest emits
/// four or more events per order and usually nobody looks at them until the report. A record names its order by
/// id, its reason by a number in a string table, its fill by an index into the fill records and its limit and
/// stop prices by an index into the order's price snapshots; quantities and fill amounts are
/// <see cref="PackedDecimal"/>s. So the chunks hold no references for the garbage collector to trace, and an
/// event with its fill takes about a third of the bytes of the objects. An event that was built at once (a
/// strategy or bus subscriber wanted it) is kept as that object, and a materialised one is kept too, so every
/// read of an index returns the same instance.
/// </summary>
public sealed class OrderEventLog : ReadOnlyRecordList<OrderEvent>
{
    private struct Record
    {
        public DateTime Time;
        public PackedDecimal Quantity, FilledQuantity;
        // The sequence less the record's position (index + 1): 0 while every event is recorded, so the long is not kept.
        // A gap beyond int (billions of unrecorded events) is kept in _farGaps with FarGap here.
        public int SequenceGap;
        public int Order; // index into the engine's orders (id − 1)
        public int Reason;
        public int Fill; // index into _fills, −1 for none
        public int Prices; // index into _prices, −1 for none
        public OrderEventKind Kind;
        public OrderState State;
        public RejectReason RejectReason;
    }

    private struct FillRecord
    {
        public long OrderId;
        public DateTime Time;
        public PackedDecimal Quantity, Price, QuotePrice, Mid, Commission, SpreadCost, SlippageCost, Notional;
        public int Instrument;
        public OrderSide Side;
        public bool IsLiquidation;
    }

    // The engine's own list (its sealed type, not the interface: the check of every event's order is two plain calls).
    private readonly AppendOnlyList<Order> _orders;
    private readonly AppendOnlyList<Record> _records = new();
    private readonly AppendOnlyList<FillRecord> _fills = new();
    private readonly PackedDecimals _decimals = new();
    private readonly StringTable _strings = new();
    private readonly List<Order.PriceSnapshot> _prices = [];
    private readonly List<Instrument> _instruments = [];
    private readonly Dictionary<int, long> _farGaps = [];
    private const int FarGap = int.MinValue;
    // Built events by index, in chunks created on first use: only runs whose events are read or built at once pay for them.
    private OrderEvent?[]?[] _objects = [];
    private readonly Lock _objectsLock = new();

    private const int ObjectChunkShift = 10;
    private const int ObjectChunkMask = (1 << ObjectChunkShift) - 1;

    /// <summary>A log whose events belong to <paramref name="orders"/> (order id n at index n − 1).</summary>
    internal OrderEventLog(AppendOnlyList<Order> orders) => _orders = orders;

    public override int Count => _records.Count;

    /// <summary>Fill records kept (one per PartiallyFilled or Filled event).</summary>
    internal int FillCount => _fills.Count;

    /// <summary>Appends an event that has no object yet; <paramref name="fill"/> is the index <see cref="AddFill"/> gave its fill, or −1.</summary>
    internal void Add(long sequence, DateTime time, Order order, OrderEventKind kind, OrderState state, string reason,
        RejectReason rejectReason, int fill, decimal quantity, decimal filledQuantity, Order.PriceSnapshot? prices)
    {
        ref var r = ref AddRecord(sequence, time, OrderIndex(order), kind, state, _strings.Number(reason), _decimals.Pack(quantity), _decimals.Pack(filledQuantity));
        r.RejectReason = rejectReason;
        r.Fill = fill;
        r.Prices = PricesIndex(prices);
    }

    /// <summary>
    /// Appends an event of an order without prices, rejection or fill (a market order's creation and submission), from what
    /// the caller already has: the order's index in the engine's list (it has just added it), the reason's number
    /// (<see cref="ReasonNumber"/>) and the quantities packed once (<see cref="Pack"/>) for the events that share them.
    /// </summary>
    internal void AddPlain(long sequence, DateTime time, int orderIndex, OrderEventKind kind, OrderState state, int reason,
        PackedDecimal quantity, PackedDecimal filledQuantity)
    {
        ref var r = ref AddRecord(sequence, time, orderIndex, kind, state, reason, quantity, filledQuantity);
        r.RejectReason = RejectReason.None;
        r.Fill = -1;
        r.Prices = -1;
    }

    /// <summary>The reason's number in the log's string table (what a record of it keeps).</summary>
    internal int ReasonNumber(string reason) => _strings.Number(reason);

    /// <summary>A quantity packed as the log's records keep it.</summary>
    internal PackedDecimal Pack(decimal value) => _decimals.Pack(value);

    private ref Record AddRecord(long sequence, DateTime time, int orderIndex, OrderEventKind kind, OrderState state, int reason,
        PackedDecimal quantity, PackedDecimal filledQuantity)
    {
        var index = _records.Count;
        ref var r = ref _records.AddSlot();
        var gap = sequence - (index + 1L);
        if (gap is > FarGap and <= int.MaxValue) r.SequenceGap = (int)gap;
        else
        {
            r.SequenceGap = FarGap;
            _farGaps[index] = sequence;
        }
        r.Time = time;
        r.Order = orderIndex;
        r.Kind = kind;
        r.State = state;
        r.Reason = reason;
        r.Quantity = quantity;
        r.FilledQuantity = filledQuantity;
        return ref r;
    }

    /// <summary>Appends an event already built (the same object is returned by the indexer later).</summary>
    internal void Add(OrderEvent e, Order.PriceSnapshot? prices)
    {
        var index = _records.Count;
        Add(e.Sequence, e.Time, e.Order, e.Kind, e.State, e.Reason, e.RejectReason, e.Fill is { } f ? AddFill(f.Data) : -1, e.Quantity, e.FilledQuantity, prices);
        lock (_objectsLock) Slot(index) = e;
    }

    private int OrderIndex(Order order)
    {
        var index = (int)order.Id.Value - 1;
        if ((uint)index >= (uint)_orders.Count || !ReferenceEquals(_orders[index], order))
            throw new InvalidOperationException($"Order {order.Id} is not registered with the engine that records this event.");
        return index;
    }

    private int PricesIndex(Order.PriceSnapshot? prices)
    {
        if (prices is null) return -1;
        if (prices.LogIndex < 0)
        {
            prices.LogIndex = _prices.Count;
            _prices.Add(prices);
        }
        return prices.LogIndex;
    }

    /// <summary>Keeps a fill's record; the returned index goes with the event that carries it.</summary>
    internal int AddFill(in FillData f)
    {
        var index = _fills.Count;
        ref var r = ref _fills.AddSlot();
        r.OrderId = f.OrderId.Value;
        r.Time = f.Time;
        r.Instrument = InstrumentNumber(f.Instrument);
        r.Side = f.Side;
        r.IsLiquidation = f.IsLiquidation;
        r.Quantity = _decimals.Pack(f.Quantity);
        r.Price = _decimals.Pack(f.Price);
        r.QuotePrice = _decimals.Pack(f.QuotePrice);
        r.Mid = _decimals.Pack(f.Mid);
        r.Commission = _decimals.Pack(f.Commission);
        r.SpreadCost = _decimals.Pack(f.SpreadCost);
        r.SlippageCost = _decimals.Pack(f.SlippageCost);
        r.Notional = _decimals.Pack(f.Notional);
        return index;
    }

    private int InstrumentNumber(Instrument instrument)
    {
        for (var i = 0; i < _instruments.Count; i++)
            if (ReferenceEquals(_instruments[i], instrument)) return i;
        _instruments.Add(instrument);
        return _instruments.Count - 1;
    }

    private ref OrderEvent? Slot(int index)
    {
        var chunk = index >> ObjectChunkShift;
        if (chunk >= _objects.Length) Array.Resize(ref _objects, Math.Max(chunk + 1, _objects.Length * 2));
        return ref (_objects[chunk] ??= new OrderEvent?[1 << ObjectChunkShift])[index & ObjectChunkMask];
    }

    public override OrderEvent this[int index]
    {
        get
        {
            CheckIndex(index);
            // Readers on several threads agree on one instance.
            lock (_objectsLock)
            {
                ref var slot = ref Slot(index);
                return slot ??= Materialise(index);
            }
        }
    }

    private OrderEvent Materialise(int index)
    {
        ref readonly var r = ref _records.RefAt(index);
        var prices = r.Prices < 0 ? null : _prices[r.Prices];
        return new OrderEvent
        {
            Sequence = r.SequenceGap == FarGap ? _farGaps[index] : index + 1L + r.SequenceGap,
            Time = r.Time,
            Order = _orders[r.Order],
            Kind = r.Kind,
            State = r.State,
            Reason = _strings[r.Reason]!,
            RejectReason = r.RejectReason,
            Fill = r.Fill < 0 ? null : MaterialiseFill(r.Fill),
            Quantity = _decimals.Unpack(r.Quantity),
            FilledQuantity = _decimals.Unpack(r.FilledQuantity),
            LimitPrice = prices?.Limit,
            StopPrice = prices?.Stop,
        };
    }

    private Fill MaterialiseFill(int index)
    {
        ref readonly var f = ref _fills.RefAt(index);
        return new Fill
        {
            OrderId = new OrderId(f.OrderId),
            Instrument = _instruments[f.Instrument],
            Side = f.Side,
            Quantity = _decimals.Unpack(f.Quantity),
            Price = _decimals.Unpack(f.Price),
            Time = f.Time,
            QuotePrice = _decimals.Unpack(f.QuotePrice),
            Mid = _decimals.Unpack(f.Mid),
            Commission = _decimals.Unpack(f.Commission),
            SpreadCost = _decimals.Unpack(f.SpreadCost),
            SlippageCost = _decimals.Unpack(f.SlippageCost),
            Notional = _decimals.Unpack(f.Notional),
            IsLiquidation = f.IsLiquidation,
        };
    }
}
