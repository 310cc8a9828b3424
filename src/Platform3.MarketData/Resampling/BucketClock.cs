using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Resampling;

/// <summary>
/// Finds the target bar (bucket) a source time falls in, via <see cref="FxCalendar.BarOpenUtcTicks"/>.
/// Frames up to H1 are a modulo; H4/D1/W1 need New York time, so the current bucket's edges are cached
/// and the calendar is asked again only when a time leaves it (a few times a day, not once per bar).
/// </summary>
internal sealed class BucketClock(FxCalendar calendar, Timeframe target)
{
    private static readonly long SixtyHours = TimeSpan.FromHours(60).Ticks;
    private readonly bool _utcAligned = target.DurationTicks <= TimeSpan.TicksPerHour;
    private readonly long _duration = target.DurationTicks;
    private long _open = long.MaxValue, _close = long.MinValue;

    public Timeframe Target => target;

    /// <summary>Open time of the bucket holding <paramref name="t"/>, and its close.</summary>
    public long BucketOf(long t, out long close)
    {
        if (_utcAligned)
        {
            var r = t % _duration;
            var open = t - (r < 0 ? r + _duration : r);
            close = open + _duration;
            return open;
        }
        if (t < _open || t >= _close)
        {
            _open = calendar.BarOpenUtcTicks(target, t);
            _close = calendar.BarCloseUtcTicks(target, _open);
            if (_close <= t)
            {
                // Only a W1 bucket ends before a time mapped to it: data stamped between Friday 17:00 and
                // Sunday 17:00 New York. It gets a bucket of its own, from the week's close to the next open,
                // so buckets never overlap (the quality report lists such closed-market bars).
                _open = _close;
                _close = calendar.BarOpenUtcTicks(target, _close + SixtyHours);
                if (_close <= t) _close = t + 1;
            }
        }
        close = _close;
        return _open;
    }

    public long BucketOf(long t) => BucketOf(t, out _);
}
