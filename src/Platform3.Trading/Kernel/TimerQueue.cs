using Platform3.Core.Time;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Kernel;

/// <summary>
/// Timers of the strategies, fired in due order (ties in scheduling order). In a backtest a timer fires at
/// the first step boundary at or after its due time: time advances bar by bar, so a timer never fires
/// inside a bar whose prices are not yet known.
/// </summary>
public sealed class TimerQueue
{
    private sealed record Entry(Strategy Owner, string Name, long Due, TimeOnly? DailyLocal, FastZone? Zone);

    private readonly PriorityQueue<Entry, (long Due, long Seq)> _queue = new();
    private long _seq;

    public int Count => _queue.Count;

    // Read twice per backtest step: kept in a field instead of peeking the queue each time.
    private long _nextDue = long.MaxValue;

    public long NextDueTicks => _nextDue;

    private void SyncNextDue() => _nextDue = _queue.TryPeek(out _, out var p) ? p.Due : long.MaxValue;

    public void Schedule(Strategy owner, string name, DateTime dueUtc) => Add(new Entry(owner, name, dueUtc.Ticks, null, null));

    /// <summary>Every day at a local time in a zone (e.g. 08:00 Europe/London), starting after <paramref name="afterUtcTicks"/>.</summary>
    public void ScheduleDaily(Strategy owner, string name, TimeOnly localTime, string zoneId, long afterUtcTicks)
    {
        var zone = FastZone.For(zoneId);
        Add(new Entry(owner, name, NextDaily(localTime, zone, afterUtcTicks), localTime, zone));
    }

    private void Add(Entry e)
    {
        _queue.Enqueue(e, (e.Due, ++_seq));
        SyncNextDue();
    }

    private static long NextDaily(TimeOnly local, FastZone zone, long afterUtcTicks)
    {
        var localNow = zone.UtcToLocalTicks(afterUtcTicks);
        var day = localNow - localNow % TimeSpan.TicksPerDay;
        for (var k = 0; k < 3; k++)
        {
            var utc = zone.LocalToUtcTicks(day + k * TimeSpan.TicksPerDay + local.Ticks);
            if (utc > afterUtcTicks) return utc;
        }
        throw new InvalidOperationException("No daily occurrence found within three days.");
    }

    /// <summary>Fires every timer due at or before <paramref name="nowTicks"/>, advancing the clock to each due time first.</summary>
    public void FireDue(long nowTicks, EngineClock clock, Action<Strategy, TimerEvent> fire)
    {
        while (_queue.TryPeek(out var e, out var p) && p.Due <= nowTicks)
        {
            _queue.Dequeue();
            SyncNextDue();
            if (clock.IsSimulated) clock.AdvanceTo(e.Due);
            if (e.DailyLocal is { } t) Add(e with { Due = NextDaily(t, e.Zone!, e.Due) });
            fire(e.Owner, new TimerEvent(e.Name, clock.UtcNow, new DateTime(e.Due, DateTimeKind.Utc)));
        }
    }
}
