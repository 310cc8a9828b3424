using System.Globalization;
using System.Runtime.InteropServices;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Execution;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Simulation;

/// <summary>
/// A simulated FX dealer. Buys fill on the ask path and sells on the bid path of each bar (see
/// <see cref="IntrabarPath"/>); the ask comes from the data when it has one, else from the spread model.
/// A stop the price jumps through fills at the first price after the jump; a limit fills at its price or
/// better. Swaps are charged at each 17:00 New York rollover, margin is checked at every path point and a
/// stop-out closes the biggest loser first. Every model is pluggable (<see cref="SimulationModels"/>).
/// The backtest loop drives it step by step: <see cref="BeginStep"/>, <see cref="AddBar"/> per
/// instrument, <see cref="RunStep"/>, <see cref="EndStep"/>.
/// </summary>
public sealed partial class SimulatedBroker : IExecutionClient
{
    private enum EventKind : byte { Fill, Trigger, Expire, Cancel }

    private readonly SimulationModels _models;
    private readonly Account _account;
    private readonly QuoteBook _quotes;
    private readonly FxCalendar _calendar;
    private readonly EngineClock _clock;
    private readonly IBarObserver[] _observers;
    private readonly SessionVolatilitySpreadModel? _sessionSpread;
    private readonly SessionVolatilitySpreadModel? _sessionObserverOnly;
    private readonly bool _capsFills;
    private IExecutionSink _sink = null!;
    // The usual sink, called directly with the fill as plain data (no Fill object per fill).
    private ExecutionEngine? _engine;

    private List<Order>?[] _working;
    private int _workingCount;
    private bool _dirty;

    // Per-step state, indexed by instrument id.
    private Instrument?[] _stepInstrument;
    private Bar[] _stepBar;
    private long[] _stepClose;
    private bool[] _hasBar;
    private bool[] _isActive;
    private IntrabarPath[] _path;
    private double[] _cursor;
    private double[] _stepSpread;
    private bool[] _pathComplete;
    private readonly List<int> _stepIds = [];
    private readonly List<int> _active = [];
    private int _segment = -1;
    private long _stepOpen;
    private long _nextRollover = long.MinValue;
    private bool _marginCall;
    private bool _hasExpiring;
    // A lower bound of the working orders' earliest expiry: the exact minimum is searched for only once this
    // bound is reached, not at every step (DAY and GTD orders can stay working for thousands of bars).
    private long _expiryBound = long.MaxValue;
    // Set while closing out at the end of a run: fills there are complete (no per-bar cap).
    private bool _settling;

    public SimulatedBroker(SimulationModels models, Account account, FxCalendar calendar, EngineClock clock)
    {
        // What the models learn from bars belongs to this run only.
        _models = models.ForRun();
        _account = account;
        _quotes = account.Quotes;
        _calendar = calendar;
        _clock = clock;
        _observers = _models.Observers();
        _sessionSpread = _models.Spread as SessionVolatilitySpreadModel;
        _sessionObserverOnly = _observers is [SessionVolatilitySpreadModel only] ? only : null;
        _capsFills = _models.Fill is not StandardFillModel { MaxUnitsPerBar: 0 };
        var n = 32;
        _working = new List<Order>?[n];
        _stepInstrument = new Instrument?[n];
        _stepBar = new Bar[n];
        _stepClose = new long[n];
        _hasBar = new bool[n];
        _isActive = new bool[n];
        _path = new IntrabarPath[n];
        _cursor = new double[n];
        _stepSpread = new double[n];
        _pathComplete = new bool[n];
    }

    public string Name => "simulated";

    /// <summary>
    /// Set by a driver whose every step holds a bar of every instrument of the run (the backtest's single-feed loop):
    /// then no fill can read an earlier step's bar, and a quiet step need not keep its bar.
    /// </summary>
    internal bool EveryStepHasEveryBar { get; set; }
    public SimulationModels Models => _models;

    /// <summary>Orders the broker is working (accepted, not yet done).</summary>
    public int WorkingCount => _workingCount;

    public void Attach(IExecutionSink sink)
    {
        _sink = sink;
        _engine = sink as ExecutionEngine;
    }

    private void EnsureCapacity(int id)
    {
        if (id < _working.Length) return;
        var n = Math.Max(id + 1, _working.Length * 2);
        Array.Resize(ref _working, n);
        Array.Resize(ref _stepInstrument, n);
        Array.Resize(ref _stepBar, n);
        Array.Resize(ref _stepClose, n);
        Array.Resize(ref _hasBar, n);
        Array.Resize(ref _isActive, n);
        Array.Resize(ref _path, n);
        Array.Resize(ref _cursor, n);
        Array.Resize(ref _stepSpread, n);
        Array.Resize(ref _pathComplete, n);
    }

    // =================================================================== IExecutionClient

    public void Submit(Order order)
    {
        var id = order.Instrument.Id;
        EnsureCapacity(id);
        var opening = OpeningUnits(order, order.Quantity);
        if (opening > 0 && _quotes.Has(id) && _account.Converter.HasQuotes(order.Instrument.Base))
        {
            var need = _account.MarginFor(order.Instrument, opening);
            var free = _account.FreeMarginD();
            if (need > free)
            {
                _sink.Rejected(order, RejectReason.InsufficientMargin, MarginMessage("insufficient margin", need, free));
                return;
            }
        }
        // Bracket children live at the broker with their parent: no extra latency once released.
        order.ActiveFromTicks = _clock.UtcNowTicks + (order.ParentId is null ? _models.Latency.LatencyTicks(order) : 0);
        (_working[id] ??= []).Add(order);
        _workingCount++;
        if (order.ExpireTicks != long.MaxValue)
        {
            _hasExpiring = true;
            _expiryBound = Math.Min(_expiryBound, order.ExpireTicks);
        }
        _sink.Accepted(order);
        if (_segment >= 0 && _hasBar[id] && !_isActive[id]) Activate(id);
    }

    public void Cancel(Order order, string reason)
    {
        if (order.IsTerminal) return;
        _dirty = true;
        _sink.Cancelled(order, reason);
    }

    public void Modify(Order order, decimal? quantity, decimal? limitPrice, decimal? stopPrice)
    {
        if (order.IsTerminal)
        {
            _sink.ModifyRejected(order, RejectReason.OrderNotWorking, $"cannot modify: order is {order.State}");
            return;
        }
        ExecutionEngine.Apply(order, quantity, limitPrice, stopPrice);
        _sink.Updated(order, "modified");
    }

