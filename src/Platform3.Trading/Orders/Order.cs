using Platform3.Core.Domain;
using Platform3.Trading.Accounting;

namespace Platform3.Trading.Orders;

/// <summary>
/// A live order, owned by the execution engine. Strategies read it; only the engine changes it, and every
/// change is an <see cref="OrderEvent"/>. Prices are exact decimals on the instrument's tick grid;
/// doubles mirror them for the simulator's per-bar comparisons.
/// </summary>
public sealed class Order
{
    // What only some orders have lives apart, created for an order that has one: limit, stop and trailing prices
    // with their simulator mirrors, an expiry, a bracket parent or children, the per-bar fill cap's count. A plain
    // market order (most of a backtest's orders, all kept in the result) has none and is about 160 bytes smaller.
    private Pricing? _pricing;

    private sealed class Pricing
    {
        public decimal? Limit, Stop, Offset;
        public double LimitD = double.NaN, StopD = double.NaN, OffsetD = double.NaN, TrailAnchor = double.NaN;
        public PriceSnapshot? Snapshot;
        public DateTime? ExpireAt;
        public OrderId? ParentId;
        public List<Order>? Children;
        public long FillBarTicks = long.MinValue;
        public decimal FilledThisBar;
    }

    private Pricing Priced() => _pricing ??= new Pricing();

    /// <summary>The limit and stop prices at one moment, shared by the recorded events until either changes.</summary>
    internal sealed class PriceSnapshot(decimal? limit, decimal? stop)
    {
        public readonly decimal? Limit = limit;
        public readonly decimal? Stop = stop;
        /// <summary>Where the event log keeps this snapshot (−1 until an event records it).</summary>
        public int LogIndex = -1;
    }

    /// <summary>The current prices as a shared snapshot; null when the order has neither (market orders).</summary>
    internal PriceSnapshot? Prices =>
        _pricing is not { } p || (p.Limit is null && p.Stop is null) ? null : p.Snapshot ??= new PriceSnapshot(p.Limit, p.Stop);

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

    /// <summary>A plain GTC market order, as the request-taking constructor would build it from <see cref="OrderRequest.Market"/>.</summary>
    internal Order(OrderId id, Instrument instrument, OrderSide side, decimal quantity, string? tag, string strategyId, DateTime createdAt)
    {
        Id = id;
        Instrument = instrument;
        Side = side;
        Type = OrderType.Market;
        Quantity = quantity;
        TimeInForce = TimeInForce.Gtc;
        Tag = tag;
        StrategyId = strategyId;
        CreatedAt = createdAt;
        State = OrderState.Initialized;
    }

