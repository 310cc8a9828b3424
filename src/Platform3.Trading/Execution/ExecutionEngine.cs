using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Execution;

/// <summary>
/// The order management system. It validates and registers orders, runs pre-trade checks, sends orders to
/// the venue, applies the venue's reports to orders and the account, and handles contingencies itself
/// (bracket children, OCO groups, cancelling reduce-only orders of a closed position), so every venue
/// behaves the same. Every order change is an <see cref="OrderEvent"/> published on the bus and handed to
/// the owning strategy.
/// </summary>
public sealed class ExecutionEngine : IExecutionSink
{
    private readonly EngineClock _clock;
    private readonly Account _account;
    private readonly FxCalendar _calendar;
    private readonly IExecutionClient _client;
    private readonly AppendOnlyList<Order> _orders = new();
    // Orders not yet in a terminal state, in id order: what cancels and clean-ups scan.
    private readonly List<Order> _live = [];
    private readonly OrderEventLog _events;
    private readonly List<IPreTradeCheck> _checks = [];
    private readonly Dictionary<int, List<Order>> _oco = [];
    private readonly Topic<OrderEvent> _orderTopic;
    private readonly Topic<PositionEvent> _positionTopic;
    private readonly Topic<SwapEvent> _swapTopic;
    private readonly Topic<MarginEvent> _marginTopic;
    private long _sequence;
    private int _nextOco = 1;

    public ExecutionEngine(EngineClock clock, MessageBus bus, Account account, FxCalendar calendar, IExecutionClient client)
    {
        _clock = clock;
        _account = account;
        _calendar = calendar;
        _client = client;
        _events = new OrderEventLog(_orders);
        Bus = bus;
        _orderTopic = bus.Topic<OrderEvent>();
        _positionTopic = bus.Topic<PositionEvent>();
        _swapTopic = bus.Topic<SwapEvent>();
        _marginTopic = bus.Topic<MarginEvent>();
        client.Attach(this);
    }

    public MessageBus Bus { get; }
    public Account Account => _account;
    public IExecutionClient Client => _client;

    /// <summary>Keep every order event (the backtest result needs them; a long live session may not).</summary>
    public bool RecordEvents { get; set; } = true;

    public IReadOnlyList<Order> Orders => _orders;
    public IReadOnlyList<OrderEvent> Events => _events;

    /// <summary>Receives every order event after it is published (the strategy host routes it to the owner).</summary>
    internal Action<OrderEvent>? OrderEventSink { get; set; }

    /// <summary>
    /// False while no receiver behind <see cref="OrderEventSink"/> handles order events (no hosted strategy
    /// overrides OnOrderEvent): then, with no bus subscriber either, an event is only recorded, not built.
    /// </summary>
    internal bool SinkWantsEvents { get; set; } = true;

    /// <summary>Spread cost of all fills so far (account currency, unrounded), summed in fill order.</summary>
    public decimal SpreadCostTotal { get; private set; }

    /// <summary>Slippage cost of all fills so far (account currency, unrounded), summed in fill order.</summary>
    public decimal SlippageCostTotal { get; private set; }
    internal Action<PositionEvent>? PositionEventSink { get; set; }

    public void AddPreTradeCheck(IPreTradeCheck check) => _checks.Add(check);

    public Order? Get(OrderId id) => id.Value >= 1 && id.Value <= _orders.Count ? _orders[(int)id.Value - 1] : null;

    /// <summary>Working and waiting (contingent) orders, optionally of one instrument.</summary>
    public IEnumerable<Order> OpenOrders(Instrument? instrument = null)
    {
        foreach (var o in _live.ToArray())
            if (!o.IsTerminal && (instrument is null || o.Instrument.Id == instrument.Id)) yield return o;
    }

    /// <summary>How many orders <see cref="OpenOrders"/> would list for the strategy (any strategy when null), without a copy or an iterator.</summary>
    public int CountOpenOrders(Instrument? instrument = null, string? strategyId = null)
    {
        var n = 0;
        foreach (var o in _live)
            if (!o.IsTerminal && (instrument is null || o.Instrument.Id == instrument.Id) && (strategyId is null || o.StrategyId == strategyId)) n++;
        return n;
    }

