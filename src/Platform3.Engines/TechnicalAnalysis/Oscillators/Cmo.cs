using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Chande momentum oscillator (TA-Lib CMO): Wilder-smoothed gains and losses exactly as RSI, then
/// 100·(gain − loss)/(gain + loss), 0 when both are zero. <c>ma=sum</c> is Chande's original (and Skender's):
/// plain sums of the last <c>period</c> gains and losses. Ready after period+1 values.
/// </summary>
public sealed class Cmo : ValueIndicator
{
    private const double Epsilon = 1e-14;
    private double _previous;
    private double _gain;
    private double _loss;
    private readonly RollingSum? _gains;
    private readonly RollingSum? _losses;

    public Cmo(int period = 14, PriceField field = PriceField.Close, bool sums = false)
        : base(SpecText.With(SpecText.Of("cmo", field, period), sums ? "ma=sum" : ""), field, Require.Period(period) + 1, "cmo")
    {
        Period = period;
        Sums = sums;
        if (sums)
        {
            _gains = new RollingSum(period);
            _losses = new RollingSum(period);
        }
    }

    public int Period { get; }
    public bool Sums { get; }

    public override Indicator Clone() => new Cmo(Period, Field, Sums);

    protected override void OnValue(double value)
    {
        if (Samples == 1)
        {
            _previous = value;
            return;
        }
        var change = value - _previous;
        _previous = value;
        if (_gains is not null)
        {
            var up = _gains.Push(change > 0 ? change : 0);
            var down = _losses!.Push(change < 0 ? -change : 0);
            if (IsReady) Set(up + down == 0 ? 0.0 : 100.0 * ((up - down) / (up + down)));
            return;
        }
        if (Samples <= Period + 1)
        {
            if (change < 0) _loss -= change;
            else _gain += change;
            if (Samples <= Period) return;
            _loss /= Period;
            _gain /= Period;
        }
        else
        {
            _loss *= Period - 1;
            _gain *= Period - 1;
            if (change < 0) _loss -= change;
            else _gain += change;
            _loss /= Period;
            _gain /= Period;
        }
        var sum = _gain + _loss;
        Set(sum is > -Epsilon and < Epsilon ? 0.0 : 100.0 * ((_gain - _loss) / sum));
    }

    protected override void OnReset()
    {
        _previous = _gain = _loss = 0;
        _gains?.Clear();
        _losses?.Clear();
    }
}
