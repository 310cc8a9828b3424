using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Execution;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Kernel;

/// <summary>A strategy handler threw: the run stops and the error names the strategy, the handler and the time.</summary>
public sealed class StrategyException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Hosts the strategies of a kernel: gives each its context, starts and stops them, and routes bars,
/// quotes, timers and order events to the right one. A strategy's exception stops the run with its name.
/// </summary>
public sealed class StrategyHost
{
    private readonly TradingKernel _kernel;
    private readonly List<Strategy> _strategies = [];
    private readonly Dictionary<string, Strategy> _byId = new(StringComparer.Ordinal);

    private bool _anyHandlesOrderEvents;

    internal StrategyHost(TradingKernel kernel) => _kernel = kernel;

    private static bool HandlesOrderEvents(Strategy s) =>
        s.GetType().GetMethod(nameof(Strategy.OnOrderEvent), System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance, [typeof(OrderEvent)])
            ?.DeclaringType != typeof(Strategy);

    public IReadOnlyList<Strategy> Strategies => _strategies;

    /// <summary>Diagnostics (values recorded with Record) per strategy id, when enabled.</summary>
    public bool DiagnosticsEnabled { get; set; }

    internal Dictionary<string, List<DiagnosticRecord>> Diagnostics { get; } = new(StringComparer.Ordinal);

    public void Add(Strategy strategy, StrategyParameters parameters)
    {
        var id = strategy.Name;
        for (var k = 2; _byId.ContainsKey(id); k++) id = string.Create(CultureInfo.InvariantCulture, $"{strategy.Name}#{k}");
        strategy.Id = id;
        strategy.Attach(new StrategyContext(_kernel, this, strategy, parameters));
        _strategies.Add(strategy);
        _byId[id] = strategy;
        // Order events are built for the strategies only when one of them handles them.
        if (HandlesOrderEvents(strategy)) _anyHandlesOrderEvents = true;
        _kernel.Execution.SinkWantsEvents = _anyHandlesOrderEvents;
    }

    internal void StartAll()
    {
        foreach (var s in _strategies) Guard(s, "OnStart", () => s.OnStart());
    }

    internal void StopAll()
    {
        foreach (var s in _strategies) Guard(s, "OnStop", () => s.OnStop());
    }

    /// <summary>Hands the bar to each subscriber in turn (one protected region for all: no call per strategy besides OnBar).</summary>
    internal void DeliverBar(Strategy[] subscribers, in BarEvent e)
    {
        var i = 0;
        try
        {
            for (; i < subscribers.Length; i++) subscribers[i].OnBar(e);
        }
        catch (Exception ex) when (ex is not StrategyException) { throw Wrap(subscribers[i], "OnBar", ex); }
    }

    internal void DeliverQuote(Strategy s, QuoteEvent e)
    {
        try { s.OnQuote(e); }
        catch (Exception ex) when (ex is not StrategyException) { throw Wrap(s, "OnQuote", ex); }
    }

    internal void DeliverTimer(Strategy s, TimerEvent e)
    {
        try { s.OnTimer(e); }
        catch (Exception ex) when (ex is not StrategyException) { throw Wrap(s, "OnTimer", ex); }
    }

    private string? _lastId;
    private Strategy? _lastStrategy;

    internal void DeliverOrderEvent(OrderEvent e)
    {
        // Consecutive events nearly always belong to the same strategy: skip the lookup then.
        Strategy? s;
        if (ReferenceEquals(e.Order.StrategyId, _lastId)) s = _lastStrategy;
        else if (_byId.TryGetValue(e.Order.StrategyId, out s)) { _lastId = e.Order.StrategyId; _lastStrategy = s; }
        if (s is null) return;
        try { s.OnOrderEvent(e); }
        catch (Exception ex) when (ex is not StrategyException) { throw Wrap(s, "OnOrderEvent", ex); }
    }

    private void Guard(Strategy s, string handler, Action action)
    {
        try { action(); }
        catch (Exception ex) when (ex is not StrategyException and not Core.Errors.UsageException) { throw Wrap(s, handler, ex); }
    }

    internal StrategyException Wrap(Strategy s, string handler, Exception ex) =>
        new($"strategy {s.Id} failed in {handler} at {_kernel.Clock.UtcNow:yyyy-MM-dd HH:mm:ss} UTC: {ex.Message}", ex);
}