    /// <summary>True when some order (of the instrument, if given) is not yet done.</summary>
    public bool HasOpenOrders(Instrument? instrument = null)
    {
        foreach (var o in _live)
            if (instrument is null || o.Instrument.Id == instrument.Id) return true;
        return false;
    }

    // ------------------------------------------------------------------ commands

    /// <summary>
    /// Validates and submits an order (with its bracket children when it has a stop-loss or take-profit).
    /// An invalid request returns an order in state Rejected with the reason; nothing is adjusted.
    /// </summary>
    public Order Submit(OrderRequest request, string strategyId = "manual")
    {
        var now = _clock.UtcNow;
        var order = Register(new Order(new OrderId(_orders.Count + 1), request, strategyId, now));

        var id = request.Instrument.Id;
        var rejection = OrderValidator.Validate(request, now, _account.Quotes.Bid(id), _account.Quotes.Ask(id));
        if (!rejection.IsRejected) rejection = CheckAgainstAccount(request);
        for (var i = 0; i < _checks.Count && !rejection.IsRejected; i++)
        {
            var r = _checks[i].Check(request, _account);
            if (r.IsRejected) rejection = new Rejection(RejectReason.PreTradeCheck, r.Message);
        }
        return rejection.IsRejected ? Reject(order, rejection, now) : Send(order, request, strategyId, now);
    }

    /// <summary>
    /// <see cref="Submit(OrderRequest, string)"/> for a plain GTC market order, without building its request: such a request has
    /// no prices, no expiry, no position and no bracket, so of the validation only the size check and the priced check
    /// can refuse it. Pre-trade checks are handed the request, so with any registered the general path runs.
    /// </summary>
    internal Order SubmitMarket(Instrument instrument, OrderSide side, decimal units, string? tag, string strategyId)
    {
        if (_checks.Count > 0) return Submit(OrderRequest.Market(instrument, side, units, tag), strategyId);
        var now = _clock.UtcNow;
        var order = new Order(new OrderId(_orders.Count + 1), instrument, side, units, tag, strategyId, now);
        // The checks read the instrument, the size and the quotes only: done before the creation event is recorded (nothing
        // between moves the clock or a quote), they decide whether the order goes the direct way.
        var rejection = SizeIsKnownValid(instrument, units) ? Rejection.None : OrderValidator.ValidateSize(instrument, units);
        if (!rejection.IsRejected) rejection = CheckPriced(instrument);
        if (rejection.IsRejected || !RecordsDirectly())
        {
            Register(order);
            return rejection.IsRejected ? Reject(order, rejection, now) : Send(order, null, strategyId, now);
        }
        _orders.Add(order);
        CreateAndSubmit(order, now);
        _client.Submit(order);
        return order;
    }

    /// <summary>Records a valid plain market order's creation and submission directly (off only to test that it changes nothing).</summary>
    internal bool DirectMarketEvents { get; set; } = true;

    /// <summary>True when an order event now would only be recorded (nobody to hand it to), and the direct way is on.</summary>
    private bool RecordsDirectly() =>
        DirectMarketEvents && RecordEvents && !_orderTopic.HasSubscribers && (!SinkWantsEvents || OrderEventSink is null);

    private int _createdReason = -1, _submittedReason = -1;

    /// <summary>Orders <see cref="CreateAndSubmit"/> recorded (for tests).</summary>
    internal long DirectMarketOrders { get; private set; }

    /// <summary>
    /// The Initialized and Submitted events of a fresh, valid plain GTC market order that nobody listens to, as Register and Send
    /// record them through Emit: a fresh order is Initialized, and Initialized → Submitted is legal, so there is no transition to
    /// check; the order joins the live list; a GTC order without a bracket has no expiry and nothing else to set. The two
    /// records share the quantities (packed once) and the reasons' numbers are kept (looked up at first use, so the string table
    /// numbers them in the same order as the general path).
    /// </summary>
    private void CreateAndSubmit(Order order, DateTime now)
    {
        DirectMarketOrders++;
        _live.Add(order);
        var index = _orders.Count - 1;
        var quantity = _events.Pack(order.Quantity);
        var filled = _events.Pack(order.FilledQuantity);
        if (_createdReason < 0) _createdReason = _events.ReasonNumber(Created);
        _events.AddPlain(++_sequence, now, index, OrderEventKind.Initialized, OrderState.Initialized, _createdReason, quantity, filled);
        order.State = OrderState.Submitted;
        if (_submittedReason < 0) _submittedReason = _events.ReasonNumber(SubmittedReason);
        _events.AddPlain(++_sequence, now, index, OrderEventKind.Submitted, OrderState.Submitted, _submittedReason, quantity, filled);
        order.LastReason = SubmittedReason;
    }

