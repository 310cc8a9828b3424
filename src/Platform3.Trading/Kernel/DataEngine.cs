using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Kernel;

/// <summary>
/// Routes market data to the strategies that subscribed. Bars of the feed's own timeframe go straight
/// through; higher timeframes are aggregated and delivered only at their close, after the finer bars
/// inside them (an H1 bar arrives at its close, after the twelve M5 bars it is made of). Within one time
/// step all feed bars are delivered first, then completed higher bars by ascending timeframe.
/// </summary>
public sealed class DataEngine
{
    private sealed class Subscription(Instrument instrument, Timeframe timeframe)
    {
        public Instrument Instrument { get; } = instrument;
        public Timeframe Timeframe { get; } = timeframe;
        public Strategy[] Subscribers = [];
        public BarAggregator? Aggregator;
    }

    private readonly FxCalendar _calendar;
    private readonly EngineClock _clock;
    private readonly StrategyHost _host;
    private readonly Dictionary<(int, int), Subscription> _subscriptions = [];
    // Direct subscriptions per instrument id (feed timeframe), aggregated ones per instrument id.
    private Subscription?[] _direct = [];
    private Subscription[][] _aggregated = [];
    private Strategy[][] _quoteSubscribers = [];
    private readonly List<Subscription> _completed = [];
    private Subscription[] _allAggregated = [];
    private Timeframe[] _feedTimeframe = [];
    private bool[] _hasFeed = [];

    internal DataEngine(FxCalendar calendar, EngineClock clock, StrategyHost host)
    {
        _calendar = calendar;
        _clock = clock;
        _host = host;
    }

    /// <summary>The timeframe the run's data supplies for the instrument (Tick for quotes), or null when it has no data.</summary>
    public Timeframe? FeedTimeframe(Instrument instrument) => IsFeed(instrument) ? _feedTimeframe[instrument.Id] : null;

    private bool IsFeed(Instrument instrument) => instrument.Id < _hasFeed.Length && _hasFeed[instrument.Id];

    private void Grow(int id)
    {
        if (id < _direct.Length) return;
        var n = id + 1;
        Array.Resize(ref _direct, n);
        Array.Resize(ref _aggregated, n);
        Array.Resize(ref _quoteSubscribers, n);
        Array.Resize(ref _feedTimeframe, n);
        Array.Resize(ref _hasFeed, n);
        for (var i = 0; i < n; i++)
        {
            _aggregated[i] ??= [];
            _quoteSubscribers[i] ??= [];
        }
    }

    /// <summary>Declares that the run's data supplies the instrument at this timeframe (Tick for quotes).</summary>
    internal void MarkFeed(Instrument instrument, Timeframe timeframe)
    {
        Grow(instrument.Id);
        _feedTimeframe[instrument.Id] = timeframe;
        _hasFeed[instrument.Id] = true;
    }

    /// <summary>Subscribes a strategy to bars; the timeframe must be the feed's or a whole multiple of it.</summary>
    public void Subscribe(Strategy strategy, Instrument instrument, Timeframe timeframe)
    {
        Grow(instrument.Id);
        if (!IsFeed(instrument))
            throw new Core.Errors.UsageException($"{strategy.Name}: {instrument.Symbol} is not in this run's data (subscribe only to the run's symbols).");
        if (timeframe.IsTick) throw new Core.Errors.UsageException($"{strategy.Name}: use SubscribeQuotes for ticks.");
        var feed = _feedTimeframe[instrument.Id];
        if (!feed.IsTick && (timeframe < feed || !timeframe.IsMultipleOf(feed)))
            throw new Core.Errors.UsageException(
                $"{strategy.Name}: cannot deliver {instrument.Symbol} {timeframe} from {feed} data (needs {feed} or a whole multiple of it).");
        var key = (instrument.Id, timeframe.Code);
        if (!_subscriptions.TryGetValue(key, out var sub))
        {
            sub = new Subscription(instrument, timeframe);
            _subscriptions[key] = sub;
            if (timeframe == feed) _direct[instrument.Id] = sub;
            else
            {
                sub.Aggregator = new BarAggregator(instrument, timeframe, _calendar);
                _aggregated[instrument.Id] = [.. _aggregated[instrument.Id], sub];
                _allAggregated = [.. _allAggregated, sub];
                Array.Sort(_aggregated[instrument.Id], (a, b) => a.Timeframe.CompareTo(b.Timeframe));
            }
        }
        if (!sub.Subscribers.Contains(strategy)) sub.Subscribers = [.. sub.Subscribers, strategy];
    }

