namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Mean and population variance of the last <c>period</c> values in O(1).
/// Plain running sums of x and x² (TA-Lib's VAR) lose most digits for FX prices: the variance of an M1 window
/// (~1e-10) is a difference of two numbers near 1.2. So the sums are kept on values shifted by a recent price,
/// and recomputed exactly from the window every <c>period</c> values, which also stops rounding drift.
/// The schedule depends only on the sample count, so streaming and batch give identical bits.
/// </summary>
internal sealed class RollingMoments
{
    private readonly RingWindow _window;
    private readonly int _period;
    private readonly double _invPeriod;
    private long _count;
    private int _untilRecenter;
    private double _shift;
    private double _sum;
    private double _sumSquares;

    public RollingMoments(int period)
    {
        _period = period;
        _invPeriod = 1.0 / period;
        _untilRecenter = period;
        _window = new RingWindow(period);
    }

    public bool IsFull => _window.IsFull;

    public RingWindow Window => _window;

    public void Push(double value)
    {
        var evicted = _window.Push(value);
        if (++_count == 1) _shift = value;
        var d = value - _shift;
        _sum += d;
        _sumSquares += d * d;
        if (!double.IsNaN(evicted))
        {
            var e = evicted - _shift;
            _sum -= e;
            _sumSquares -= e * e;
        }
        if (--_untilRecenter == 0)
        {
            _untilRecenter = _period;
            Recenter(value);
        }
    }

    private void Recenter(double shift)
    {
        _shift = shift;
        double s = 0, q = 0;
        for (var age = _period - 1; age >= 0; age--)
        {
            var d = _window.Ago(age) - shift;
            s += d;
            q += d * d;
        }
        _sum = s;
        _sumSquares = q;
    }

    /// <summary>Mean of the window (valid once full).</summary>
    public double Mean => _shift + _sum / _period;

    /// <summary>Population variance of the window (valid once full), never negative.</summary>
    public double Variance => VarianceOf(_sum, _sumSquares, _invPeriod);

    /// <summary>(Σd² − (Σd)²/n)/n from shifted sums, never negative. Multiplies by 1/n: divisions dominate the batch loop.</summary>
    public static double VarianceOf(double sum, double sumSquares, double invPeriod)
    {
        var v = (sumSquares - sum * sum * invPeriod) * invPeriod;
        return v > 0 ? v : 0.0;
    }

    public double StdDev => Math.Sqrt(Variance);

    public void Clear()
    {
        _window.Clear();
        _count = 0;
        _untilRecenter = _period;
        _shift = _sum = _sumSquares = 0;
    }
}