/// <summary>One recorded diagnostic value.</summary>
public readonly record struct DiagnosticRecord(long TimeTicks, string Name, double Value);

internal sealed class StrategyContext(TradingKernel kernel, StrategyHost host, Strategy strategy, StrategyParameters parameters)
    : IStrategyContext, IOrderGateway
{
    private List<DiagnosticRecord>? _records;

    public string StrategyId => strategy.Id;
    public DateTime UtcNow => kernel.Clock.UtcNow;
    public long UtcNowTicks => kernel.Clock.UtcNowTicks;
    public TimeProvider Clock => kernel.Clock.Provider;
    public FxCalendar Calendar => kernel.Calendar;
    public InstrumentCatalog Instruments => kernel.Instruments;
    public IReadOnlyList<Instrument> Universe => kernel.Universe;
    public StrategyParameters Parameters => parameters;
    public Timeframe Timeframe => kernel.StrategyTimeframe;
    public MessageBus Bus => kernel.Bus;
    public Account Account => kernel.Account;
    public IOrderGateway Orders => this;
    public QuoteBook Quotes => kernel.Quotes;
    public bool DiagnosticsEnabled => host.DiagnosticsEnabled;

    public void Subscribe(Instrument instrument, Timeframe timeframe) => kernel.Data.Subscribe(strategy, instrument, timeframe);
    public void SubscribeQuotes(Instrument instrument) => kernel.Data.SubscribeQuotes(strategy, instrument);
    public void Schedule(string name, DateTime dueUtc) => kernel.Timers.Schedule(strategy, name, dueUtc);
    public void ScheduleDaily(string name, TimeOnly localTime, string zoneId) =>
        kernel.Timers.ScheduleDaily(strategy, name, localTime, zoneId, kernel.Clock.UtcNowTicks);

    public void Record(string name, double value)
    {
        if (!host.DiagnosticsEnabled) return;
        if (_records is null)
        {
            _records = [];
            host.Diagnostics[strategy.Id] = _records;
        }
        _records.Add(new DiagnosticRecord(kernel.Clock.UtcNowTicks, name, value));
    }

    public void Log(string message) => kernel.Log?.Invoke($"{kernel.Clock.UtcNow:yyyy-MM-dd HH:mm:ss} {strategy.Id}: {message}");

    // IOrderGateway
    public Order Submit(OrderRequest request) => kernel.Execution.Submit(request, strategy.Id);
    internal Order SubmitMarket(Instrument instrument, OrderSide side, decimal units, string? tag) =>
        kernel.Execution.SubmitMarket(instrument, side, units, tag, strategy.Id);
    public IReadOnlyList<Order> SubmitOco(params OrderRequest[] requests) => kernel.Execution.SubmitOco(strategy.Id, requests);
    public bool Cancel(OrderId id, string reason = "cancelled by strategy") => Owns(id) && kernel.Execution.Cancel(id, reason);
    public bool Modify(OrderId id, decimal? quantity = null, decimal? limitPrice = null, decimal? stopPrice = null) =>
        Owns(id) && kernel.Execution.Modify(id, quantity, limitPrice, stopPrice);
    public Order ClosePosition(Position position, string? tag = null) => kernel.Execution.ClosePosition(position, strategy.Id, tag);

    public void Flatten(Instrument? instrument = null, string reason = "flatten")
    {
        foreach (var o in OpenOrders(instrument).ToArray()) kernel.Execution.Cancel(o.Id, reason);
        foreach (var p in kernel.Account.OpenPositions.ToArray())
            if (instrument is null || p.Instrument.Id == instrument.Id) ClosePosition(p, reason);
    }

    public IEnumerable<Order> OpenOrders(Instrument? instrument = null) =>
        kernel.Execution.HasOpenOrders(instrument)
            ? kernel.Execution.OpenOrders(instrument).Where(o => o.StrategyId == strategy.Id)
            : [];

    // Counted in place: the decision host asks every cycle and on every fill, and the listing allocated a copy, an
    // iterator and a filter each time.
    public int OpenOrderCount(Instrument? instrument = null) => kernel.Execution.CountOpenOrders(instrument, strategy.Id);

    private bool Owns(OrderId id) => kernel.Execution.Get(id)?.StrategyId == strategy.Id;
}