    private const string Created = "created", SubmittedReason = "submitted";

    /// <summary>Remembers the last size found valid (off only to test that it changes nothing).</summary>
    internal bool RemembersValidSize { get; set; } = true;

    // The last instrument and size (by bits) the size check passed: a strategy orders the same size again and again, and the
    // check is a function of the two alone (an instrument never changes), so the same pair passes again.
    private Instrument? _validSizeInstrument;
    private decimal _validSize;

    private bool SizeIsKnownValid(Instrument instrument, decimal units)
    {
        if (ReferenceEquals(instrument, _validSizeInstrument) && ExactDecimal.SameBits(units, _validSize)) return true;
        if (!RemembersValidSize || OrderValidator.ValidateSize(instrument, units).IsRejected) return false;
        _validSizeInstrument = instrument;
        _validSize = units;
        return true;
    }

    private Order Register(Order order)
    {
        _orders.Add(order);
        Emit(order, OrderEventKind.Initialized, Created);
        return order;
    }

    private Order Reject(Order order, in Rejection rejection, DateTime now)
    {
        order.RejectReason = rejection.Reason;
        order.ClosedAt = now;
        Emit(order, OrderEventKind.Rejected, rejection.Message, rejection.Reason);
        return order;
    }

    /// <summary>Sends a validated order to the venue (with its bracket children when the request has any).</summary>
    private Order Send(Order order, OrderRequest? request, string strategyId, DateTime now)
    {
        if (order.TimeInForce == TimeInForce.Day)
            order.ExpireAt = _calendar.TradingDayEndUtc(_calendar.TradingDayOf(now));
        order.ExpireTicks = order.ExpireAt?.Ticks ?? long.MaxValue;
        if (request is { IsBracket: true }) AttachBracket(order, request, strategyId, now);

        Emit(order, OrderEventKind.Submitted, SubmittedReason);
        _client.Submit(order);
        return order;
    }

    /// <summary>Submits orders as one OCO group: the first fill of any cancels the others.</summary>
    public IReadOnlyList<Order> SubmitOco(string strategyId, params OrderRequest[] requests)
    {
        if (requests.Length < 2) throw new ArgumentException("An OCO group needs at least two orders.", nameof(requests));
        var group = _nextOco++;
        var members = new List<Order>();
        _oco[group] = members;
        var result = new List<Order>();
        foreach (var r in requests)
        {
            // Register the group before submitting so a fill inside Submit already sees its siblings.
            var order = Submit(r, strategyId);
            result.Add(order);
            if (order.State == OrderState.Rejected) continue;
            order.OcoGroup = group;
            members.Add(order);
            if (order.State == OrderState.Filled) CancelOcoSiblings(order);
        }
        return result;
    }

    private void AttachBracket(Order parent, OrderRequest request, string strategyId, DateTime now)
    {
        var group = _nextOco++;
        var members = new List<Order>();
        _oco[group] = members;
        var exit = request.Side.Opposite();
        if (request.StopLoss is { } sl)
            members.Add(NewChild(parent, new OrderRequest
            {
                Instrument = request.Instrument, Side = exit, Type = OrderType.Stop, Quantity = request.Quantity,
                StopPrice = sl, ReduceOnly = true, Tag = "stop-loss",
            }, strategyId, now, group));
        if (request.TakeProfit is { } tp)
            members.Add(NewChild(parent, new OrderRequest
            {
                Instrument = request.Instrument, Side = exit, Type = OrderType.Limit, Quantity = request.Quantity,
                LimitPrice = tp, ReduceOnly = true, Tag = "take-profit",
            }, strategyId, now, group));
    }

