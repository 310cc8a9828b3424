using Platform3.Core.Domain;

namespace Platform3.Trading.Orders;

/// <summary>
/// A live order, owned by the execution engine. Strategies read it; only the engine changes it, and every
/// change is an <see cref="OrderEvent"/>. Prices are exact decimals on the instrument's tick grid;
/// doubles mirror them for the simulator's per-bar comparisons.
/// </summary>
public sealed class Order
{
    private List<Order>? _children;
    private decimal? _limitPrice, _stopPrice;
    private PriceSnapshot? _prices;

    /// <summary>The limit and stop prices at one moment, shared by the recorded events until either changes.</summary>
    internal sealed class PriceSnapshot(decimal? limit, decimal? stop)
    {
        public readonly decimal? Limit = limit;
        public readonly decimal? Stop = stop;
    }

    /// <summary>The current prices as a shared snapshot; null when the order has neither (market orders).</summary>
    internal PriceSnapshot? Prices =>
        _prices ?? (_limitPrice is null && _stopPrice is null ? null : _prices = new PriceSnapshot(_limitPrice, _stopPrice));

    internal Order(OrderId id, OrderRequest request, string strategyId, DateTime createdAt)
    {
        Id = id;
        Instrument = request.Instrument;
        Side = request.Side;
        Type = request.Type;
        Quantity = request.Quantity;
        LimitPrice = request.LimitPrice;
        StopPrice = request.StopPrice;
        TrailingOffset = request.TrailingOffset;
        TimeInForce = request.TimeInForce;
        ExpireAt = request.ExpireAt;
        PositionId = request.PositionId;
        ReduceOnly = request.ReduceOnly;
        Tag = request.Tag;
        StrategyId = strategyId;
        CreatedAt = createdAt;
        State = OrderState.Initialized;
        SyncDoubles();
    }

    public OrderId Id { get; }
    public Instrument Instrument { get; }
    public OrderSide Side { get; }
    public OrderType Type { get; }
    /// <summary>Ordered units of base currency (a bracket child follows its parent's filled units).</summary>
    public decimal Quantity { get; internal set; }
    public decimal FilledQuantity { get; internal set; }
    public decimal LeavesQuantity => Quantity - FilledQuantity;
    public decimal? LimitPrice
    {
        get => _limitPrice;
        internal set { _limitPrice = value; _prices = null; }
    }
    /// <summary>The stop price; for a trailing stop, its current level once it has started trailing.</summary>
    public decimal? StopPrice
    {
        get => _stopPrice;
        internal set { _stopPrice = value; _prices = null; }
    }
    public decimal? TrailingOffset { get; internal set; }
    public TimeInForce TimeInForce { get; }
    /// <summary>UTC expiry: the GTD time, or the 17:00 New York close for DAY orders.</summary>
    public DateTime? ExpireAt { get; internal set; }
    public OrderState State { get; internal set; }
    /// <summary>Volume-weighted average fill price; 0 before the first fill.</summary>
    public decimal AvgFillPrice { get; internal set; }
    public OrderId? ParentId { get; internal set; }
    public IReadOnlyList<Order> Children => _children ?? (IReadOnlyList<Order>)[];
    /// <summary>OCO group id; 0 when the order is in none.</summary>
    public int OcoGroup { get; internal set; }
    /// <summary>The position this order closes (hedging), or the one its first fill opened.</summary>
    public long? PositionId { get; internal set; }
    public bool ReduceOnly { get; }
    public string? Tag { get; }
    public string StrategyId { get; }
    public DateTime CreatedAt { get; }
    public DateTime? ClosedAt { get; internal set; }
    public RejectReason RejectReason { get; internal set; }
    /// <summary>The reason given with the latest event.</summary>
    public string? LastReason { get; internal set; }
    /// <summary>A stop-limit whose stop was touched (now a limit), or a stop that fired.</summary>
    public bool IsTriggered { get; internal set; }
    /// <summary>A bracket child waiting for its parent's first fill.</summary>
    public bool IsContingent { get; internal set; }

    public bool IsBuy => Side == OrderSide.Buy;
    public bool IsWorking => State.IsWorking();
    public bool IsTerminal => State.IsTerminal();

    // Simulator state. Doubles mirror the decimal prices so per-bar checks need no decimal arithmetic.
    internal double LimitD;
    internal double StopD;
    internal double OffsetD;
    /// <summary>UTC ticks from which the order can fill (submission time plus latency).</summary>
    internal long ActiveFromTicks;
    /// <summary>UTC ticks at which it expires; long.MaxValue for none.</summary>
    internal long ExpireTicks = long.MaxValue;
    /// <summary>Best quote seen by a trailing stop since it became active (NaN before).</summary>
    internal double TrailAnchor = double.NaN;
    /// <summary>Set when the first evaluation of an IOC/FOK order has happened.</summary>
    internal bool FirstLookDone;
    internal long FillBarTicks = long.MinValue;
    internal decimal FilledThisBar;

    internal void AddChild(Order child) => (_children ??= []).Add(child);

    internal void SyncDoubles()
    {
        LimitD = LimitPrice is { } l ? (double)l : double.NaN;
        StopD = StopPrice is { } s ? (double)s : double.NaN;
        OffsetD = TrailingOffset is { } o ? (double)o : double.NaN;
    }

    public override string ToString() =>
        $"{Id} {Side} {Quantity} {Instrument.Symbol} {Type}" +
        (LimitPrice is { } l ? $" lim {l}" : "") + (StopPrice is { } s ? $" stp {s}" : "") + $" {State}";
}
