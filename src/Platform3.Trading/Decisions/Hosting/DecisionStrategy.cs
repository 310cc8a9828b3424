using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using Platform3.Core.Domain;
using Platform3.Trading.Audit;
using Platform3.Trading.Kernel;
using Platform3.Trading.Monitoring;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Risk;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>What a <see cref="DecisionStrategy"/> is built from; the signal sources are made once the run's universe is known.</summary>
public sealed record DecisionEngineSetup
{
    public required DecisionEngineConfig Config { get; init; }
    /// <summary>Decisions are taken at each close of this timeframe.</summary>
    public required Timeframe Timeframe { get; init; }
    public required IAuditLog Audit { get; init; }
    public required Func<IStrategyContext, IReadOnlyList<ISignalSource>> Sources { get; init; }
    public KillSwitch? KillSwitch { get; init; }
    /// <summary>Prefix of decision ids (bt-0000001, ...).</summary>
    public string RunId { get; init; } = "bt";
    public int AtrPeriod { get; init; } = 14;
}

/// <summary>
/// Hosts the decision engine on the trading kernel, so the same <see cref="DecisionMaster"/> runs in backtest,
/// paper and live. At each close of the decision timeframe (all symbols' bars of that close first, via a
/// timer due at the close) it refreshes prices and the portfolio from the kernel, feeds the signal sources the
/// slice, decides per symbol (in instrument order, so runs are reproducible), and sends approved plans to the
/// OMS. Order events and fills of its orders go to the audit log under their decision id; fills and each mark
/// produce <see cref="TradeMonitoringEvent"/>s. Decisions and monitoring events are also published on the bus.
/// </summary>
public sealed class DecisionStrategy(DecisionEngineSetup setup) : Strategy
{
    private const string CycleTimer = "decision-cycle";
    private readonly List<SliceBar> _slice = [];
    private readonly List<SignalInput> _signals = [];
    private readonly int[] _counts = new int[Enum.GetValues<DecisionType>().Length];
    private IReadOnlyList<ISignalSource> _sources = [];
    private MarketLevels? _levels;
    private KernelExecutionGateway? _gateway;
    private long _scheduledFor = long.MinValue;
    private (Order Order, Fill Fill)? _lastFill;

    public override string Name => "decisions";

    public DecisionMaster Master { get; private set; } = null!;
    public TradeMonitor Monitor { get; private set; } = null!;
    public KillSwitch KillSwitch { get; private set; } = null!;
    /// <summary>Decisions per type (types not decided yet are absent).</summary>
    public IReadOnlyDictionary<DecisionType, int> DecisionCounts =>
        Enum.GetValues<DecisionType>().Where(t => _counts[(int)t] > 0).ToDictionary(t => t, t => _counts[(int)t]);
    public int Approved { get; private set; }
    public int Rejected { get; private set; }
    public IReadOnlyList<ISignalSource> Sources => _sources;

    public override void OnStart()
    {
        var ctx = Context;
        _gateway = new KernelExecutionGateway(ctx);
        KillSwitch = setup.KillSwitch ?? new KillSwitch(new InMemoryKillSwitchStore(), setup.Audit);
        Master = new DecisionMaster(setup.Config, ctx.Instruments, ctx.Calendar, ctx.Account.AccountCurrency, setup.Audit, KillSwitch, _gateway, setup.RunId);
        Monitor = new TradeMonitor(Master.Risk, Master.Prices, Master.Portfolio);
        _levels = new MarketLevels(ctx.Universe, setup.Timeframe, ctx.Calendar, setup.AtrPeriod, setup.Config.Rules.Stops == StopPlacement.Levels);
        _sources = setup.Sources(ctx);
        foreach (var i in ctx.Universe) ctx.Subscribe(i, setup.Timeframe);
        ctx.Bus.Subscribe<PositionEvent>(OnPosition);
        if (ctx.Bus.HasSubscribers<TradeMonitoringEvent>()) Monitor.Emitted += e => ctx.Bus.Publish(e);
    }

    public override void OnBar(in BarEvent bar)
    {
        if (bar.Timeframe != setup.Timeframe) return;
        _slice.Add(new SliceBar(bar.Instrument, bar.Bar));
        var now = Context.UtcNowTicks;
        if (_scheduledFor == now) return;
        _scheduledFor = now;
        Context.Schedule(CycleTimer, Context.UtcNow); // fires after every bar of this close was delivered
    }

