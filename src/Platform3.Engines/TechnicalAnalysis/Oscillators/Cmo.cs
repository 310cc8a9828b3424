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
    private GainLossState _wilder;
    private double _previous;
    private readonly RollingSum? _gains;
    private readonly RollingSum? _losses;

    public Cmo(int period = 14, PriceField field = PriceField.Close, bool sums = false)
        : base(SpecText.With(SpecText.Of("cmo", field, period), sums ? "ma=sum" : ""), field, Require.Period(period) + 1, "cmo")
    {
        Period = period;
        Sums = sums;
        _wilder = new GainLossState(period);
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
        if (_gains is null)
        {
            if (!_wilder.Push(value, out var gain, out var loss)) return;
            var sum = gain + loss;
            Set(sum is > -Epsilon and < Epsilon ? 0.0 : 100.0 * ((gain - loss) / sum));
            return;
        }
        if (Samples == 1)
        {
            _previous = value;
            return;
        }
        var change = value - _previous;
        _previous = value;
        var up = _gains.Push(change > 0 ? change : 0);
        var down = _losses!.Push(change < 0 ? -change : 0);
        if (IsReady) Set(up + down == 0 ? 0.0 : 100.0 * ((up - down) / (up + down)));
    }

    protected override void OnReset()
    {
        _previous = 0;
        _wilder.Clear();
        _gains?.Clear();
        _losses?.Clear();
    }
}