    private Order NewChild(Order parent, OrderRequest request, string strategyId, DateTime now, int group)
    {
        var child = new Order(new OrderId(_orders.Count + 1), request, strategyId, now)
        {
            ParentId = parent.Id,
            IsContingent = true,
            OcoGroup = group,
        };
        _orders.Add(child);
        parent.AddChild(child);
        Emit(child, OrderEventKind.Initialized, "bracket child: waits for the entry's first fill");
        return child;
    }

    /// <summary>Requests a cancel. Returns false (and records a CancelRejected event) when the order cannot be cancelled.</summary>
    public bool Cancel(OrderId id, string reason = "cancelled by strategy")
    {
        var order = Get(id);
        if (order is null) return false;
        if (order.IsTerminal)
        {
            Emit(order, OrderEventKind.CancelRejected, $"cannot cancel: order is {order.State}", RejectReason.OrderNotWorking);
            return false;
        }
        if (order.State == OrderState.Initialized)
        {
            Cancelled(order, reason);
            return true;
        }
        _client.Cancel(order, reason);
        return true;
    }

    /// <summary>Changes quantity and/or prices of a live order. Invalid values are refused with a ModifyRejected event.</summary>
    public bool Modify(OrderId id, decimal? quantity = null, decimal? limitPrice = null, decimal? stopPrice = null)
    {
        var order = Get(id);
        if (order is null) return false;
        var r = ValidateModify(order, quantity, limitPrice, stopPrice);
        if (r.IsRejected)
        {
            Emit(order, OrderEventKind.ModifyRejected, r.Message, r.Reason);
            return false;
        }
        if (order.State == OrderState.Initialized)
        {
            Apply(order, quantity, limitPrice, stopPrice);
            Updated(order, "modified");
            return true;
        }
        _client.Modify(order, quantity, limitPrice, stopPrice);
        return true;
    }

    internal static void Apply(Order order, decimal? quantity, decimal? limitPrice, decimal? stopPrice)
    {
        if (quantity is { } q) order.Quantity = q;
        if (limitPrice is { } l) order.LimitPrice = l;
        if (stopPrice is { } s) order.StopPrice = s;
        order.SyncDoubles();
    }

    private static Rejection ValidateModify(Order order, decimal? quantity, decimal? limitPrice, decimal? stopPrice)
    {
        if (order.IsTerminal) return new(RejectReason.OrderNotWorking, $"cannot modify: order is {order.State}");
        if (quantity is null && limitPrice is null && stopPrice is null) return new(RejectReason.InvalidModify, "modify: nothing to change");
        if (quantity is { } q)
        {
            var r = OrderValidator.ValidateSize(order.Instrument, q);
            if (r.IsRejected) return r;
            if (q < order.FilledQuantity)
                return new(RejectReason.InvalidModify, $"quantity: {q} is below the {order.FilledQuantity} units already filled");
        }
        if (limitPrice is { } l)
        {
            if (order.Type is not (OrderType.Limit or OrderType.StopLimit))
                return new(RejectReason.InvalidModify, $"limit price: a {order.Type} order has none");
            var r = OrderValidator.ValidatePrice(order.Instrument, "limit price", l);
            if (r.IsRejected) return r;
        }
        if (stopPrice is { } s)
        {
            if (order.Type is not (OrderType.Stop or OrderType.StopLimit))
                return new(RejectReason.InvalidModify, $"stop price: a {order.Type} order has none");
            var r = OrderValidator.ValidatePrice(order.Instrument, "stop price", s);
            if (r.IsRejected) return r;
        }
        return Rejection.None;
    }

    /// <summary>Closes a position with a reduce-only market order.</summary>
    public Order ClosePosition(Position position, string strategyId = "manual", string? tag = null) =>
        Submit(new OrderRequest
        {
            Instrument = position.Instrument,
            Side = position.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy,
            Quantity = position.Quantity,
            PositionId = position.Id,
            ReduceOnly = true,
            Tag = tag ?? "close",
        }, strategyId);

    /// <summary>Cancels every open order and closes every position (of one instrument, or all).</summary>
    public void Flatten(string strategyId = "manual", Instrument? instrument = null, string reason = "flatten")
    {
        foreach (var o in OpenOrders(instrument).ToArray()) Cancel(o.Id, reason);
        foreach (var p in _account.OpenPositions.ToArray())
            if (instrument is null || p.Instrument.Id == instrument.Id) ClosePosition(p, strategyId, reason);
    }

