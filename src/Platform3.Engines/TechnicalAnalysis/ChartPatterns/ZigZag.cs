using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis.ChartPatterns;

public enum PivotType : sbyte
{
    Low = -1,
    High = 1,
}

/// <summary>
/// A swing high or low. It happened at bar <see cref="Index"/> (<see cref="Time"/> = that bar's open time) but is
/// only known at the close of bar <see cref="ConfirmIndex"/> (<see cref="ConfirmTime"/>), when price had reversed
/// by the zigzag threshold.
/// </summary>
public readonly record struct Pivot(PivotType Type, int Index, DateTime Time, double Price, int ConfirmIndex, DateTime ConfirmTime)
{
    public bool IsHigh => Type == PivotType.High;
}

/// <summary>How big a reversal must be to confirm a pivot.</summary>
public sealed record ZigZagSettings(double Percent = 0, double AtrMultiple = 0, int AtrPeriod = 14)
{
    /// <summary>A reversal of at least <paramref name="percent"/> % of the extreme price.</summary>
    public static ZigZagSettings ByPercent(double percent) => new(Percent: Require.Positive(percent, nameof(percent)));

    /// <summary>A reversal of at least <paramref name="multiple"/> × ATR(<paramref name="period"/>) at the confirming bar.</summary>
    public static ZigZagSettings ByAtr(double multiple, int period = 14) => new(AtrMultiple: Require.Positive(multiple, nameof(multiple)), AtrPeriod: period);

    public override string ToString() => Percent > 0 ? $"zigzag({SpecText.Number(Percent)}%)" : $"zigzag({SpecText.Number(AtrMultiple)}×atr({AtrPeriod}))";
}

/// <summary>
/// Causal zigzag over bar highs and lows. While rising it tracks the highest high; a pivot high is confirmed on the
/// first later bar whose low is at least the threshold below it (and vice versa). A bar that makes a new extreme is
/// not also used to confirm a reversal: the order of its high and low inside the bar is unknown. So a pivot is never
/// reported before the bar whose close confirms it.
/// </summary>
public sealed class ZigZag
{
    private readonly Atr? _atr;
    private readonly Timeframe _timeframe;
    private readonly FxCalendar _calendar;
    private readonly List<Pivot> _pivots = [];
    private int _index = -1;
    private int _direction; // +1 looking for a high, −1 looking for a low, 0 not started
    private double _high, _low;
    private int _highIndex, _lowIndex;
    private DateTime _highTime, _lowTime;

    public ZigZag(ZigZagSettings settings, Timeframe timeframe, FxCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.Percent > 0) && !(settings.AtrMultiple > 0)) throw new ArgumentException("zigzag needs a percent or an ATR multiple", nameof(settings));
        Settings = settings;
        _timeframe = timeframe;
        _calendar = calendar ?? FxCalendar.Default;
        if (settings.AtrMultiple > 0) _atr = new Atr(settings.AtrPeriod);
    }

    public ZigZagSettings Settings { get; }

    /// <summary>Every confirmed pivot so far, in order.</summary>
    public IReadOnlyList<Pivot> Pivots => _pivots;

    /// <summary>Bars seen.</summary>
    public int Count => _index + 1;

    /// <summary>Feeds a closed bar; returns true when it confirmed a new pivot (the last of <see cref="Pivots"/>).</summary>
    public bool Update(in Bar bar)
    {
        _index++;
        _atr?.Update(bar);
        if (_index == 0)
        {
            _high = bar.High; _highIndex = 0; _highTime = bar.Time;
            _low = bar.Low; _lowIndex = 0; _lowTime = bar.Time;
            return false;
        }
        if (_atr is not null && !_atr.IsReady)
        {
            Track(bar);
            return false;
        }
        switch (_direction)
        {
            case 0:
                if (bar.Low <= _high - Threshold(_high))
                {
                    Confirm(PivotType.High, bar);
                    StartLow(bar);
                    return true;
                }
                if (bar.High >= _low + Threshold(_low))
                {
                    Confirm(PivotType.Low, bar);
                    StartHigh(bar);
                    return true;
                }
                Track(bar);
                return false;
            case 1:
                if (bar.High > _high)
                {
                    _high = bar.High; _highIndex = _index; _highTime = bar.Time;
                    return false;
                }
                if (bar.Low <= _high - Threshold(_high))
                {
                    Confirm(PivotType.High, bar);
                    StartLow(bar);
                    return true;
                }
                return false;
            default:
                if (bar.Low < _low)
                {
                    _low = bar.Low; _lowIndex = _index; _lowTime = bar.Time;
                    return false;
                }
                if (bar.High >= _low + Threshold(_low))
                {
                    Confirm(PivotType.Low, bar);
                    StartHigh(bar);
                    return true;
                }
                return false;
        }
    }

    private double Threshold(double price) => _atr is null ? price * Settings.Percent / 100 : Settings.AtrMultiple * _atr.Value;

    private void Track(in Bar bar)
    {
        if (bar.High > _high) { _high = bar.High; _highIndex = _index; _highTime = bar.Time; }
        if (bar.Low < _low) { _low = bar.Low; _lowIndex = _index; _lowTime = bar.Time; }
    }

    private void Confirm(PivotType type, in Bar bar)
    {
        var close = new DateTime(_calendar.BarCloseUtcTicks(_timeframe, bar.Time.Ticks), DateTimeKind.Utc);
        _pivots.Add(type == PivotType.High
            ? new Pivot(type, _highIndex, _highTime, _high, _index, close)
            : new Pivot(type, _lowIndex, _lowTime, _low, _index, close));
    }

    private void StartLow(in Bar bar)
    {
        _direction = -1;
        _low = bar.Low; _lowIndex = _index; _lowTime = bar.Time;
    }

    private void StartHigh(in Bar bar)
    {
        _direction = 1;
        _high = bar.High; _highIndex = _index; _highTime = bar.Time;
    }

    public void Reset()
    {
        _pivots.Clear();
        _atr?.Reset();
        _index = -1;
        _direction = 0;
    }
}
