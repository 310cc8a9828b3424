using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Aroon (TA-Lib AROON/AROONOSC) over period+1 bars: up = 100/n·(n − bars since the highest high),
/// down likewise with the lowest low (ties: the most recent bar as TA-Lib; <c>ties=oldest</c> as Skender), oscillator = 100/n·(index of high − index of low).
/// Ready after period+1 bars. Outputs: up, down, osc.
/// </summary>
public sealed class Aroon : Indicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly double _factor;

    public Aroon(int period = 14, bool oldestWinsTies = false)
        : base(SpecText.With(SpecText.Of("aroon", period), oldestWinsTies ? "ties=oldest" : ""), Require.Period(period, min: 2) + 1, "up", "down", "osc")
    {
        Period = period;
        OldestWinsTies = oldestWinsTies;
        _factor = 100.0 / period;
        _highest = new RollingExtremum(period + 1, max: true, newestWinsTies: !oldestWinsTies);
        _lowest = new RollingExtremum(period + 1, max: false, newestWinsTies: !oldestWinsTies);
    }

    public int Period { get; }
    public bool OldestWinsTies { get; }

    public override Indicator Clone() => new Aroon(Period, OldestWinsTies);

    protected override void OnBar(in Bar bar)
    {
        _highest.Push(bar.High);
        _lowest.Push(bar.Low);
        if (!IsReady) return;
        var today = _highest.Last;
        Set(0, _factor * (Period - (today - _highest.Index)));
        Set(1, _factor * (Period - (today - _lowest.Index)));
        Set(2, _factor * (_highest.Index - _lowest.Index));
    }

    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