    private string MarginMessage(string what, double need, double free) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: needs {need:F2} {_account.AccountCurrency} of margin, free margin is {free:F2}");

    // =================================================================== the step driver

    /// <summary>
    /// Starts a time step whose bars open at <paramref name="openTicks"/>: charges the rollovers and expires
    /// the orders that fall due up to then, in time order.
    /// </summary>
    public void BeginStep(long openTicks)
    {
        _stepOpen = openTicks;
        // Nearly every step: no rollover and no expiry due by the open (the bound is at or below the exact minimum).
        if (_nextRollover > openTicks && (!_hasExpiring || _expiryBound > openTicks))
        {
            _clock.AdvanceTo(openTicks);
            return;
        }
        ProcessDue(openTicks);
    }

    private void ProcessDue(long openTicks)
    {
        if (_nextRollover == long.MinValue) _nextRollover = NextRollover(openTicks);
        while (true)
        {
            // Above the open the bound decides as the exact minimum would: neither is due yet.
            var expiry = !_hasExpiring ? long.MaxValue : _expiryBound > openTicks ? _expiryBound : _expiryBound = EarliestExpiry();
            var next = Math.Min(expiry, _nextRollover);
            if (next > openTicks) break;
            _clock.AdvanceTo(next);
            if (_nextRollover <= expiry)
            {
                ChargeRollover(_nextRollover);
                _nextRollover = NextRollover(_nextRollover);
            }
            else ExpireDue(next);
        }
        _clock.AdvanceTo(openTicks);
    }

    /// <summary>
    /// The whole step (in place of <see cref="AddBar"/>, <see cref="RunStep"/> and <see cref="EndStep"/>) when it
    /// holds one instrument's bar and nothing can happen inside it: a position is held, no order is working on
    /// the instrument, no margin call is on and the bar stays inside the margin bands. It does exactly what the
    /// regular path does for such a bar (excursions at the extremes, the close as the quote, the model
    /// observers), without staging the bar and its path. Returns false, having changed nothing the regular
    /// path would see differently, when the bar needs that path.
    /// </summary>
    public bool TryQuietStep(Instrument instrument, in Bar bar, long closeTicks)
    {
        var id = instrument.Id;
        var open = bar.Time.Ticks;
        if (_marginCall || closeTicks <= open || open != _stepOpen || id >= _working.Length || _working[id] is { Count: > 0 } || !_account.HasPositions(id))
            return false;
        // The instrument's latest bar, as AddBar keeps it: a stop-out fill in a later step without a bar of this
        // instrument reads it for slippage. When every step brings a bar of every instrument, the next step's own
        // bar always replaces it before any fill, and the copy (88 bytes, just written by the caller) is skipped.
        if (!ReferenceEquals(_stepInstrument[id], instrument)) _stepInstrument[id] = instrument;
        if (!EveryStepHasEveryBar) _stepBar[id] = bar;
        // The path's end points and extremes, as BuildPath sets them.
        var spread = bar.HasAsk ? double.NaN : SpreadOf(instrument, bar);
        QuietExtremes(in bar, spread, out var a3, out var bidLow, out var bidHigh, out var askLow, out var askHigh);
        // The margin check of NeedsWalk for this one instrument (a band redrawn here is what NeedsWalk would draw).
        if (_account.Version != _bandVersion || _stepOpen >= _bandExpiry) ComputeMarginBands();
        if (bidLow <= _bandLow[id] || askHigh >= _bandHigh[id])
        {
            if (_bandComputedAt != _stepOpen) ComputeMarginBands();
            if (_bandComputedAt == _stepOpen && (bidLow <= _bandLow[id] || askHigh >= _bandHigh[id]))
            {
                // The regular path follows at once with this bar: it reuses the spread (the model is asked once per bar).
                if (!bar.HasAsk)
                {
                    _pendingSpreadId = id;
                    _pendingSpread = spread;
                }
                return false;
            }
        }
        // QuietStep, then EndStep.
        _account.TrackExcursion(id, bidLow, askLow, bidHigh, askHigh);
        _quotes.Set(id, bar.Close, a3, closeTicks);
        Observe(instrument, bar);
        if (_dirty) Compact();
        return true;
    }

    /// <summary>Adds one instrument's bar (open = the step's open, closing at <paramref name="closeTicks"/>).</summary>
    public void AddBar(Instrument instrument, in Bar bar, long closeTicks)
    {
        var id = instrument.Id;
        EnsureCapacity(id);
        if (!ReferenceEquals(_stepInstrument[id], instrument)) _stepInstrument[id] = instrument;
        _stepBar[id] = bar;
        _stepClose[id] = closeTicks;
        _hasBar[id] = true;
        _stepIds.Add(id);
        if ((_working[id] is { Count: > 0 }) || _account.HasPositions(id)) Activate(id);
        else
        {
            // Nothing to walk, but other instruments may convert through this one: its quote is the open from now on.
            var spread = bar.HasAsk ? double.NaN : SpreadOf(instrument, bar);
            _stepSpread[id] = spread;
            _quotes.Set(id, bar.Open, bar.HasAsk ? Math.Max(bar.AskOpen, bar.Open) : bar.Open + spread, bar.Time.Ticks);
        }
    }

    /// <summary>Adds one quote (tick); the step is a single point.</summary>
    public void AddQuote(Instrument instrument, double bid, double ask, long timeTicks)
    {
        var bar = new Bar(new DateTime(timeTicks, DateTimeKind.Utc), bid, bid, bid, bid, ask, ask, ask, ask);
        AddBar(instrument, bar, timeTicks);
        _path[instrument.Id].Count = 1;
    }

    private void Activate(int id)
    {
        _isActive[id] = true;
        _active.Add(id);
        BuildPath(id);
        _cursor[id] = 0;
        // An order arriving while the step is being walked needs the whole path at once.
        if (_segment >= 0) CompletePath(id);
    }

