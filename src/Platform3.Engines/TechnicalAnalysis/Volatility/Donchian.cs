using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Donchian channel: upper = highest high, lower = lowest low, middle = their mean, over the last <c>period</c>
/// bars including the current one (Lean, TA-Lib MAX/MIN). With <c>current=false</c> the window is the
/// <c>period</c> bars before the current one (Skender; a breakout test "close above the prior high" needs this).
/// </summary>
public sealed class Donchian : Indicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private double _pendingHigh;
    private double _pendingLow;

    public Donchian(int period = 20, bool includeCurrent = true)
        : base(SpecText.With(SpecText.Of("donchian", period), includeCurrent ? "" : "current=false"),
            Require.Period(period) + (includeCurrent ? 0 : 1), "upper", "lower", "middle")
    {
        Period = period;
        IncludeCurrent = includeCurrent;
        _highest = new RollingExtremum(period, max: true);
        _lowest = new RollingExtremum(period, max: false);
    }

    public int Period { get; }
    public bool IncludeCurrent { get; }

    public override Indicator Clone() => new Donchian(Period, IncludeCurrent);

    protected override void OnBar(in Bar bar)
    {
        double high, low;
        if (IncludeCurrent)
        {
            high = _highest.Push(bar.High);
            low = _lowest.Push(bar.Low);
        }
        else
        {
            // The window ends at the previous bar: push last bar's prices, then remember this bar's.
            if (Samples > 1)
            {
                _highest.Push(_pendingHigh);
                _lowest.Push(_pendingLow);
            }
            _pendingHigh = bar.High;
            _pendingLow = bar.Low;
            if (Samples == 1) return;
            high = _highest.Value;
            low = _lowest.Value;
        }
        if (!IsReady) return;
        Set(0, high);
        Set(1, low);
        Set(2, (high + low) / 2);
    }

    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
        _pendingHigh = _pendingLow = 0;
    }
}
