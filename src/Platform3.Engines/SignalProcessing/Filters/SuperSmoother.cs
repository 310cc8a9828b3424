using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Ehlers' two-pole super smoother (a causal low-pass filter): f = c1·(x + x[1])/2 + c2·f[1] + c3·f[2] with
/// a = exp(−√2·π/P), c2 = 2a·cos(√2·π/P), c3 = −a², c1 = 1 − c2 − c3. The first two outputs are the inputs.
/// Ready after 3 values.
/// </summary>
public sealed class SuperSmoother : ValueIndicator
{
    private readonly double _c1, _c2, _c3;
    private double _x1, _f1, _f2;

    public SuperSmoother(int period = 10, PriceField field = PriceField.Close)
        : base(SpecText.Of("supersmoother", field, period), field, 3, "ss")
    {
        Period = Require.Period(period, min: 2);
        var a = Math.Exp(-Math.Sqrt(2) * Math.PI / period);
        _c2 = 2 * a * Math.Cos(Math.Sqrt(2) * Math.PI / period);
        _c3 = -a * a;
        _c1 = 1 - _c2 - _c3;
    }

    public int Period { get; }

    public override Indicator Clone() => new SuperSmoother(Period, Field);

    protected override void OnValue(double value)
    {
        double f;
        if (Samples <= 2) f = value;
        else
        {
            f = _c1 * (value + _x1) / 2 + _c2 * _f1 + _c3 * _f2;
            Set(f);
        }
        _f2 = _f1;
        _f1 = f;
        _x1 = value;
    }

    protected override void OnReset() => _x1 = _f1 = _f2 = 0;
}
