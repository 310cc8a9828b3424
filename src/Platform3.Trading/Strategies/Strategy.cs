using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Strategies;

/// <summary>
/// Base class of every strategy. The engine calls the handlers in time order: <see cref="OnStart"/> once
/// (subscribe and schedule here), then <see cref="OnBar"/> at each subscribed bar's close,
/// <see cref="OnQuote"/> per tick, <see cref="OnOrderEvent"/> for every change to the strategy's orders,
/// <see cref="OnTimer"/> when a timer falls due, and <see cref="OnStop"/> once at the end.
/// Strategies read prices, the account and their parameters only through <see cref="Context"/>.
/// </summary>
public abstract class Strategy
{
    private IStrategyContext? _context;

    /// <summary>Short registry name, e.g. "ma-cross".</summary>
    public abstract string Name { get; }

    /// <summary>The engine's id for this instance (the name, made unique when a run hosts several).</summary>
    public string Id { get; internal set; } = "";

    protected IStrategyContext Context => _context ?? throw new InvalidOperationException($"Strategy {Name} is not attached to an engine yet.");

    internal void Attach(IStrategyContext context) => _context = context;

    public virtual void OnStart() { }
    public virtual void OnBar(in BarEvent bar) { }
    public virtual void OnQuote(in QuoteEvent quote) { }
    public virtual void OnOrderEvent(OrderEvent orderEvent) { }
    public virtual void OnTimer(in TimerEvent timer) { }
    public virtual void OnStop() { }

    // Conveniences over Context.Orders.
    protected Order Submit(OrderRequest request) => Context.Orders.Submit(request);
    protected Order Buy(Instrument instrument, decimal units, string? tag = null) => SubmitMarket(instrument, OrderSide.Buy, units, tag);
    protected Order Sell(Instrument instrument, decimal units, string? tag = null) => SubmitMarket(instrument, OrderSide.Sell, units, tag);

    // A market order through the engine's request-free path when the context is the engine's own (always, in a run).
    private Order SubmitMarket(Instrument instrument, OrderSide side, decimal units, string? tag) =>
        Context.Orders is StrategyContext own
            ? own.SubmitMarket(instrument, side, units, tag)
            : Submit(OrderRequest.Market(instrument, side, units, tag));

    /// <summary>Net signed units the account holds on the instrument.</summary>
    protected decimal NetPosition(Instrument instrument) => Context.Account.NetQuantity(instrument);

    /// <summary>
    /// Moves the net position to <paramref name="targetUnits"/> (signed) with one market order, so a long
    /// becomes a short in a single fill. Does nothing when already there.
    /// </summary>
    protected Order? TargetPosition(Instrument instrument, decimal targetUnits, string? tag = null)
    {
        var delta = targetUnits - NetPosition(instrument);
        if (delta == 0) return null;
        return SubmitMarket(instrument, delta > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(delta), tag);
    }

    protected void Record(string name, double value) => Context.Record(name, value);

    public override string ToString() => Id.Length > 0 ? Id : Name;
}