    /// <summary>
    /// Sets the path's end points and extremes: all a quiet step reads. The two interior points (which extreme
    /// comes first, and when) are added by <see cref="CompletePath"/> only when the step is walked. The extremes
    /// do not depend on that order: min and max over the same four points.
    /// </summary>
    private void BuildPath(int id)
    {
        ref readonly var bar = ref _stepBar[id];
        ref var p = ref _path[id];
        var open = bar.Time.Ticks;
        var close = _stepClose[id];
        if (close <= open)
        {
            p.Count = 1;
            p.T0 = p.T1 = p.T2 = p.T3 = open;
            p.B0 = p.B1 = p.B2 = p.B3 = bar.Close;
            p.A0 = p.A1 = p.A2 = p.A3 = Math.Max(bar.HasAsk ? bar.AskClose : bar.Close + SpreadOf(_stepInstrument[id]!, bar), bar.Close);
            p.SetExtremes();
            _pathComplete[id] = true;
            return;
        }
        p.Count = 4;
        p.T0 = open; p.T3 = close;
        p.B0 = bar.Open; p.B3 = bar.Close;
        double a1, a2;
        if (bar.HasAsk)
        {
            // Crossed quotes (ask < bid, common in FXCM data) are clamped to a zero spread.
            p.A0 = Math.Max(bar.AskOpen, p.B0);
            a1 = Math.Max(bar.AskHigh, bar.High);
            a2 = Math.Max(bar.AskLow, bar.Low);
            p.A3 = Math.Max(bar.AskClose, p.B3);
        }
        else
        {
            var s = StepSpread(_stepInstrument[id]!, bar);
            _stepSpread[id] = s;
            p.A0 = p.B0 + s; a1 = bar.High + s; a2 = bar.Low + s; p.A3 = p.B3 + s;
        }
        PathExtremes.Of(p.B0, bar.High, bar.Low, p.B3, p.A0, a1, a2, p.A3, out p.BidLow, out p.BidHigh, out p.AskLow, out p.AskHigh);
        _pathComplete[id] = false;
    }

    /// <summary>Adds the interior points: O→H→L→C or O→L→H→C, whichever extreme is nearer the open first, at one and two thirds of the bar.</summary>
    private void CompletePath(int id)
    {
        if (_pathComplete[id]) return;
        _pathComplete[id] = true;
        ref readonly var bar = ref _stepBar[id];
        ref var p = ref _path[id];
        var highFirst = _models.Fill.HighFirst(bar);
        var third = (p.T3 - p.T0) / 3;
        p.T1 = p.T0 + third; p.T2 = p.T0 + 2 * third;
        p.B1 = highFirst ? bar.High : bar.Low;
        p.B2 = highFirst ? bar.Low : bar.High;
        if (bar.HasAsk)
        {
            p.A1 = Math.Max(highFirst ? bar.AskHigh : bar.AskLow, p.B1);
            p.A2 = Math.Max(highFirst ? bar.AskLow : bar.AskHigh, p.B2);
        }
        else
        {
            var s = _stepSpread[id];
            p.A1 = p.B1 + s; p.A2 = p.B2 + s;
        }
    }

    // A spread TryQuietStep drew for a bar that then went the regular way.
    private int _pendingSpreadId = -1;
    private double _pendingSpread;

    private double StepSpread(Instrument instrument, in Bar bar)
    {
        if (_pendingSpreadId != instrument.Id) return SpreadOf(instrument, bar);
        _pendingSpreadId = -1;
        return _pendingSpread;
    }

    // The default models called through their sealed types (the calls inline), any other through the interfaces.
    private double SpreadOf(Instrument instrument, in Bar bar) =>
        !double.IsNaN(bar.Spread) ? bar.Spread
        : _sessionSpread is { } session ? session.Spread(instrument, bar)
        : _models.Spread.Spread(instrument, bar);

    private void Observe(Instrument instrument, in Bar bar)
    {
        if (_sessionObserverOnly is { } session)
        {
            session.Observe(instrument, bar);
            return;
        }
        for (var i = 0; i < _observers.Length; i++) _observers[i].Observe(instrument, bar);
    }

    /// <summary>Walks the step's paths segment by segment, filling orders in time order across instruments.</summary>
    public void RunStep()
    {
        if (_active.Count == 0) return;
        if (!NeedsWalk())
        {
            QuietStep();
            return;
        }
        // Segment 0 reads only the paths' first points (and their extremes): with the standard fill model (whose HighFirst is
        // a pure function of the bar) the interior points are added when segment 1 comes, and a walk finished after
        // segment 0 never needs them. Any other model is asked at the start, as it always was.
        var deferInterior = FinishProvedWalks && _models.Fill is StandardFillModel;
        if (!deferInterior)
            for (var i = 0; i < _active.Count; i++) CompletePath(_active[i]);
        var segments = 1;
        foreach (var id in _active) segments = Math.Max(segments, _path[id].Count);
        // Set when the rest of the walk provably leaves the margin rules idle: CheckMargin would do nothing at any later segment end.
        var marginQuiet = false;
        for (var s = 0; s < segments; s++)
        {
            if (s == 1 && deferInterior)
                for (var i = 0; i < _active.Count; i++) CompletePath(_active[i]);
            _segment = s;
            for (var i = 0; i < _active.Count; i++) _cursor[_active[i]] = 0;
            if (s == 0) _clock.AdvanceTo(_stepOpen);
            if (_workingCount > 0) RunEvents(s);
            // Segment end: every active instrument stands at its path point s.
            for (var i = 0; i < _active.Count; i++)
            {
                var id = _active[i];
                ref readonly var p = ref _path[id];
                var point = Math.Min(s, p.Count - 1);
                var bid = p.Bid(point);
                var ask = p.Ask(point);
                _quotes.Set(id, bid, ask, p.Time(point));
                _account.TrackExcursion(id, bid, ask);
                if (_working[id] is { Count: > 0 } list) UpdateTrailing(list, bid, ask);
            }
            var endTime = long.MinValue;
            for (var i = 0; i < _active.Count; i++) endTime = Math.Max(endTime, _path[_active[i]].Time(Math.Min(s, _path[_active[i]].Count - 1)));
            _clock.AdvanceTo(endTime);
            if (!marginQuiet && (_account.OpenPositions.Count > 0 || _marginCall))
            {
                // After the first segment's events (a market order's fill at the open), with no order left that could act in this
                // step the positions stay as they are, so one bound over the whole paths stands for the check at every segment end.
                if (s == 0 && segments > 1 && ProveQuietMargin && !_marginCall && !AnyWorking() && MarginStaysQuiet())
                {
                    marginQuiet = true;
                    WalksProvedQuiet++;
                    if (FinishProvedWalks && PathsPositive())
                    {
                        FinishQuietly();
                        break;
                    }
                }
                else CheckMargin();
            }
        }
        _segment = -1;
    }

