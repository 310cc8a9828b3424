using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Kaufman adaptive moving average (TA-Lib KAMA): efficiency ratio ER = |x − x[n]| / Σ|Δx| over n changes
/// (1 when the path sum is zero or not above the signed change, as TA-Lib does), smoothing constant
/// sc = (ER·(2/(fast+1) − 2/(slow+1)) + 2/(slow+1))², KAMA += sc·(x − KAMA), starting from the previous value.
/// Ready after n+1 values. Outputs: kama, er.
/// </summary>
public sealed class Kama : ValueIndicator
{
    private const double Epsilon = 1e-14;
    private readonly RingWindow _values;
    private readonly RingWindow _changes;
    private readonly double _constMax;
    private readonly double _constDiff;
    private double _pathSum;
    private double _kama;

    public Kama(int period = 10, int fast = 2, int slow = 30, PriceField field = PriceField.Close)
        : base(SpecText.Of("kama", field, period, fast, slow), field, Require.Period(period) + 1, "kama", "er")
    {
        Period = period;
        Fast = Require.Period(fast, nameof(fast));
        Slow = Require.Period(slow, nameof(slow));
        _constMax = 2.0 / (slow + 1.0);
        _constDiff = 2.0 / (fast + 1.0) - _constMax;
        _values = new RingWindow(period + 1);
        _changes = new RingWindow(period);
    }

    public int Period { get; }
    public int Fast { get; }
    public int Slow { get; }

    public override Indicator Clone() => new Kama(Period, Fast, Slow, Field);

    protected override void OnValue(double value)
    {
        var previous = _values.Count > 0 ? _values.Ago(0) : value;
        _values.Push(value);
        if (Samples == 1) return;
        var change = Math.Abs(value - previous);
        var evicted = _changes.Push(change);
        if (!double.IsNaN(evicted)) _pathSum -= evicted;
        _pathSum += change;
        if (!IsReady) return;
        if (Samples == WarmUpPeriod) _kama = previous;
        var direction = value - _values.Oldest;
        var er = _pathSum <= direction || _pathSum is > -Epsilon and < Epsilon ? 1.0 : Math.Abs(direction / _pathSum);
        var sc = (er * _constDiff) + _constMax;
        sc *= sc;
        _kama = ((value - _kama) * sc) + _kama;
        Set(0, _kama);
        Set(1, er);
    }

    protected override void OnReset()
    {
        _values.Clear();
        _changes.Clear();
        _pathSum = _kama = 0;
    }
}
