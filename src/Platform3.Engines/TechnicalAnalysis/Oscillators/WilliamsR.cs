using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Williams %R (TA-Lib WILLR): (HH − C)/((HH − LL)/−100) over <c>period</c> bars, in [−100, 0]; 0 when HH = LL.
/// Ready after <c>period</c> bars.
/// </summary>
public sealed class WilliamsR : Indicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;

    public WilliamsR(int period = 14) : base(SpecText.Of("willr", period), Require.Period(period, min: 2), "willr")
    {
        Period = period;
        _highest = new RollingExtremum(period, max: true);
        _lowest = new RollingExtremum(period, max: false);
    }

    public int Period { get; }

    public override Indicator Clone() => new WilliamsR(Period);

    protected override void OnBar(in Bar bar)
    {
        var hh = _highest.Push(bar.High);
        var ll = _lowest.Push(bar.Low);
        if (!IsReady) return;
        var diff = (hh - ll) / -100.0;
        Set(diff != 0.0 ? (hh - bar.Close) / diff : 0.0);
    }

    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
    }
}