    private Rejection CheckPriced(Instrument instrument) => _account.Converter.IsPriced(instrument)
        ? Rejection.None
        : new(RejectReason.UnknownInstrument, $"instrument: {instrument.Symbol} has no market data in this run");

    private Rejection CheckAgainstAccount(OrderRequest r)
    {
        var instrument = r.Instrument;
        var priced = CheckPriced(instrument);
        if (priced.IsRejected) return priced;
        if (r.PositionId is { } pid)
        {
            var p = _account.FindOpenUnexposed(pid);
            if (p is null || p.Instrument.Id != instrument.Id)
                return new(RejectReason.PositionNotFound, $"position_id: no open position P{pid} on {instrument.Symbol}");
            if ((p.Side == PositionSide.Long) == (r.Side == OrderSide.Buy))
                return new(RejectReason.ReduceOnlyViolation, $"side: closing P{pid} ({p.Side}) needs a {(p.Side == PositionSide.Long ? "sell" : "buy")}");
            if (r.Quantity > p.Quantity)
                return new(RejectReason.ReduceOnlyViolation, $"quantity: {r.Quantity} exceeds P{pid}'s {p.Quantity} units");
        }
        else if (r.ReduceOnly)
        {
            var net = _account.NetQuantity(instrument);
            var sign = r.Side == OrderSide.Buy ? 1 : -1;
            if (net == 0 || Math.Sign(net) == sign)
                return new(RejectReason.ReduceOnlyViolation, $"reduce_only: no {(sign > 0 ? "short" : "long")} position on {instrument.Symbol} to reduce");
            if (r.Quantity > Math.Abs(net))
                return new(RejectReason.ReduceOnlyViolation, $"quantity: {r.Quantity} exceeds the {Math.Abs(net)} units held");
        }
        return Rejection.None;
    }

    // ------------------------------------------------------------------ venue reports (IExecutionSink)

    public void Accepted(Order order) => Emit(order, OrderEventKind.Accepted, "accepted");

    public void Rejected(Order order, RejectReason reason, string message)
    {
        order.RejectReason = reason;
        order.ClosedAt = _clock.UtcNow;
        Emit(order, OrderEventKind.Rejected, message, reason);
        CancelWaitingChildren(order, "parent rejected");
    }

    public void Triggered(Order order)
    {
        order.IsTriggered = true;
        Emit(order, OrderEventKind.Triggered, "stop touched: working as a limit");
    }

    public void Filled(Order order, Fill fill)
    {
        var data = fill.Data;
        Filled(order, data, fill);
    }

    /// <summary>A fill reported as plain data (the simulator's path): the <see cref="Fill"/> object is built only if an event object needs it.</summary>
    internal void Filled(Order order, in FillData fill, Fill? built = null)
    {
        var before = order.FilledQuantity;
        order.FilledQuantity = ExactDecimal.PlusPlainZero(before, fill.Quantity);
        order.AvgFillPrice = before == 0 ? fill.Price : (order.AvgFillPrice * before + fill.Price * fill.Quantity) / order.FilledQuantity;
        var complete = order.FilledQuantity >= order.Quantity;
        if (complete) order.ClosedAt = fill.Time;

        SpreadCostTotal += fill.SpreadCost;
        SlippageCostTotal += fill.SlippageCost;
        var outcome = _account.ApplyFill(order, fill);
        EmitFill(order, complete ? OrderEventKind.Filled : OrderEventKind.PartiallyFilled,
            fill.IsLiquidation ? "stop-out" : complete ? "filled" : "partially filled", fill, built);
        PublishPositions(fill.Time, outcome);

        if (order.OcoGroup != 0) CancelOcoSiblings(order);
        if (outcome.Closed is { } closed) CancelOrdersOfClosedPosition(closed, order);
        if (order.HasChildren) ReleaseChildren(order);
        _account.Recycle(outcome.Closed);
    }

    public void Cancelled(Order order, string reason)
    {
        order.ClosedAt = _clock.UtcNow;
        Emit(order, OrderEventKind.Cancelled, reason);
        if (order.FilledQuantity == 0) CancelWaitingChildren(order, "parent cancelled");
    }

