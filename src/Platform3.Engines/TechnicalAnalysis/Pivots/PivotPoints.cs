using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Floor-pivot formula.</summary>
public enum PivotKind : byte
{
    /// <summary>PP = (H+L+C)/3; R1 = 2PP − L, S1 = 2PP − H; R2/S2 = PP ± (H − L); R3 = H + 2(PP − L), S3 = L − 2(H − PP).</summary>
    Classic,
    /// <summary>PP = (H+L+C)/3; R/S n = PP ± {0.382, 0.618, 1.000}·(H − L).</summary>
    Fibonacci,
    /// <summary>PP = (H+L+C)/3; R/S n = C ± (H − L)·1.1/{12, 6, 4, 2} (four levels each side).</summary>
    Camarilla,
}

/// <summary>The period whose high, low and close give the levels.</summary>
public enum PivotPeriod : byte
{
    /// <summary>The FX trading day, closing 17:00 New York.</summary>
    Day,
    /// <summary>The FX week, Sunday 17:00 → Friday 17:00 New York.</summary>
    Week,
    /// <summary>The calendar month of the trading days.</summary>
    Month,
}

/// <summary>
/// Pivot points from the previous completed period (New York-close day, FX week or month, via
/// <see cref="FxCalendar"/>). The levels for a period are known from its first bar on, because they only use the
/// period before; nothing of the current period leaks in. The first period in the data may have started before the
/// first bar, so by default it is not used (<c>first=use</c> uses it anyway). Bars need their open time.
/// Outputs: pp, r1..r3, s1..s3 (and r4, s4 for Camarilla).
/// </summary>
public sealed class PivotPoints : Indicator
{
    private readonly FxCalendar _calendar;
    private long _periodKey = long.MinValue;
    private int _periodsSeen;
    private double _high, _low, _close;
    private bool _hasLevels;

    public PivotPoints(PivotKind kind = PivotKind.Classic, PivotPeriod period = PivotPeriod.Day, bool useFirstPeriod = false, FxCalendar? calendar = null)
        : base(SpecText.With($"pivots(kind={kind.ToString().ToLowerInvariant()},period={period.ToString().ToLowerInvariant()})", useFirstPeriod ? "first=use" : ""),
            2, OutputsOf(kind))
    {
        Kind = kind;
        Period = period;
        UseFirstPeriod = useFirstPeriod;
        _calendar = calendar ?? FxCalendar.Default;
    }

    private static string[] OutputsOf(PivotKind kind) => kind == PivotKind.Camarilla
        ? ["pp", "r1", "r2", "r3", "r4", "s1", "s2", "s3", "s4"]
        : ["pp", "r1", "r2", "r3", "s1", "s2", "s3"];

    public PivotKind Kind { get; }
    public PivotPeriod Period { get; }
    public bool UseFirstPeriod { get; }

    public override bool IsReady => _hasLevels;

    public override Indicator Clone() => new PivotPoints(Kind, Period, UseFirstPeriod, _calendar);

    /// <summary>The key of the period a bar (by its open time) belongs to.</summary>
    private long PeriodKey(DateTime openUtc)
    {
        if (openUtc == default) throw new InvalidOperationException($"{Name} needs bar times (the period comes from the calendar).");
        var day = _calendar.TradingDayOf(openUtc);
        return Period switch
        {
            PivotPeriod.Day => day.DayNumber,
            PivotPeriod.Week => day.DayNumber - ((int)day.DayOfWeek + 6) % 7,
            _ => day.Year * 12L + day.Month,
        };
    }

    protected override void OnBar(in Bar bar)
    {
        var key = PeriodKey(bar.Time);
        if (key != _periodKey)
        {
            if (_periodKey != long.MinValue && (_periodsSeen > 1 || UseFirstPeriod))
            {
                Publish(_high, _low, _close);
                _hasLevels = true;
            }
            if (key < _periodKey) throw new InvalidOperationException($"{Name}: bars must come in time order ({bar.Time:u}).");
            _periodKey = key;
            _periodsSeen++;
            _high = bar.High;
            _low = bar.Low;
        }
        else
        {
            if (bar.High > _high) _high = bar.High;
            if (bar.Low < _low) _low = bar.Low;
        }
        _close = bar.Close;
    }

    private void Publish(double h, double l, double c)
    {
        var pp = (h + l + c) / 3;
        var range = h - l;
        switch (Kind)
        {
            case PivotKind.Classic:
                Set(0, pp);
                Set(1, 2 * pp - l); Set(2, pp + range); Set(3, h + 2 * (pp - l));
                Set(4, 2 * pp - h); Set(5, pp - range); Set(6, l - 2 * (h - pp));
                break;
            case PivotKind.Fibonacci:
                Set(0, pp);
                Set(1, pp + 0.382 * range); Set(2, pp + 0.618 * range); Set(3, pp + range);
                Set(4, pp - 0.382 * range); Set(5, pp - 0.618 * range); Set(6, pp - range);
                break;
            default:
                Set(0, pp);
                Set(1, c + range * 1.1 / 12); Set(2, c + range * 1.1 / 6); Set(3, c + range * 1.1 / 4); Set(4, c + range * 1.1 / 2);
                Set(5, c - range * 1.1 / 12); Set(6, c - range * 1.1 / 6); Set(7, c - range * 1.1 / 4); Set(8, c - range * 1.1 / 2);
                break;
        }
    }

    protected override void OnReset()
    {
        _periodKey = long.MinValue;
        _periodsSeen = 0;
        _high = _low = _close = 0;
        _hasLevels = false;
    }
}
