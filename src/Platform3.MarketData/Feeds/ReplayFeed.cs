using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Storage;

namespace Platform3.MarketData.Feeds;

/// <summary>Replay pace: 0 = as fast as possible, N = N × real time (1 = real time). Pauses longer than <see cref="MaxPause"/> (weekends) are cut short.</summary>
public readonly record struct ReplaySpeed(double Multiplier, TimeSpan? MaxPause = null)
{
    public static ReplaySpeed AsFastAsPossible => new(0);
    public static ReplaySpeed TimesRealTime(double n, TimeSpan? maxPause = null) =>
        n > 0 ? new(n, maxPause) : throw new UsageException("Replay speed must be positive (or 0 for as fast as possible).");
    public bool Paced => Multiplier > 0;
}

/// <summary>
/// Streams stored bars and ticks of several subscriptions as one time-ordered sequence of events, each
/// stamped when it becomes known (bar close, tick time); ties go to the subscription listed first. As fast as
/// possible, or paced at N × real time (the wait between events is their time difference / N). Holds the
/// series in memory and allocates nothing per event.
/// </summary>
public sealed class ReplayFeed : IMarketDataFeed
{
    private readonly FeedSubscription[] _subs;
    private readonly BarSeries?[] _bars;
    private readonly TickSeries?[] _ticks;
    private readonly long[][] _known;   // per stream: when each row becomes known
    private readonly int[] _pos;
    private readonly ReplaySpeed _speed;
    private readonly Func<TimeSpan, CancellationToken, ValueTask> _delay;
    private long _lastTime = long.MinValue;

    public IReadOnlyList<FeedSubscription> Subscriptions => _subs;
    public MarketEvent Current { get; private set; }
    public long Emitted { get; private set; }

    /// <param name="delay">How to wait when paced (tests pass a recorder; default Task.Delay).</param>
    public ReplayFeed(IEnumerable<BarSeries> bars, IEnumerable<TickSeries>? ticks = null, ReplaySpeed speed = default,
        FxCalendar? calendar = null, Func<TimeSpan, CancellationToken, ValueTask>? delay = null)
    {
        var cal = calendar ?? FxCalendar.Default;
        var subs = new List<FeedSubscription>();
        var b = new List<BarSeries?>();
        var t = new List<TickSeries?>();
        var known = new List<long[]>();
        foreach (var s in bars)
        {
            subs.Add(new FeedSubscription(s.Symbol, s.Timeframe));
            b.Add(s); t.Add(null);
            var k = new long[s.Count];
            for (var i = 0; i < s.Count; i++) k[i] = cal.BarCloseUtcTicks(s.Timeframe, s.Time[i]);
            known.Add(k);
        }
        foreach (var s in ticks ?? [])
        {
            subs.Add(new FeedSubscription(s.Symbol, Timeframe.Tick));
            b.Add(null); t.Add(s);
            known.Add(s.Time);
        }
        _subs = subs.ToArray();
        _bars = b.ToArray();
        _ticks = t.ToArray();
        _known = known.ToArray();
        _pos = new int[_subs.Length];
        _speed = speed;
        _delay = delay ?? ((span, ct) => new ValueTask(Task.Delay(span, ct)));
    }

    /// <summary>Loads the subscriptions from the store for [fromUtc, toUtc) (bar open times; tick times).</summary>
    public static ReplayFeed FromStore(BarStore store, IEnumerable<FeedSubscription> subscriptions, DateTime? fromUtc = null, DateTime? toUtc = null,
        ReplaySpeed speed = default, FxCalendar? calendar = null)
    {
        var bars = new List<BarSeries>();
        var ticks = new List<TickSeries>();
        foreach (var s in subscriptions)
        {
            if (s.Timeframe.IsTick) ticks.Add(store.LoadTicks(s.Symbol, fromUtc, toUtc));
            else bars.Add(store.LoadBars(s.Symbol, s.Timeframe, fromUtc, toUtc));
        }
        return new ReplayFeed(bars, ticks, speed, calendar);
    }

    /// <summary>The next event without pacing (the backtest loop's fast path).</summary>
    public bool TryNext(out MarketEvent e)
    {
        var best = -1;
        var bestTime = long.MaxValue;
        for (var s = 0; s < _subs.Length; s++)
        {
            var p = _pos[s];
            if (p < _known[s].Length && _known[s][p] < bestTime) { best = s; bestTime = _known[s][p]; }
        }
        if (best < 0) { e = default; return false; }
        var i = _pos[best]++;
        var sub = _subs[best];
        e = _bars[best] is { } bars
            ? new MarketEvent { Kind = MarketEventKind.Bar, Stream = best, Symbol = sub.Symbol, Timeframe = sub.Timeframe, TimeUtcTicks = bestTime, Bar = bars[i] }
            : new MarketEvent { Kind = MarketEventKind.Tick, Stream = best, Symbol = sub.Symbol, Timeframe = Timeframe.Tick, TimeUtcTicks = bestTime, Quote = _ticks[best]![i] };
        Current = e;
        Emitted++;
        return true;
    }

    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryNext(out var e)) return new ValueTask<bool>(false);
        var previous = _lastTime;
        _lastTime = e.TimeUtcTicks;
        if (!_speed.Paced || previous == long.MinValue || e.TimeUtcTicks <= previous) return new ValueTask<bool>(true);
        var wait = TimeSpan.FromTicks((long)((e.TimeUtcTicks - previous) / _speed.Multiplier));
        if (_speed.MaxPause is { } max && wait > max) wait = max;
        return Paced(wait, cancellationToken);
    }

    private async ValueTask<bool> Paced(TimeSpan wait, CancellationToken ct)
    {
        await _delay(wait, ct).ConfigureAwait(false);
        return true;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