    public void Expired(Order order)
    {
        order.ClosedAt = _clock.UtcNow;
        Emit(order, OrderEventKind.Expired, order.TimeInForce == TimeInForce.Day ? "DAY order expired at the 17:00 New York close" : "GTD expiry reached");
        if (order.FilledQuantity == 0) CancelWaitingChildren(order, "parent expired");
    }

    public void Updated(Order order, string reason) => Emit(order, OrderEventKind.Updated, reason);

    public void ModifyRejected(Order order, RejectReason reason, string message) =>
        Emit(order, OrderEventKind.ModifyRejected, message, reason);

    public void SwapCharged(Position position, decimal amountInQuote, int days)
    {
        var entry = _account.ApplySwap(position, amountInQuote, _clock.UtcNow, days);
        if (_swapTopic.HasSubscribers) _swapTopic.Publish(new SwapEvent(entry.Time, Account.Expose(position)!, days, amountInQuote, entry.Amount));
    }

    public void Margin(MarginEvent marginEvent) => _marginTopic.Publish(marginEvent);

    public Order CreateLiquidationOrder(Position position, string reason)
    {
        var now = _clock.UtcNow;
        var owner = Get(position.OpeningOrderId)?.StrategyId ?? "broker";
        var request = new OrderRequest
        {
            Instrument = position.Instrument,
            Side = position.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy,
            Quantity = position.Quantity,
            PositionId = position.Id,
            ReduceOnly = true,
            Tag = "stop-out",
        };
        var order = new Order(new OrderId(_orders.Count + 1), request, owner, now);
        _orders.Add(order);
        Emit(order, OrderEventKind.Initialized, reason);
        Emit(order, OrderEventKind.Submitted, reason);
        Emit(order, OrderEventKind.Accepted, reason);
        return order;
    }

    // ------------------------------------------------------------------ contingencies

    private void ReleaseChildren(Order parent)
    {
        foreach (var child in parent.Children)
        {
            if (child.IsTerminal) continue;
            if (_account.Mode == PositionMode.Hedging) child.PositionId = parent.PositionId;
            if (child.State == OrderState.Initialized)
            {
                child.Quantity = parent.FilledQuantity;
                child.IsContingent = false;
                child.ExpireTicks = long.MaxValue;
                Emit(child, OrderEventKind.Submitted, $"entry {parent.Id} filled: bracket child released");
                _client.Submit(child);
            }
            else if (child.Quantity != parent.FilledQuantity)
            {
                _client.Modify(child, parent.FilledQuantity, null, null);
            }
        }
    }

    private void CancelWaitingChildren(Order parent, string reason)
    {
        foreach (var child in parent.Children)
            if (child.State == OrderState.Initialized) Cancelled(child, reason);
    }

    private void CancelOcoSiblings(Order filled)
    {
        if (!_oco.TryGetValue(filled.OcoGroup, out var members)) return;
        foreach (var m in members)
        {
            if (m == filled || m.IsTerminal) continue;
            Cancel(m.Id, string.Create(CultureInfo.InvariantCulture, $"OCO: {filled.Id} filled"));
        }
    }

    private void CancelOrdersOfClosedPosition(Position closed, Order filledBy)
    {
        // Reduce-only orders have nothing left to reduce once their position is gone.
        if (_live.Count == 0) return;
        var hedging = _account.Mode == PositionMode.Hedging;
        foreach (var o in _live.ToArray())
        {
            if (o == filledBy || o.IsTerminal || !o.ReduceOnly || o.Instrument.Id != closed.Instrument.Id) continue;
            if (o.State == OrderState.Initialized) continue; // waiting children belong to an entry that has not filled
            if (hedging && o.PositionId != closed.Id) continue;
            if (!hedging && _account.NetPositionUnexposed(closed.Instrument) is { } p && (p.Side == PositionSide.Long) != (o.Side == OrderSide.Buy))
                continue; // a new position (after a flip) that this order does reduce
            Cancel(o.Id, string.Create(CultureInfo.InvariantCulture, $"position P{closed.Id} closed"));
        }
    }

