using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Trading.Kernel;

/// <summary>
/// Builds bars of a higher timeframe from finer bars or quotes, on the calendar's boundaries (UTC up to H1,
/// 17:00 New York for H4, D1 and W1). A bar is complete when a finer bar closing at its close time arrives,
/// or when time passes its close (the last finer bar was missing); it is never handed out before its close.
/// </summary>
internal sealed class BarAggregator
{
    private readonly FxCalendar _calendar;
    private long _open = long.MinValue, _close = long.MinValue;
    private double _o, _h, _l, _c, _ao, _ah, _al, _ac, _spread;
    private long _volume;
    private bool _hasAsk, _started;

    public BarAggregator(Instrument instrument, Timeframe timeframe, FxCalendar calendar)
    {
        Instrument = instrument;
        Timeframe = timeframe;
        _calendar = calendar;
    }

    public Instrument Instrument { get; }
    public Timeframe Timeframe { get; }
    public bool HasPending => _started;
    public long PendingCloseTicks => _close;

    /// <summary>Adds a finer bar that closes at <paramref name="closeTicks"/>; returns true when this completes the bar.</summary>
    public bool Add(in Bar bar, long closeTicks)
    {
        var t = bar.Time.Ticks;
        if (!_started || t < _open || t >= _close)
        {
            _open = _calendar.BarOpenUtcTicks(Timeframe, t);
            _close = _calendar.BarCloseUtcTicks(Timeframe, _open);
            _o = bar.Open; _h = bar.High; _l = bar.Low; _c = bar.Close;
            _hasAsk = bar.HasAsk;
            _ao = bar.AskOpen; _ah = bar.AskHigh; _al = bar.AskLow; _ac = bar.AskClose;
            _spread = bar.Spread;
            _volume = bar.Volume;
            _started = true;
        }
        else
        {
            if (bar.High > _h) _h = bar.High;
            if (bar.Low < _l) _l = bar.Low;
            _c = bar.Close;
            if (_hasAsk && bar.HasAsk)
            {
                if (bar.AskHigh > _ah) _ah = bar.AskHigh;
                if (bar.AskLow < _al) _al = bar.AskLow;
                _ac = bar.AskClose;
            }
            else _hasAsk = false;
            _spread = bar.Spread;
            _volume += bar.Volume;
        }
        return closeTicks >= _close;
    }

    /// <summary>Hands out the pending bar and resets.</summary>
    public Bar Take(out long closeTicks)
    {
        closeTicks = _close;
        _started = false;
        var time = new DateTime(_open, DateTimeKind.Utc);
        return _hasAsk
            ? new Bar(time, _o, _h, _l, _c, _ao, _ah, _al, _ac, _volume)
            : new Bar(time, _o, _h, _l, _c, _volume) { Spread = _spread };
    }
}
