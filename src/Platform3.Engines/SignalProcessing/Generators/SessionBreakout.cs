using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Session opening-range breakout (London by default): the range is the high and low of the bars inside the first
/// <c>rangeMinutes</c> after the session opens (London 08:00 local time, DST-aware, from <see cref="FxCalendar"/>).
/// After the range is complete, the first close above it fires long, below it short — one signal per session, until
/// the session closes. The signal's horizon runs to the session close. Strength = the break distance in range widths
/// plus 0.5, capped at 1. Needs bars no longer than the range.
/// </summary>
public sealed class SessionBreakout : SignalGenerator
{
    private readonly TradingSession _session;
    private readonly long _rangeTicks;
    private DateOnly _day;
    private long _open, _close;
    private double _high, _low;
    private bool _hasRange, _fired;

    public SessionBreakout(string symbol, Timeframe timeframe, TradingSession session = TradingSession.London, int rangeMinutes = 60,
        FxCalendar? calendar = null)
        : base($"session-breakout({rangeMinutes},session={session.ToString().ToLowerInvariant()})", symbol, timeframe, 1, calendar)
    {
        if (timeframe.IsTick || timeframe.DurationTicks > TimeSpan.FromMinutes(rangeMinutes).Ticks)
            throw new ArgumentException($"session breakout needs bars of at most {rangeMinutes} minutes, got {timeframe}", nameof(timeframe));
        _session = session;
        _rangeTicks = TimeSpan.FromMinutes(rangeMinutes).Ticks;
    }

    public override void Reset()
    {
        _day = default;
        _open = _close = 0;
        _hasRange = _fired = false;
    }

    protected override Signal? OnBar(in Bar bar)
    {
        var openTicks = bar.Time.Ticks;
        var closeTicks = CloseTime(bar).Ticks;
        var day = Calendar.SessionLocalDate(_session, openTicks);
        if (day != _day)
        {
            _day = day;
            (_open, _close) = Calendar.SessionWindowUtcTicks(_session, day);
            _hasRange = _fired = false;
            _high = double.MinValue;
            _low = double.MaxValue;
        }
        if (openTicks < _open || closeTicks > _close || !Calendar.IsOpen(openTicks)) return null;
        var rangeEnd = _open + _rangeTicks;
        if (closeTicks <= rangeEnd)
        {
            _high = Math.Max(_high, bar.High);
            _low = Math.Min(_low, bar.Low);
            _hasRange = true;
            return null;
        }
        if (!_hasRange || _fired) return null;
        var width = _high - _low;
        var side = bar.Close > _high ? 1 : bar.Close < _low ? -1 : 0;
        if (side == 0) return null;
        _fired = true;
        var beyond = side > 0 ? bar.Close - _high : _low - bar.Close;
        var strength = Math.Clamp(0.5 + (width > 0 ? beyond / width : 0.5), 0, 1);
        var signal = Emit(bar, Dir(side), strength);
        // The trade idea holds until the session closes.
        return new Signal(signal.Time, signal.Symbol, signal.Direction, signal.Strength, signal.Source, TimeSpan.FromTicks(_close - closeTicks));
    }
}
