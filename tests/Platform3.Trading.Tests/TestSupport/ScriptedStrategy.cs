using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>
/// A strategy driven by the test: actions keyed by the index of the feed bar (0-based, per subscription
/// of the first universe instrument) run in OnBar at that bar's close.
/// </summary>
internal sealed class ScriptedStrategy : Strategy
{
    private readonly Dictionary<int, Action<ScriptedStrategy>> _actions = [];
    private readonly Timeframe? _timeframe;
    private int _bar = -1;

    public ScriptedStrategy(Timeframe? timeframe = null) => _timeframe = timeframe;

    public override string Name => "scripted";

    public List<OrderEvent> Events { get; } = [];
    public List<BarEvent> BarsSeen { get; } = [];
    public List<TimerEvent> Timers { get; } = [];
    public Action<ScriptedStrategy>? OnStarted { get; set; }
    public Action<ScriptedStrategy, OrderEvent>? OnEvent { get; set; }

    public new IStrategyContext Context => base.Context;

    public ScriptedStrategy At(int barIndex, Action<ScriptedStrategy> action)
    {
        _actions[barIndex] = _actions.TryGetValue(barIndex, out var prev) ? s => { prev(s); action(s); } : action;
        return this;
    }

    public Order Send(OrderRequest request) => Submit(request);

    public override void OnStart()
    {
        foreach (var i in Context.Universe) Context.Subscribe(i, _timeframe ?? FeedTimeframe ?? Timeframe.M1);
        OnStarted?.Invoke(this);
    }

    /// <summary>Set by tests that run on a feed other than M1.</summary>
    public Timeframe? FeedTimeframe { get; set; }

    public override void OnBar(in BarEvent bar)
    {
        BarsSeen.Add(bar);
        if (bar.Instrument.Id != Context.Universe[0].Id) return;
        _bar++;
        if (_actions.TryGetValue(_bar, out var a)) a(this);
    }

    public override void OnOrderEvent(OrderEvent orderEvent)
    {
        Events.Add(orderEvent);
        OnEvent?.Invoke(this, orderEvent);
    }

    public override void OnTimer(in TimerEvent timer) => Timers.Add(timer);
}