    /// <summary>Lets a walk whose margin checks were proved idle end after its first segment (off only to test that it changes nothing).</summary>
    internal bool FinishProvedWalks { get; set; } = true;

    /// <summary>Walks <see cref="FinishQuietly"/> ended after their first segment (for tests).</summary>
    internal long WalksFinishedQuietly { get; private set; }

    /// <summary>True when every point of every active path is a positive price (no NaN, no zero): then the marks' order does not matter.</summary>
    private bool PathsPositive()
    {
        for (var i = 0; i < _active.Count; i++)
        {
            ref readonly var p = ref _path[_active[i]];
            if (!(p.BidLow > 0 && p.AskLow > 0)) return false;
        }
        return true;
    }

    /// <summary>
    /// The rest of a walk after segment 0 when nothing can happen in it any more: no order of a walked instrument is working
    /// (so no segment has an event, no strategy is called and no trailing stop moves) and the margin rules are proved idle.
    /// The later segments would each set the quotes at their point, mark the positions there and move the clock on. Marks are
    /// kept as the highest and lowest seen, which does not depend on their order when every point is a positive price
    /// (<see cref="PathsPositive"/>; the first point is already marked), so the quiet step's marks at the paths' extremes,
    /// the last point's quotes and the clock at the last point's time are the state the walk would leave.
    /// </summary>
    private void FinishQuietly()
    {
        WalksFinishedQuietly++;
        var end = long.MinValue;
        for (var i = 0; i < _active.Count; i++)
        {
            var id = _active[i];
            ref readonly var p = ref _path[id];
            _account.TrackExcursion(id, p.BidLow, p.AskLow, p.BidHigh, p.AskHigh);
            var last = p.Count - 1;
            var t = p.Time(last);
            _quotes.Set(id, p.Bid(last), p.Ask(last), t);
            end = Math.Max(end, t);
        }
        _clock.AdvanceTo(end);
    }

    /// <summary>Walks whose margin checks after the first segment <see cref="MarginStaysQuiet"/> stood for (for tests).</summary>
    internal long WalksProvedQuiet { get; private set; }