    public override void OnTimer(in TimerEvent timer)
    {
        if (_gateway!.OnTimer(timer.Name)) return;
        if (timer.Name == CycleTimer) RunCycle();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCycle()
    {
        var now = Context.UtcNow;
        SyncMarket(now);
        SyncPortfolio(now);
        if (!InInstrumentOrder(CollectionsMarshal.AsSpan(_slice))) _slice.Sort(ByInstrument); // bars usually arrive in order already
        // Views over the reused lists (no per-cycle arrays); nothing below adds to or removes from them.
        ReadOnlySpan<SliceBar> slice = CollectionsMarshal.AsSpan(_slice);
        foreach (var (instrument, bar) in slice) _levels!.OnBar(instrument, bar);
        var sources = _sources; // indexed: an interface enumerator per loop was an allocation per cycle and symbol
        for (var k = 0; k < sources.Count; k++) sources[k].OnSlice(slice, now);
        foreach (var (instrument, bar) in slice)
        {
            _signals.Clear();
            // The first source with a fingerprint gives it: as a value when it keeps one (no string), else as text.
            string? featureHash = null;
            FeatureDigest featureDigest = default;
            for (var k = 0; k < sources.Count; k++)
            {
                sources[k].Collect(instrument, now, _signals);
                if (featureHash is not null || featureDigest.HasValue) continue;
                featureDigest = sources[k].FeatureDigestOf(instrument);
                if (!featureDigest.HasValue) featureHash = sources[k].FeatureHash(instrument);
            }
            var evt = Master.Decide(instrument, now, CollectionsMarshal.AsSpan(_signals), _levels!.Context(instrument, bar.Close, featureHash, featureDigest));
            _counts[(int)evt.DecisionType]++;
            if (evt.RiskAssessment is { } r) { if (r.Approved) Approved++; else Rejected++; }
            if (Context.Bus.HasSubscribers<TradingDecisionEvent>()) Context.Bus.Publish(evt);
        }
        _slice.Clear();
        Monitor.OnMark(now, _unrealisedOf ??= UnrealisedOf);
    }

    private Func<Instrument, double>? _unrealisedOf; // made once, not a delegate per cycle

    internal static readonly Comparison<SliceBar> ByInstrument = (a, b) => a.Instrument.Id.CompareTo(b.Instrument.Id);

    /// <summary>Strictly increasing ids: a sort would leave the slice as it is (no equal keys it might swap).</summary>
    internal static bool InInstrumentOrder(ReadOnlySpan<SliceBar> slice)
    {
        for (var i = 1; i < slice.Length; i++)
            if (slice[i - 1].Instrument.Id >= slice[i].Instrument.Id) return false;
        return true;
    }

    private double UnrealisedOf(Instrument instrument)
    {
        double u = 0;
        var account = Context.Account;
        var positions = account.PositionsOf(instrument);
        for (var i = 0; i < positions.Count; i++) u += account.UnrealisedD(positions[i]);
        return u;
    }

    /// <summary>Every quote the kernel has (traded and conversion pairs) into the engine's price table and return window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SyncMarket(DateTime now)
    {
        var quotes = Context.Quotes;
        var all = Context.Instruments.All;
        for (var k = 0; k < all.Count; k++)
        {
            var i = all[k];
            if (quotes.Has(i.Id)) Master.Prices.Set(i, quotes.TimeTicks(i.Id), quotes.Bid(i.Id), quotes.Ask(i.Id));
        }
        Master.Returns.Observe(now.Ticks, Master.Prices);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SyncPortfolio(DateTime now)
    {
        var account = Context.Account;
        var book = Master.Portfolio;
        book.ClearPositions();
        var open = account.OpenPositions;
        for (var i = 0; i < open.Count; i++)
        {
            var p = open[i];
            var units = book.Units(p.Instrument) + p.Sign * (double)p.Quantity;
            book.SetPosition(p.Instrument, units, (double)p.AvgPrice);
        }
        book.WorkingOrders = Context.Orders.OpenOrderCount();
        Master.MarkEquity(now, account.EquityD());
    }

    public override void OnOrderEvent(OrderEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Fill is { } fill) _lastFill = (e.Order, fill);
        var decision = _gateway!.DecisionOf(e.Order);
        if (decision is null) return;
        var o = e.Order;
        var side = o.Side == OrderSide.Buy ? "buy" : "sell";
        Span<byte> digest = stackalloc byte[AuditChain.DigestBytes]; // the records' hashes are not needed here: no hash strings
        switch (e.Kind)
        {
            case OrderEventKind.Filled or OrderEventKind.PartiallyFilled when e.Fill is { } f:
                var plan = _gateway.PlanOf(o);
                var reference = plan?.DecisionPrice ?? (double)(o.StopPrice ?? o.LimitPrice ?? f.QuotePrice);
                Master.Logger.AppendFill(decision, f.Time, o.Id, o.Instrument.Symbol, side, f.Quantity, f.Price, reference,
                    (o.Side == OrderSide.Buy ? 1 : -1) * ((double)f.Price - reference) / o.Instrument.PipSizeD, f.Commission, digest);
                break;
            case OrderEventKind.Accepted or OrderEventKind.Rejected or OrderEventKind.Cancelled or OrderEventKind.Expired or OrderEventKind.Triggered:
                Master.Logger.AppendOrder(decision, e.Time, o.Id, EnumText<OrderEventKind>.Lower(e.Kind), o.Instrument.Symbol, side,
                    e.Quantity, EnumText<OrderType>.Lower(o.Type), o.LimitPrice ?? o.StopPrice, e.Reason, digest);
                break;
        }
    }

    /// <summary>Fills change positions: refresh the book and tell the trade monitor (a flip arrives as a close, then an open).</summary>
    private void OnPosition(PositionEvent pe)
    {
        SyncPortfolio(pe.Time);
        var p = pe.Position;
        var fill = _lastFill is { } lf && lf.Fill.Instrument.Id == p.Instrument.Id ? lf : ((Order, Fill)?)null;
        var order = fill?.Item1;
        var side = fill is { } x ? (x.Item2.Side == OrderSide.Buy ? 1 : -1) : -p.Sign;
        var price = fill is { } y ? (double)y.Item2.Price : (double)p.AvgPrice;
        var decision = order is null ? null : _gateway!.DecisionOf(order);
        var plan = order is null ? null : _gateway!.PlanOf(order);
        var reference = plan?.DecisionPrice ?? (order is null ? double.NaN : (double)(order.StopPrice ?? order.LimitPrice ?? 0m));
        var after = pe.Kind == PositionEventKind.Closed ? 0 : p.Sign * (double)p.Quantity;
        var unrealised = pe.Kind == PositionEventKind.Closed ? 0 : Context.Account.UnrealisedD(p);
        Monitor.OnFill(p.Instrument, pe.Time, side, price, (double)pe.RealisedPnl, unrealised, after, (double)p.AvgPrice,
            decision, reference > 0 ? reference : double.NaN, plan?.CreatedUtc);
    }

    public override void OnStop() => setup.Audit.Flush();
}