    private void PublishPositions(DateTime time, in FillOutcome outcome)
    {
        // Nobody listening (the usual backtest): skip building the events.
        if (!_positionTopic.HasSubscribers && PositionEventSink is null) return;
        if (outcome.Closed is { } c) Publish(new PositionEvent(time, PositionEventKind.Closed, c, outcome.Realised, _account.Trades[^1]));
        if (outcome.Changed is { } ch) Publish(new PositionEvent(time, PositionEventKind.Changed, ch, outcome.Closed is null ? outcome.Realised : 0, null));
        if (outcome.Opened is { } o) Publish(new PositionEvent(time, PositionEventKind.Opened, o, 0, null));
    }

    private void Publish(PositionEvent e)
    {
        Account.Expose(e.Position);
        _positionTopic.Publish(e);
        PositionEventSink?.Invoke(e);
    }

    // ------------------------------------------------------------------ events

    private void Emit(Order order, OrderEventKind kind, string reason, RejectReason rejectReason = RejectReason.None)
    {
        Transition(order, kind, reason);
        var time = _clock.UtcNow;
        var sequence = ++_sequence;
        var sink = SinkWantsEvents ? OrderEventSink : null;
        if (!_orderTopic.HasSubscribers && sink is null)
        {
            // Nobody to hand it to: record it compactly; the log builds the object if it is ever read.
            if (RecordEvents)
                _events.Add(sequence, time, order, kind, order.State, reason, rejectReason, -1, order.Quantity, order.FilledQuantity, order.Prices);
            return;
        }
        Publish(NewEvent(sequence, time, order, kind, reason, rejectReason, null), sink);
    }

    /// <summary>A fill event: as <see cref="Emit"/>, with the fill kept as a record (and built as an object only for a built event).</summary>
    private void EmitFill(Order order, OrderEventKind kind, string reason, in FillData fill, Fill? built)
    {
        Transition(order, kind, reason);
        var sequence = ++_sequence;
        var sink = SinkWantsEvents ? OrderEventSink : null;
        if (!_orderTopic.HasSubscribers && sink is null)
        {
            if (RecordEvents)
                _events.Add(sequence, fill.Time, order, kind, order.State, reason, RejectReason.None, _events.AddFill(fill),
                    order.Quantity, order.FilledQuantity, order.Prices);
            return;
        }
        Publish(NewEvent(sequence, fill.Time, order, kind, reason, RejectReason.None, built ?? new Fill(fill)), sink);
    }

    private void Transition(Order order, OrderEventKind kind, string reason)
    {
        // Every order's usual steps, legal by the table (OrderStateMachine: Submitted → Accepted, Accepted or PartiallyFilled →
        // Filled), taken without looking the target and the legality up; Filled is terminal, so the order leaves the live list.
        var from = order.State;
        if (kind == OrderEventKind.Accepted && from == OrderState.Submitted) order.State = OrderState.Accepted;
        else if (kind == OrderEventKind.Filled && from is OrderState.Accepted or OrderState.PartiallyFilled)
        {
            order.State = OrderState.Filled;
            _live.Remove(order);
        }
        else
        {
            OrderStateMachine.EnsureLegal(order, kind);
            if (OrderStateMachine.TargetState(kind) is { } to)
            {
                order.State = to;
                if (kind == OrderEventKind.Initialized) _live.Add(order);
                else if (to.IsTerminal()) _live.Remove(order);
            }
        }
        order.LastReason = reason;
    }

    private OrderEvent NewEvent(long sequence, DateTime time, Order order, OrderEventKind kind, string reason, RejectReason rejectReason, Fill? fill) => new()
    {
        Sequence = sequence,
        Time = time,
        Order = order,
        Kind = kind,
        State = order.State,
        Reason = reason,
        RejectReason = rejectReason,
        Fill = fill,
        Quantity = order.Quantity,
        FilledQuantity = order.FilledQuantity,
        LimitPrice = order.LimitPrice,
        StopPrice = order.StopPrice,
    };

    private void Publish(OrderEvent e, Action<OrderEvent>? sink)
    {
        if (RecordEvents) _events.Add(e, e.Order.Prices);
        _orderTopic.Publish(e);
        sink?.Invoke(e);
    }
}
