using System.Collections;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Execution;

/// <summary>
/// The recorded order events of a run, kept as compact records in fixed-size chunks and turned into
/// <see cref="OrderEvent"/> objects only when someone reads them. A backtest emits four or more events per
/// order and usually nobody looks at them until the report: records without object headers, with the limit
/// and stop prices shared with the order (null for market orders), hold about 40% fewer bytes, which the
/// garbage collector then does not copy from generation to generation. An event that was built at once
/// (a strategy or bus subscriber wanted it) is kept as that object, and a materialised one is kept too,
/// so every read of an index returns the same instance.
/// </summary>
public sealed class OrderEventLog : IReadOnlyList<OrderEvent>, IList<OrderEvent>
{
    private struct Record
    {
        public OrderEvent? Object;
        public Order Order;
        public string Reason;
        public Fill? Fill;
        public Order.PriceSnapshot? Prices;
        public long Sequence;
        public DateTime Time;
        public decimal Quantity;
        public decimal FilledQuantity;
        public OrderEventKind Kind;
        public OrderState State;
        public RejectReason RejectReason;
    }

    // Chunked like the run's other kept records (256 records of 96 bytes, below the large-object threshold).
    private readonly AppendOnlyList<Record> _records = new();

    public int Count => _records.Count;

    /// <summary>Appends an event that has no object yet.</summary>
    internal void Add(long sequence, DateTime time, Order order, OrderEventKind kind, OrderState state, string reason,
        RejectReason rejectReason, Fill? fill, decimal quantity, decimal filledQuantity, Order.PriceSnapshot? prices) =>
        _records.AddSlot() = new Record
        {
            Sequence = sequence, Time = time, Order = order, Kind = kind, State = state, Reason = reason, RejectReason = rejectReason,
            Fill = fill, Quantity = quantity, FilledQuantity = filledQuantity, Prices = prices,
        };

    /// <summary>Appends an event already built (the same object is returned by the indexer later).</summary>
    internal void Add(OrderEvent e, Order.PriceSnapshot? prices) =>
        _records.AddSlot() = new Record
        {
            Object = e, Sequence = e.Sequence, Time = e.Time, Order = e.Order, Kind = e.Kind, State = e.State, Reason = e.Reason,
            RejectReason = e.RejectReason, Fill = e.Fill, Quantity = e.Quantity, FilledQuantity = e.FilledQuantity, Prices = prices,
        };

    public OrderEvent this[int index]
    {
        get
        {
            ref var r = ref _records.RefAt(index);
            return r.Object ?? Materialise(ref r);
        }
    }

    private static OrderEvent Materialise(ref Record r)
    {
        var e = new OrderEvent
        {
            Sequence = r.Sequence,
            Time = r.Time,
            Order = r.Order,
            Kind = r.Kind,
            State = r.State,
            Reason = r.Reason,
            RejectReason = r.RejectReason,
            Fill = r.Fill,
            Quantity = r.Quantity,
            FilledQuantity = r.FilledQuantity,
            LimitPrice = r.Prices?.Limit,
            StopPrice = r.Prices?.Stop,
        };
        // Readers on several threads agree on one instance.
        return Interlocked.CompareExchange(ref r.Object, e, null) ?? e;
    }

    OrderEvent IList<OrderEvent>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    bool ICollection<OrderEvent>.IsReadOnly => true;

    public void CopyTo(OrderEvent[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (arrayIndex < 0 || array.Length - arrayIndex < Count) throw new ArgumentException("The destination array is too short.", nameof(array));
        for (var i = 0; i < Count; i++) array[arrayIndex + i] = this[i];
    }

    public int IndexOf(OrderEvent item)
    {
        for (var i = 0; i < Count; i++)
            if (ReferenceEquals(this[i], item)) return i;
        return -1;
    }

    public bool Contains(OrderEvent item) => IndexOf(item) >= 0;

    private static NotSupportedException ReadOnly() => new("The order event log only grows as the engine records events.");
    void IList<OrderEvent>.Insert(int index, OrderEvent item) => throw ReadOnly();
    void IList<OrderEvent>.RemoveAt(int index) => throw ReadOnly();
    void ICollection<OrderEvent>.Add(OrderEvent item) => throw ReadOnly();
    void ICollection<OrderEvent>.Clear() => throw ReadOnly();
    bool ICollection<OrderEvent>.Remove(OrderEvent item) => throw ReadOnly();

    public IEnumerator<OrderEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
