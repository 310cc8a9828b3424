using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Resampling;

/// <summary>
/// Builds coarser bars one source bar at a time, for live feeds and event-driven backtests. A target bar is
/// emitted as soon as it is complete: when the source bar that ends at the bucket's close arrives, or when a
/// bar of a later bucket arrives (the last minutes had no trades), or on <see cref="AdvanceTo"/> once the
/// clock passes the close, or on <see cref="Flush"/> at the end of data. Emitted bars equal
/// <see cref="BarResampler.Resample"/>'s bar for bar. No allocation per bar.
/// </summary>
public sealed class StreamingBarAggregator
{
    private readonly BucketClock _clock;
    private readonly long _sourceDuration;
    private readonly bool _hasAsk;
    private BarAccumulator _acc;
    private long _close;
    private Bar _out0, _out1;
    private int _outCount, _outRead;
    private long _lastTime = long.MinValue;

    public Timeframe Source { get; }
    public Timeframe Target { get; }

    /// <param name="hasAsk">Whether the source carries ask prices (emitted bars then carry ask OHLC, else the spread).</param>
    public StreamingBarAggregator(Timeframe source, Timeframe target, FxCalendar calendar, bool hasAsk = true)
    {
        BarResampler.Validate(source, target);
        Source = source;
        Target = target;
        _clock = new BucketClock(calendar, target);
        _sourceDuration = source.DurationTicks;
        _hasAsk = hasAsk;
    }

    /// <summary>The target bar being built, if any (not yet complete: never act on it as if it were).</summary>
    public bool HasPartial => !_acc.IsEmpty;

    /// <summary>Adds the next source bar (strictly increasing open times); completed target bars become available through <see cref="TryTake"/>.</summary>
    public void Push(in Bar bar)
    {
        var t = bar.Time.Ticks;
        if (t <= _lastTime)
            throw new InvalidOperationException($"Bars must arrive in increasing time order: {bar.Time:u} after {new DateTime(_lastTime, DateTimeKind.Utc):u}.");
        _lastTime = t;
        var bucket = _clock.BucketOf(t, out var close);
        if (!_acc.IsEmpty && bucket == _acc.Open)
        {
            _acc.Add(bar.High, bar.Low, bar.Close, bar.AskOpen, bar.AskHigh, bar.AskLow, bar.AskClose, bar.Spread, bar.Volume);
        }
        else
        {
            if (!_acc.IsEmpty) Emit();
            _acc.Start(bucket, bar.Open, bar.High, bar.Low, bar.Close, bar.AskOpen, bar.AskHigh, bar.AskLow, bar.AskClose, bar.Spread, bar.Volume);
        }
        _close = close;
        if (t + _sourceDuration >= _close) Emit();
    }

    /// <summary>Completes the open bucket if the clock has reached its close (the source may have no bar for its last slot).</summary>
    public void AdvanceTo(long utcTicks)
    {
        if (!_acc.IsEmpty && utcTicks >= _close) Emit();
    }

    /// <summary>End of data: emits the partial bucket, as batch resampling does with its last bucket.</summary>
    public void Flush()
    {
        if (!_acc.IsEmpty) Emit();
    }

    public bool TryTake(out Bar bar)
    {
        if (_outRead < _outCount)
        {
            bar = _outRead++ == 0 ? _out0 : _out1;
            if (_outRead == _outCount) _outRead = _outCount = 0;
            return true;
        }
        bar = default;
        return false;
    }

    private void Emit()
    {
        if (_outCount == 2)
            throw new InvalidOperationException("Completed bars were not taken: call TryTake until it returns false after each Push.");
        var b = _acc.ToBar(_hasAsk);
        if (_outCount == 0) _out0 = b; else _out1 = b;
        _outCount++;
        _acc = default;
    }
}