    public void SubscribeQuotes(Strategy strategy, Instrument instrument)
    {
        Grow(instrument.Id);
        if (!IsFeed(instrument)) throw new Core.Errors.UsageException($"{strategy.Name}: {instrument.Symbol} is not in this run's data.");
        if (!_quoteSubscribers[instrument.Id].Contains(strategy)) _quoteSubscribers[instrument.Id] = [.. _quoteSubscribers[instrument.Id], strategy];
    }

    /// <summary>True when some subscription is aggregated from finer data.</summary>
    public bool HasAggregates => _allAggregated.Length > 0;

    /// <summary>Delivers higher-timeframe bars whose close is at or before <paramref name="nowTicks"/> although their last finer bar never came.</summary>
    public void FlushStale(long nowTicks)
    {
        var all = _allAggregated;
        for (var i = 0; i < all.Length; i++)
        {
            var s = all[i];
            if (s.Aggregator!.HasPending && s.Aggregator.PendingCloseTicks <= nowTicks && !_completed.Contains(s)) _completed.Add(s);
        }
        if (_completed.Count > 0) DeliverCompleted();
    }

    /// <summary>A feed bar closed at <paramref name="closeTicks"/>: delivers it and updates the aggregates (call for every instrument of the step, then <see cref="DeliverCompleted"/>).</summary>
    public void OnFeedBar(Instrument instrument, in Bar bar, long closeTicks)
    {
        var id = instrument.Id;
        if (_direct[id] is { } direct)
            _host.DeliverBar(direct.Subscribers, new BarEvent(instrument, direct.Timeframe, bar, new DateTime(closeTicks, DateTimeKind.Utc)));
        Aggregate(id, bar, closeTicks);
    }

    private void Aggregate(int instrumentId, in Bar bar, long closeTicks)
    {
        var aggs = _aggregated[instrumentId];
        for (var i = 0; i < aggs.Length; i++)
            if (aggs[i].Aggregator!.Add(bar, closeTicks)) _completed.Add(aggs[i]);
    }

    /// <summary>The strategies subscribed to the instrument at its feed timeframe (empty when none).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal Strategy[] DirectSubscribers(int instrumentId) => _direct[instrumentId] is { } direct ? direct.Subscribers : [];

    /// <summary>
    /// The rest of <see cref="OnFeedBar"/> for a feed bar wrapped as an event of the feed's timeframe, once the backtest
    /// loop has handed it to the <see cref="DirectSubscribers"/> itself: the aggregates (call only when <see cref="HasAggregates"/>).
    /// </summary>
    internal void AggregateFeedBar(in BarEvent e) => Aggregate(e.Instrument.Id, e.Bar, e.CloseTime.Ticks);

    /// <summary>A quote arrived (tick feed): delivers it and feeds the aggregates as a one-point bar.</summary>
    public void OnQuote(Instrument instrument, in Core.Domain.Quote quote)
    {
        var id = instrument.Id;
        var subs = _quoteSubscribers[id];
        if (subs.Length > 0)
        {
            var e = new QuoteEvent(instrument, quote);
            for (var i = 0; i < subs.Length; i++) _host.DeliverQuote(subs[i], e);
        }
        var aggs = _aggregated[id];
        if (aggs.Length == 0) return;
        var bar = new Bar(quote.Time, quote.Bid, quote.Bid, quote.Bid, quote.Bid, quote.Ask, quote.Ask, quote.Ask, quote.Ask, quote.Volume);
        for (var i = 0; i < aggs.Length; i++)
            aggs[i].Aggregator!.Add(bar, quote.Time.Ticks); // a tick never completes a bar: time passing its close does
    }

    /// <summary>Delivers the completed higher-timeframe bars, by ascending timeframe then subscription order.</summary>
    public void DeliverCompleted()
    {
        if (_completed.Count == 0) return;
        _completed.Sort(static (a, b) => a.Timeframe != b.Timeframe ? a.Timeframe.CompareTo(b.Timeframe) : a.Instrument.Id.CompareTo(b.Instrument.Id));
        foreach (var s in _completed)
        {
            var bar = s.Aggregator!.Take(out var close);
            _clock.AdvanceToIfSimulated(close);
            _host.DeliverBar(s.Subscribers, new BarEvent(s.Instrument, s.Timeframe, bar, new DateTime(close, DateTimeKind.Utc)));
        }
        _completed.Clear();
    }

    /// <summary>True when some strategy subscribed to the instrument at any timeframe or to its quotes.</summary>
    public bool HasSubscribers(Instrument instrument) =>
        instrument.Id < _direct.Length && (_direct[instrument.Id] is not null || _aggregated[instrument.Id].Length > 0 || _quoteSubscribers[instrument.Id].Length > 0);
}