    /// <summary>True when an order of an instrument walked in this step is still working (it could still act in the step).</summary>
    private bool AnyWorking()
    {
        for (var i = 0; i < _active.Count; i++)
        {
            if (_working[_active[i]] is not { Count: > 0 } list) continue;
            for (var j = 0; j < list.Count; j++)
                if (list[j].IsWorking) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------- the quiet step (fast path)

    /// <summary>
    /// True when something in this step needs the point-by-point walk: a working order that could act inside
    /// the bars' ranges (or activates, expires or gets its IOC look during the step), or a margin level that
    /// could reach the margin-call or stop-out level at the bars' adverse extremes.
    /// </summary>
    private bool NeedsWalk()
    {
        if (_workingCount > 0)
        {
            for (var i = 0; i < _active.Count; i++)
            {
                var id = _active[i];
                if (_working[id] is not { Count: > 0 } list) continue;
                ref readonly var p = ref _path[id];
                for (var j = 0; j < list.Count; j++)
                    if (list[j].IsWorking && CouldAct(list[j], in p)) return true;
            }
        }
        if (!_marginCall)
        {
            if (_account.OpenPositions.Count == 0) return false;
            if (_account.Version != _bandVersion || _stepOpen >= _bandExpiry) ComputeMarginBands();
            if (!BandsBreached()) return false;
            // Bands drawn at an older price may just be stale: redraw them from the latest close and look again.
            if (_bandComputedAt != _stepOpen)
            {
                ComputeMarginBands();
                if (!BandsBreached()) return false;
            }
        }
        // Under a margin call, or with a bar beyond its band: walk unless the margin level provably stays where no
        // margin rule acts at any point of the paths.
        if (!ProveQuietMargin || !MarginStaysQuiet()) return true;
        StepsProvedQuiet++;
        return false;
    }

    /// <summary>Steps not walked because <see cref="MarginStaysQuiet"/> proved them quiet.</summary>
    internal long StepsProvedQuiet { get; private set; }

    /// <summary>Off: every step with a bar beyond its margin band or under a margin call is walked (the reference the bound is tested against).</summary>
    internal bool ProveQuietMargin { get; set; } = true;

    private QuoteRanges? _ranges;

    /// <summary>
    /// True when <see cref="CheckMargin"/> would do nothing at every segment end of this step's walk: the margin level's
    /// bounds over the active instruments' path ranges (every other price stays where it is during the walk) keep it
    /// away from each rule. Nothing else happens in a walk in which no order can act, so the quiet step is then the walk's
    /// exact result.
    /// </summary>
    private bool MarginStaysQuiet()
    {
        var ranges = _ranges ??= new QuoteRanges(_quotes);
        for (var i = 0; i < _active.Count; i++)
        {
            var id = _active[i];
            ref readonly var p = ref _path[id];
            ranges.Set(id, p.BidLow, p.BidHigh, p.AskLow, p.AskHigh);
        }
        var (low, high) = _account.MarginLevelRange(ranges);
        ranges.Clear();
        return MarginRulesIdle(low) && MarginRulesIdle(high);
    }

    /// <summary>True when <see cref="CheckMargin"/> does nothing at this margin level (with positions open).</summary>
    private bool MarginRulesIdle(double level)
    {
        var margin = _models.Margin;
        return _marginCall ? level >= margin.StopOutLevel && level < margin.MarginCallLevel
            : level >= margin.MarginCallLevel && level >= margin.StopOutLevel;
    }

    private bool BandsBreached()
    {
        for (var i = 0; i < _active.Count; i++)
        {
            var id = _active[i];
            if (!_account.HasPositions(id)) continue;
            ref readonly var p = ref _path[id];
            if (p.BidLow <= _bandLow[id] || p.AskHigh >= _bandHigh[id]) return true;
        }
        return false;
    }

    // Margin bands: prices inside which the margin level cannot reach the margin-call or stop-out level.
    // Equity is linear in each price, so the cushion (equity − threshold × margin) is shared among the
    // instruments held and each gets the price at which its share would be used up (longs: a bid that low,
    // shorts: an ask that high). Margin drifting with prices and cross conversion rates are covered by
    // 10% headroom, a ±2% cap on each band and a daily recomputation; any change to the account recomputes.
    private double[] _bandLow = [], _bandHigh = [];
    private long _bandVersion = -1, _bandExpiry, _bandComputedAt = long.MinValue;

    private void ComputeMarginBands()
    {
        var n = _quotes.Count;
        if (_bandLow.Length < n) { _bandLow = new double[n]; _bandHigh = new double[n]; }
        var margin = _models.Margin;
        var threshold = Math.Max(margin.MarginCallLevel, margin.StopOutLevel * 1.05) / 100.0 * 1.1;
        var cushion = _account.EquityD() - threshold * _account.MarginUsedD();
        var ids = _account.ActiveInstrumentIds;
        var share = ids.Count == 0 ? 0 : cushion / ids.Count;
        for (var k = 0; k < ids.Count; k++)
        {
            var id = ids[k];
            var instrument = _account.HeldInstrument(id);
            var (lu, su) = _account.UnitsD(id);
            var rate = _account.Converter.QuoteRate(instrument);
            var bid = _quotes.Bid(id);
            var ask = _quotes.Ask(id);
            if (cushion <= 0 || double.IsNaN(cushion))
            {
                _bandLow[id] = double.PositiveInfinity; // always walk
                _bandHigh[id] = double.NegativeInfinity;
                continue;
            }
            _bandLow[id] = lu > 0 ? Math.Max(bid - share / (lu * rate), bid * 0.98) : double.NegativeInfinity;
            _bandHigh[id] = su > 0 ? Math.Min(ask + share / (su * rate), ask * 1.02) : double.PositiveInfinity;
        }
        _bandVersion = _account.Version;
        _bandExpiry = _stepOpen + TimeSpan.TicksPerDay;
        _bandComputedAt = _stepOpen;
    }

    private bool[] _valued = [];

    private bool Valued(Instrument instrument)
    {
        var id = instrument.Id;
        if (id < _valued.Length && _valued[id]) return true;
        var converter = _account.Converter;
        if (!converter.HasQuotes(instrument.Quote) || !converter.HasQuotes(instrument.Base)) return false;
        if (id >= _valued.Length) Array.Resize(ref _valued, id + 1);
        return _valued[id] = true;
    }

    private bool CouldAct(Order o, in IntrabarPath p)
    {
        if (o.ActiveFromTicks > p.T0 || o.ExpireTicks <= p.T3) return true;
        if (o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && !o.FirstLookDone) return true;
        var buy = o.IsBuy;
        var low = buy ? p.AskLow : p.BidLow;
        var high = buy ? p.AskHigh : p.BidHigh;
        return o.Type switch
        {
            OrderType.Limit => buy ? low <= o.LimitD : high >= o.LimitD,
            OrderType.Stop => buy ? high >= o.StopD : low <= o.StopD,
            OrderType.StopLimit when o.IsTriggered => buy ? low <= o.LimitD : high >= o.LimitD,
            OrderType.StopLimit => buy ? high >= o.StopD : low <= o.StopD,
            _ => true, // market orders fill, trailing stops trail
        };
    }

    /// <summary>Nothing can happen inside the bars: record the excursions and stand at the close.</summary>
    private void QuietStep()
    {
        for (var i = 0; i < _active.Count; i++)
        {
            var id = _active[i];
            ref readonly var p = ref _path[id];
            _account.TrackExcursion(id, p.BidLow, p.AskLow, p.BidHigh, p.AskHigh);
            var last = p.Count - 1;
            _quotes.Set(id, p.Bid(last), p.Ask(last), p.Time(last));
        }
    }

    /// <summary>Ends the step: closing quotes for every instrument, model observers, clean-up.</summary>
    public void EndStep()
    {
        var ids = CollectionsMarshal.AsSpan(_stepIds);
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            ref readonly var bar = ref _stepBar[id];
            var instrument = _stepInstrument[id]!;
            if (!_isActive[id])
            {
                var ask = bar.HasAsk ? Math.Max(bar.AskClose, bar.Close) : bar.Close + _stepSpread[id];
                _quotes.Set(id, bar.Close, ask, _stepClose[id]);
            }
            Observe(instrument, bar);
            _hasBar[id] = false;
            _isActive[id] = false;
        }
        _stepIds.Clear();
        _active.Clear();
        if (_dirty) Compact();
    }

    // =================================================================== events inside a segment

    private void RunEvents(int s)
    {
        // Repeatedly take the earliest event over all active instruments; each event may change the order
        // book (OCO cancels, released bracket children, new orders from strategies), so search again after it.
        for (var guard = 0; guard < 100_000; guard++)
        {
            var bestLambda = double.PositiveInfinity;
            Order? best = null;
            var bestKind = EventKind.Fill;
            double bestPrice = 0;
            var bestId = -1;
            for (var i = 0; i < _active.Count; i++)
            {
                var id = _active[i];
                if (_working[id] is not { Count: > 0 } list) continue;
                for (var j = 0; j < list.Count; j++)
                {
                    var o = list[j];
                    if (!o.IsWorking) continue;
                    if (!Evaluate(o, id, s, out var lambda, out var kind, out var price)) continue;
                    if (lambda < bestLambda)
                    {
                        bestLambda = lambda; best = o; bestKind = kind; bestPrice = price; bestId = id;
                    }
                }
            }
            if (best is null) return;
            Execute(best, bestId, s, bestLambda, bestKind, bestPrice);
        }
        throw new InvalidOperationException("Simulated broker: too many events in one bar segment (an order loop?).");
    }

    private readonly struct Segment(long ta, long tb, double bidA, double bidB, double askA, double askB)
    {
        public readonly long Ta = ta, Tb = tb;
        public readonly double BidA = bidA, BidB = bidB, AskA = askA, AskB = askB;
        public double Span => Tb - Ta;
        public long TimeAt(double lambda) => Ta + (long)Math.Round(lambda * (Tb - Ta));
    }

    private Segment SegmentOf(int id, int s)
    {
        ref readonly var p = ref _path[id];
        if (s == 0 || s >= p.Count)
        {
            var k = Math.Min(s, p.Count - 1);
            return new Segment(p.Time(k), p.Time(k), p.Bid(k), p.Bid(k), p.Ask(k), p.Ask(k));
        }
        return new Segment(p.Time(s - 1), p.Time(s), p.Bid(s - 1), p.Bid(s), p.Ask(s - 1), p.Ask(s));
    }

    /// <summary>The earliest event (fill, trigger, expiry, IOC cancel) of one order in segment s from its cursor.</summary>
    private bool Evaluate(Order o, int id, int s, out double lambda, out EventKind kind, out double price)
    {
        lambda = 0; kind = EventKind.Fill; price = 0;
        var seg = SegmentOf(id, s);
        if (o.ActiveFromTicks > seg.Tb) return false;
        var la = o.ActiveFromTicks <= seg.Ta || seg.Span <= 0 ? 0 : (o.ActiveFromTicks - seg.Ta) / seg.Span;
        var ls = Math.Max(_cursor[id], la);
        if (o.ExpireTicks <= seg.TimeAt(ls)) { lambda = ls; kind = EventKind.Expire; return true; }
        // An instrument trades only once every pair needed to value it in the account currency has quoted
        // (a conversion series may start later than the traded one).
        if (!Valued(o.Instrument)) return false;
        if (_capsFills && !_settling && o.FillBarTicks == _stepOpen && _models.Fill.FillableUnits(o, o.LeavesQuantity, o.FilledThisBar) <= 0) return false;

        var buy = o.IsBuy;
        var qa = buy ? seg.AskA : seg.BidA;
        var qb = buy ? seg.AskB : seg.BidB;
        var p0 = qa + ls * (qb - qa);
        bool hit;
        switch (o.Type)
        {
            case OrderType.Market:
                hit = true; lambda = ls; price = p0;
                break;
            case OrderType.Limit:
                hit = Touch(buy ? -1 : 1, o.LimitD, p0, qb, ls, out lambda, out price);
                break;
            case OrderType.Stop:
                hit = Touch(buy ? 1 : -1, o.StopD, p0, qb, ls, out lambda, out price);
                break;
            case OrderType.StopLimit:
                if (o.IsTriggered) hit = Touch(buy ? -1 : 1, o.LimitD, p0, qb, ls, out lambda, out price);
                else
                {
                    hit = Touch(buy ? 1 : -1, o.StopD, p0, qb, ls, out lambda, out price);
                    if (hit) kind = EventKind.Trigger;
                }
                break;
            case OrderType.TrailingStop:
                if (double.IsNaN(o.TrailAnchor)) o.TrailAnchor = p0;
                var level = buy ? o.TrailAnchor + o.OffsetD : o.TrailAnchor - o.OffsetD;
                hit = Touch(buy ? 1 : -1, level, p0, qb, ls, out lambda, out price);
                break;
            default:
                throw new InvalidOperationException($"Unknown order type {o.Type}.");
        }
        // IOC and FOK get one look, at the moment they become active; a stop-limit triggered there gets its
        // limit checked at the same moment on the next pass.
        var firstLook = o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && !o.FirstLookDone;
        if (firstLook && (!hit || lambda > ls)) { lambda = ls; kind = EventKind.Cancel; return true; }
        if (hit && o.ExpireTicks <= seg.TimeAt(lambda)) kind = EventKind.Expire;
        return hit;
    }

    /// <summary>
    /// Where a linear path from <paramref name="p0"/> (at <paramref name="ls"/>) to <paramref name="pb"/> (at 1)
    /// first satisfies price·dir ≥ level·dir (dir +1: at or above, −1: at or below). Already satisfied at the
    /// start: the fill is at the start price (a gap or a late activation); crossed inside: at the level.
    /// </summary>
    private static bool Touch(int dir, double level, double p0, double pb, double ls, out double lambda, out double price)
    {
        if ((p0 - level) * dir >= 0) { lambda = ls; price = p0; return true; }
        if ((pb - level) * dir >= 0 && pb != p0)
        {
            lambda = Math.Min(1.0, ls + (1 - ls) * (level - p0) / (pb - p0));
            price = level;
            return true;
        }
        lambda = 0; price = 0;
        return false;
    }

    private void Execute(Order o, int id, int s, double lambda, EventKind kind, double price)
    {
        var seg = SegmentOf(id, s);
        var time = seg.TimeAt(lambda);
        _clock.AdvanceTo(time);
        _cursor[id] = lambda;
        var bid = seg.BidA + lambda * (seg.BidB - seg.BidA);
        var ask = seg.AskA + lambda * (seg.AskB - seg.AskA);
        _quotes.Set(id, bid, ask, time);
        switch (kind)
        {
            case EventKind.Expire:
                _dirty = true;
                _sink.Expired(o);
                break;
            case EventKind.Cancel:
                o.FirstLookDone = true;
                _dirty = true;
                _sink.Cancelled(o, o.TimeInForce == TimeInForce.Fok ? "FOK: not fillable at its first price" : "IOC: not fillable at its first price");
                break;
            case EventKind.Trigger:
                _sink.Triggered(o);
                break;
            default:
                DoFill(o, id, price, bid, ask, liquidation: false);
                break;
        }
    }

    private void DoFill(Order o, int id, double quoteD, double bid, double ask, bool liquidation)
    {
        var instrument = o.Instrument;
        // Only a fill model that can cap fills per bar needs the count of this bar's fills (the standard model without a
        // cap fills the whole remainder, whatever the count).
        if (_capsFills && o.FillBarTicks != _stepOpen) { o.FillBarTicks = _stepOpen; o.FilledThisBar = 0; }
        var leaves = o.LeavesQuantity;
        var units = liquidation || _settling ? leaves : _models.Fill.FillableUnits(o, leaves, _capsFills ? o.FilledThisBar : 0m);
        var ioc = o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        o.FirstLookDone = true;
        if (o.TimeInForce == TimeInForce.Fok && units < leaves)
        {
            _dirty = true;
            _sink.Cancelled(o, string.Create(CultureInfo.InvariantCulture, $"FOK: only {units} of {leaves} units fillable"));
            return;
        }
        if (units <= 0) return;
        if (o.ReduceOnly || o.PositionId is not null && _account.Mode == PositionMode.Hedging && !liquidation)
        {
            var available = ReducibleUnits(o);
            if (available <= 0)
            {
                _dirty = true;
                _sink.Cancelled(o, "reduce-only: no position left to reduce");
                return;
            }
            units = Math.Min(units, available);
        }
        var opening = OpeningUnits(o, units);
        if (opening > 0 && !liquidation)
        {
            var need = _account.MarginFor(instrument, opening);
            var free = _account.FreeMarginD();
            if (need > free)
            {
                _dirty = true;
                o.RejectReason = RejectReason.InsufficientMargin;
                _sink.Cancelled(o, MarginMessage("insufficient margin at fill", need, free));
                return;
            }
        }

        var buy = o.IsBuy;
        var quote = o.Type is OrderType.Limit || o.Type == OrderType.StopLimit && o.IsTriggered
            ? LimitFillPrice(instrument, quoteD, o.LimitPrice!.Value, buy)
            : AdverseTick(instrument, quoteD, buy);
        var slip = o.Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop || liquidation
            ? _models.Slippage.Slippage(instrument, o.Side, o.Type, _stepBar[id])
            : 0;
        var slipTicks = slip > 0 ? TickMultiple(instrument, Math.Ceiling(slip / instrument.TickSizeD - 1e-6)) : 0m;
        // No slippage: slipTicks is 0 with scale 0, and adding it would give the quote's own bits.
        var fillPrice = slip > 0 ? (buy ? quote + slipTicks : quote - slipTicks) : quote;
        if (fillPrice <= 0) fillPrice = instrument.TickSize;
        // The book holds these very quotes (the fill is at its latest point): its cached decimal mid is this formula's value.
        var mid = SameBits(_quotes.Bid(id), bid) && SameBits(_quotes.Ask(id), ask) ? _quotes.MidDecimal(id) : ExactDecimal.MidOf(bid, ask);
        var converter = _account.Converter;
        // The fill's notional is the base units converted, which a per-million commission is charged on: convert once.
        var notional = converter.Convert(units, instrument.Base);
        var commission = _account.Ledger.Round(_models.Commission is PerMillionCommission perMillion
            ? perMillion.OfNotional(notional)
            : _models.Commission.Commission(instrument, units, fillPrice, converter));
        var spreadCost = converter.Convert(Math.Abs(quote - mid) * units, instrument.Quote);
        var slipCost = converter.Convert(slipTicks * units, instrument.Quote);
        var fill = new FillData
        {
            OrderId = o.Id,
            Instrument = instrument,
            Side = o.Side,
            Quantity = units,
            Price = fillPrice,
            Time = _clock.UtcNow,
            QuotePrice = quote,
            Mid = mid,
            Commission = commission,
            SpreadCost = spreadCost,
            SlippageCost = slipCost,
            Notional = notional,
            IsLiquidation = liquidation,
        };
        if (_capsFills) o.FilledThisBar += units;
        if (_engine is not null) _engine.Filled(o, fill);
        else _sink.Filled(o, new Fill(fill));
        if (o.IsTerminal) _dirty = true;
        else if (ioc)
        {
            _dirty = true;
            _sink.Cancelled(o, "IOC: remainder cancelled");
        }
    }

    /// <summary>A buy's quote rounds up to the tick grid, a sell's down: interpolated prices never favour the trader.</summary>
    private static decimal AdverseTick(Instrument instrument, double price, bool buy)
    {
        var ticks = price / instrument.TickSizeD;
        var nearest = Math.Round(ticks);
        var whole = Math.Abs(ticks - nearest) < 1e-6 ? nearest : buy ? Math.Ceiling(ticks) : Math.Floor(ticks);
        return TickMultiple(instrument, whole);
    }

    /// <summary>
    /// (decimal)<paramref name="wholeTicks"/> × the tick size. When the tick is one unit of the last decimal place
    /// (every FX pair) the product is built directly, with the same bits: a whole double below 10^14 converts to
    /// that integer with scale 0, and multiplying by 1 × 10^−s keeps the coefficient and sets scale s.
    /// </summary>
    internal static decimal TickMultiple(Instrument instrument, double wholeTicks)
    {
        if (wholeTicks > 0 && wholeTicks < 1e14 && wholeTicks == Math.Floor(wholeTicks))
        {
            Span<int> t = stackalloc int[4];
            decimal.GetBits(instrument.TickSize, t);
            if (t[0] == 1 && t[1] == 0 && t[2] == 0 && t[3] >= 0)
            {
                var n = (long)wholeTicks;
                return new decimal((int)(uint)n, (int)(n >> 32), 0, false, (byte)(t[3] >> 16));
            }
        }
        return (decimal)wholeTicks * instrument.TickSize;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>A limit fills at its price or better: the quote when the order was already through at activation, else the limit.</summary>
    private static decimal LimitFillPrice(Instrument instrument, double quote, decimal limit, bool buy)
    {
        var q = AdverseTick(instrument, quote, buy);
        return buy ? Math.Min(q, limit) : Math.Max(q, limit);
    }

    private decimal ReducibleUnits(Order o)
    {
        if (o.PositionId is { } pid && _account.Mode == PositionMode.Hedging)
        {
            var p = _account.FindOpenUnexposed(pid);
            return p is null || (p.Side == PositionSide.Long) == o.IsBuy ? 0 : p.Quantity;
        }
        var net = _account.NetQuantity(o.Instrument);
        return Math.Sign(net) == -o.Side.Sign() ? Math.Abs(net) : 0;
    }

    /// <summary>Units of the fill that add exposure (and so need margin).</summary>
    private decimal OpeningUnits(Order o, decimal units)
    {
        if (o.ReduceOnly) return 0;
        if (_account.Mode == PositionMode.Hedging) return o.PositionId is not null && !o.ReduceOnly && _account.FindOpenUnexposed(o.PositionId.Value) is { } p && (p.Side == PositionSide.Long) != o.IsBuy ? 0 : units;
        var net = _account.NetQuantity(o.Instrument);
        return Math.Sign(net) == -o.Side.Sign() ? Math.Max(0, units - Math.Abs(net)) : units;
    }

    private void UpdateTrailing(List<Order> list, double bid, double ask)
    {
        for (var j = 0; j < list.Count; j++)
        {
            var o = list[j];
            if (o.Type != OrderType.TrailingStop || !o.IsWorking || double.IsNaN(o.TrailAnchor)) continue;
            var moved = false;
            if (o.IsBuy && ask < o.TrailAnchor) { o.TrailAnchor = ask; moved = true; }
            else if (!o.IsBuy && bid > o.TrailAnchor) { o.TrailAnchor = bid; moved = true; }
            if (moved || o.StopPrice is null)
            {
                var level = o.IsBuy ? o.TrailAnchor + o.OffsetD : o.TrailAnchor - o.OffsetD;
                o.StopPrice = AdverseTick(o.Instrument, level, o.IsBuy);
            }
        }
    }

    // =================================================================== margin

    private void CheckMargin()
    {
        var level = _account.MarginLevelD();
        var margin = _models.Margin;
        if (level < margin.MarginCallLevel && !_marginCall)
        {
            _marginCall = true;
            _sink.Margin(new MarginEvent(_clock.UtcNow, MarginEventKind.MarginCall, _account.EquityD(), _account.MarginUsedD(), level, null));
        }
        while (level < margin.StopOutLevel && _account.OpenPositions.Count > 0)
        {
            Position? loser = null;
            var worst = double.PositiveInfinity;
            foreach (var p in _account.OpenPositions)
            {
                var u = _account.UnrealisedD(p);
                if (u < worst) { worst = u; loser = p; }
            }
            _sink.Margin(new MarginEvent(_clock.UtcNow, MarginEventKind.StopOut, _account.EquityD(), _account.MarginUsedD(), level, loser!.Id));
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"stop-out: margin level {level:F1}% below {margin.StopOutLevel:F1}%, closing the biggest loser P{loser.Id}");
            var order = _sink.CreateLiquidationOrder(loser, reason);
            var id = loser.Instrument.Id;
            var bid = _quotes.Bid(id);
            var ask = _quotes.Ask(id);
            DoFill(order, id, order.IsBuy ? ask : bid, bid, ask, liquidation: true);
            level = _account.MarginLevelD();
        }
        if (_marginCall && level >= margin.MarginCallLevel)
        {
            _marginCall = false;
            _sink.Margin(new MarginEvent(_clock.UtcNow, MarginEventKind.Recovered, _account.EquityD(), _account.MarginUsedD(), level, null));
        }
    }

    // =================================================================== rollover and expiry

    /// <summary>The first weekday 17:00 New York close strictly after the instant.</summary>
    private long NextRollover(long afterTicks)
    {
        var t = _calendar.NextDailyCloseUtcTicks(afterTicks);
        while (FxCalendar.IsWeekendDay(_calendar.TradingDayOf(t - 1))) t = _calendar.NextDailyCloseUtcTicks(t);
        return t;
    }

    private void ChargeRollover(long rolloverTicks)
    {
        if (_account.OpenPositions.Count == 0) return;
        var day = _calendar.TradingDayOf(rolloverTicks - 1);
        var days = day.DayOfWeek == _models.Swap.TripleDay ? 3 : 1;
        foreach (var p in _account.OpenPositions.ToArray())
        {
            var id = p.Instrument.Id;
            if (!_quotes.Has(id)) continue;
            var daily = _models.Swap.DailySwapInQuote(p.Instrument, p.Side, p.Quantity, _quotes.MidDecimal(id));
            if (daily != 0) _sink.SwapCharged(p, daily * days, days);
        }
    }

    private long EarliestExpiry()
    {
        var min = long.MaxValue;
        foreach (var list in _working)
        {
            if (list is null) continue;
            foreach (var o in list)
                if (o.IsWorking && o.ExpireTicks < min) min = o.ExpireTicks;
        }
        return min;
    }

    private void ExpireDue(long nowTicks)
    {
        foreach (var list in _working)
        {
            if (list is null) continue;
            for (var j = 0; j < list.Count; j++)
            {
                var o = list[j];
                if (o.IsWorking && o.ExpireTicks <= nowTicks)
                {
                    _dirty = true;
                    _sink.Expired(o);
                }
            }
        }
    }

    private void Compact()
    {
        _workingCount = 0;
        _hasExpiring = false;
        _expiryBound = long.MaxValue;
        foreach (var list in _working)
        {
            if (list is not { Count: > 0 }) continue;
            // The orders still working, moved up in their order (what RemoveAll of the terminal ones leaves), in one pass
            // that also finds the earliest expiry.
            var span = CollectionsMarshal.AsSpan(list);
            var kept = 0;
            for (var j = 0; j < span.Length; j++)
            {
                var o = span[j];
                if (o.IsTerminal) continue;
                span[kept++] = o;
                if (o.ExpireTicks != long.MaxValue)
                {
                    _hasExpiring = true;
                    _expiryBound = Math.Min(_expiryBound, o.ExpireTicks);
                }
            }
            if (kept < span.Length) list.RemoveRange(kept, span.Length - kept);
            _workingCount += kept;
        }
        _dirty = false;
    }

    /// <summary>
    /// Fills the working market orders at the latest quotes, as one more point in time (used to close out at
    /// the end of a backtest, when no further bar will come). No rollover or expiry is processed.
    /// </summary>
    public void FillMarketOrdersAtLastQuotes()
    {
        var now = _clock.UtcNowTicks;
        _stepOpen = now;
        for (var id = 0; id < _working.Length; id++)
        {
            if (_working[id] is not { Count: > 0 } list || !_quotes.Has(id)) continue;
            Instrument? instrument = null;
            foreach (var o in list)
                if (o.IsWorking && o.Type == OrderType.Market) { instrument = o.Instrument; break; }
            if (instrument is null) continue;
            var bid = _quotes.Bid(id);
            var ask = _quotes.Ask(id);
            AddBar(instrument, new Bar(new DateTime(now, DateTimeKind.Utc), bid, bid, bid, bid, ask, ask, ask, ask), now);
        }
        if (_stepIds.Count == 0) return;
        _settling = true;
        try { RunStep(); }
        finally { _settling = false; }
        foreach (var id in _stepIds) _isActive[id] = true; // keep the quotes as they are: nothing new was observed
        EndStepWithoutObservers();
    }

    private void EndStepWithoutObservers()
    {
        foreach (var id in _stepIds) { _hasBar[id] = false; _isActive[id] = false; }
        _stepIds.Clear();
        _active.Clear();
        if (_dirty) Compact();
    }
}
