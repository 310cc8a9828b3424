using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Least-squares line through the last <c>period</c> values (TA-Lib LINEARREG family), O(1) per value:
/// value = the line at the current bar (LINEARREG), slope per bar (LINEARREG_SLOPE), angle = atan(slope) in degrees
/// (LINEARREG_ANGLE), intercept = the line at the oldest bar of the window (LINEARREG_INTERCEPT), forecast = the
/// line one bar ahead (TSF). Sums are kept on shifted values and recomputed every <c>period</c> values, like
/// <see cref="RollingMoments"/>. Ready after <c>period</c> values.
/// </summary>
public sealed class LinearRegression : ValueIndicator
{
    private readonly RingWindow _window;
    private readonly double _sumX;
    private readonly double _divisor;
    private long _count;
    private int _untilRecenter;
    private double _shift;
    private double _sumY;
    private double _sumXY; // x = 0 for the newest value, period−1 for the oldest (TA-Lib's order)

    public LinearRegression(int period = 14, PriceField field = PriceField.Close, bool forecastOnly = false)
        : base(SpecText.Of(forecastOnly ? "tsf" : "linreg", field, period), field, Require.Period(period, min: 2),
            forecastOnly ? ["tsf"] : ["value", "slope", "angle", "intercept", "forecast"])
    {
        Period = period;
        ForecastOnly = forecastOnly;
        _window = new RingWindow(period);
        _untilRecenter = period;
        double n = period;
        _sumX = n * (n - 1) * 0.5;
        var sumXSquares = n * (n - 1) * (2 * n - 1) / 6;
        _divisor = _sumX * _sumX - n * sumXSquares;
    }

    public int Period { get; }
    public bool ForecastOnly { get; }

    public override Indicator Clone() => new LinearRegression(Period, Field, ForecastOnly);

    protected override void OnValue(double value)
    {
        var evicted = _window.Push(value);
        if (++_count == 1) _shift = value;
        var d = value - _shift;
        if (double.IsNaN(evicted))
        {
            _sumXY += _sumY; // every older value moves one step further back
            _sumY += d;
        }
        else
        {
            var e = evicted - _shift;
            _sumXY = _sumXY - (Period - 1) * e + (_sumY - e);
            _sumY = _sumY - e + d;
        }
        if (--_untilRecenter == 0)
        {
            _untilRecenter = Period;
            Recenter(value);
        }
        if (!IsReady) return;
        var m = (Period * _sumXY - _sumX * _sumY) / _divisor;
        var b = (_sumY - m * _sumX) / Period + _shift;
        if (ForecastOnly)
        {
            Set(b + m * Period);
            return;
        }
        Set(0, b + m * (Period - 1));
        Set(1, m);
        Set(2, Math.Atan(m) * (180.0 / Math.PI));
        Set(3, b);
        Set(4, b + m * Period);
    }

    private void Recenter(double shift)
    {
        _shift = shift;
        double sy = 0, sxy = 0;
        for (var age = Period - 1; age >= 0; age--)
        {
            var d = _window.Ago(age) - shift;
            sy += d;
            sxy += age * d;
        }
        _sumY = sy;
        _sumXY = sxy;
    }

    protected override void OnReset()
    {
        _window.Clear();
        _count = 0;
        _untilRecenter = Period;
        _shift = _sumY = _sumXY = 0;
    }
}
