using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Vortex indicator: VI+ = Σ|H − prevL| / ΣTR and VI− = Σ|L − prevH| / ΣTR over <c>period</c> bars (0 when ΣTR is 0).
/// Ready after period+1 bars. Outputs: plus, minus.
/// </summary>
public sealed class Vortex : Indicator
{
    private readonly RollingSum _plus;
    private readonly RollingSum _minus;
    private readonly RollingSum _range;
    private double _previousHigh, _previousLow, _previousClose;

    public Vortex(int period = 14) : base(SpecText.Of("vortex", period), Require.Period(period) + 1, "plus", "minus")
    {
        Period = period;
        _plus = new RollingSum(period);
        _minus = new RollingSum(period);
        _range = new RollingSum(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Vortex(Period);

    protected override void OnBar(in Bar bar)
    {
        if (Samples > 1)
        {
            var plus = _plus.Push(Math.Abs(bar.High - _previousLow));
            var minus = _minus.Push(Math.Abs(bar.Low - _previousHigh));
            var range = _range.Push(TrueRange.Of(bar.High, bar.Low, _previousClose));
            if (IsReady)
            {
                Set(0, range != 0 ? plus / range : 0);
                Set(1, range != 0 ? minus / range : 0);
            }
        }
        _previousHigh = bar.High;
        _previousLow = bar.Low;
        _previousClose = bar.Close;
    }

    protected override void OnReset()
    {
        _plus.Clear();
        _minus.Clear();
        _range.Clear();
        _previousHigh = _previousLow = _previousClose = 0;
    }
}