    public OrderId Id { get; }
    public Instrument Instrument { get; }
    public OrderSide Side { get; }
    public OrderType Type { get; }
    /// <summary>Ordered units of base currency (a bracket child follows its parent's filled units).</summary>
    public decimal Quantity { get; internal set; }
    public decimal FilledQuantity { get; internal set; }
    public decimal LeavesQuantity => ExactDecimal.MinusPlainZero(Quantity, FilledQuantity);
    public decimal? LimitPrice
    {
        get => _pricing?.Limit;
        internal set
        {
            if (value is null && _pricing is null) return;
            var p = Priced();
            p.Limit = value;
            p.Snapshot = null;
        }
    }
    /// <summary>The stop price; for a trailing stop, its current level once it has started trailing.</summary>
    public decimal? StopPrice
    {
        get => _pricing?.Stop;
        internal set
        {
            if (value is null && _pricing is null) return;
            var p = Priced();
            p.Stop = value;
            p.Snapshot = null;
        }
    }
    public decimal? TrailingOffset
    {
        get => _pricing?.Offset;
        internal set
        {
            if (value is null && _pricing is null) return;
            Priced().Offset = value;
        }
    }
    public TimeInForce TimeInForce { get; }
    /// <summary>UTC expiry: the GTD time, or the 17:00 New York close for DAY orders.</summary>
    public DateTime? ExpireAt
    {
        get => _pricing?.ExpireAt;
        internal set
        {
            if (value is null && _pricing is null) return;
            Priced().ExpireAt = value;
        }
    }
    public OrderState State { get; internal set; }
    /// <summary>Volume-weighted average fill price; 0 before the first fill.</summary>
    public decimal AvgFillPrice { get; internal set; }
    public OrderId? ParentId
    {
        get => _pricing?.ParentId;
        internal set
        {
            if (value is null && _pricing is null) return;
            Priced().ParentId = value;
        }
    }
    public IReadOnlyList<Order> Children => _pricing?.Children ?? (IReadOnlyList<Order>)[];
    internal bool HasChildren => _pricing?.Children is { Count: > 0 };
    /// <summary>OCO group id; 0 when the order is in none.</summary>
    public int OcoGroup { get; internal set; }
    /// <summary>The position this order closes (hedging), or the one its first fill opened.</summary>
    public long? PositionId
    {
        get => _hasPositionId ? _positionId : null;
        internal set { _positionId = value.GetValueOrDefault(); _hasPositionId = value.HasValue; }
    }
    public bool ReduceOnly { get; }
    public string? Tag { get; }
    public string StrategyId { get; }
    public DateTime CreatedAt { get; }
    public DateTime? ClosedAt
    {
        get => _hasClosedAt ? _closedAt : null;
        internal set { _closedAt = value.GetValueOrDefault(); _hasClosedAt = value.HasValue; }
    }

    // The nullable properties' values and flags apart: a Nullable<long> or Nullable<DateTime> field takes 16 bytes, and
    // every order (all kept in the result) would carry both; the flags pack with the other one-byte fields.
    private long _positionId;
    private DateTime _closedAt;
    private bool _hasPositionId, _hasClosedAt;
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
    internal double LimitD => _pricing?.LimitD ?? double.NaN;
    internal double StopD => _pricing?.StopD ?? double.NaN;
    internal double OffsetD => _pricing?.OffsetD ?? double.NaN;
    /// <summary>UTC ticks from which the order can fill (submission time plus latency).</summary>
    internal long ActiveFromTicks;
    /// <summary>UTC ticks at which it expires; long.MaxValue for none.</summary>
    internal long ExpireTicks = long.MaxValue;
    /// <summary>Best quote seen by a trailing stop since it became active (NaN before).</summary>
    internal double TrailAnchor
    {
        get => _pricing?.TrailAnchor ?? double.NaN;
        set => Priced().TrailAnchor = value;
    }
    /// <summary>Set when the first evaluation of an IOC/FOK order has happened.</summary>
    internal bool FirstLookDone;
    /// <summary>The step in which <see cref="FilledThisBar"/> was counted (only fill models that cap fills per bar count).</summary>
    internal long FillBarTicks
    {
        get => _pricing?.FillBarTicks ?? long.MinValue;
        set => Priced().FillBarTicks = value;
    }
    internal decimal FilledThisBar
    {
        get => _pricing?.FilledThisBar ?? 0m;
        set => Priced().FilledThisBar = value;
    }

    internal void AddChild(Order child) => (Priced().Children ??= []).Add(child);

    internal void SyncDoubles()
    {
        if (_pricing is not { } p) return; // no prices: the mirrors read NaN
        p.LimitD = p.Limit is { } l ? (double)l : double.NaN;
        p.StopD = p.Stop is { } s ? (double)s : double.NaN;
        p.OffsetD = p.Offset is { } o ? (double)o : double.NaN;
    }

    public override string ToString() =>
        $"{Id} {Side} {Quantity} {Instrument.Symbol} {Type}" +
        (LimitPrice is { } l ? $" lim {l}" : "") + (StopPrice is { } s ? $" stp {s}" : "") + $" {State}";
}
