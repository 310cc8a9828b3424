using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Tillson's T3 (TA-Lib T3): six chained EMAs (written k·x + (1−k)·e as TA-Lib does), each seeded with the mean
/// of the previous stage's first <c>period</c> values; T3 = c1·e6 + c2·e5 + c3·e4 + c4·e3 with the volume factor
/// v. Ready after 6·(period−1)+1 values.
/// </summary>
public sealed class T3 : ValueIndicator
{
    private readonly double[] _e = new double[6];
    private readonly double _k;
    private readonly double _oneMinusK;
    private readonly double _c1, _c2, _c3, _c4;
    private int _stage;      // stages completed (0..6)
    private int _inStage;    // values seen in the current stage
    private double _sum;

    public T3(int period = 5, double volumeFactor = 0.7, PriceField field = PriceField.Close)
        : base(SpecText.Of("t3", field, period, volumeFactor), field, 6 * (Require.Period(period) - 1) + 1, "t3")
    {
        Period = period;
        VolumeFactor = Require.InRange(volumeFactor, 0, 1, nameof(volumeFactor));
        _k = 2.0 / (period + 1.0);
        _oneMinusK = 1.0 - _k;
        var v = volumeFactor;
        var v2 = v * v;
        _c1 = -(v2 * v);
        _c2 = 3.0 * (v2 - _c1);
        _c3 = -6.0 * v2 - 3.0 * (v - _c1);
        _c4 = 1.0 + 3.0 * v - _c1 + 3.0 * v2;
    }

    public int Period { get; }
    public double VolumeFactor { get; }

    public override Indicator Clone() => new T3(Period, VolumeFactor, Field);

    protected override void OnValue(double value)
    {
        if (_stage == 0)
        {
            _sum += value;
            if (++_inStage < Period) return;
            CompleteStage();
            return;
        }
        // Update the seeded stages with the new value.
        var x = value;
        for (var s = 0; s < _stage; s++)
        {
            _e[s] = (_k * x) + (_oneMinusK * _e[s]);
            x = _e[s];
        }
        if (_stage < 6)
        {
            _sum += x;
            if (++_inStage < Period - 1) return;
            CompleteStage();
            if (_stage < 6) return;
        }
        Set(_c1 * _e[5] + _c2 * _e[4] + _c3 * _e[3] + _c4 * _e[2]);
    }

    private void CompleteStage()
    {
        _e[_stage] = _sum / Period;
        _sum = _e[_stage];
        _stage++;
        _inStage = 0;
    }

    protected override void OnReset()
    {
        Array.Clear(_e);
        _stage = _inStage = 0;
        _sum = 0;
    }
}
