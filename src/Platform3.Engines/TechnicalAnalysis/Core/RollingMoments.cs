using System.Runtime.CompilerServices;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Mean and population variance of the last <c>period</c> values in O(1).
/// Plain running sums of x and x² (TA-Lib's VAR) lose most digits for FX prices: the variance of an M1 window
/// (~1e-10) is a difference of two numbers near 1.2. So the sums are kept on values shifted by a recent price,
/// and recomputed exactly from the window every <c>period</c> values, which also stops rounding drift.
/// The schedule depends only on the sample count, so streaming and batch give identical bits.
/// A struct with its own window array, held in a (non-readonly) field of the indicator: the per-value step inlines
/// into the indicator's update; the recentring, once per period, stays out of line.
/// </summary>
internal struct RollingMoments
{
    private readonly double[] _window;
    private readonly double _invPeriod;
    private int _slot;
    private int _count;
    private int _untilRecenter;
    private double _shift;
    private double _sum;
    private double _sumSquares;

    public RollingMoments(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new double[period];
        _invPeriod = 1.0 / period;
        _untilRecenter = period;
        _slot = _count = 0;
        _shift = _sum = _sumSquares = 0;
    }

    public readonly bool IsFull => _count == _window.Length;

    /// <summary>
    /// Adds a value; returns the window's population variance (meaningful once full) and, in <paramref name="next"/>,
    /// the value the next push evicts. Returned from registers: reading the fields just stored costs a store-to-load
    /// round trip, and a load the CPU wrongly schedules ahead of the store is replayed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Push(double value, out double next)
    {
        var window = _window;
        var slot = _slot;
        var full = _count == window.Length;
        var evicted = window[slot];
        window[slot] = value;
        if (++slot == window.Length) slot = 0;
        _slot = slot;
        next = window[slot];
        if (!full && ++_count == 1) _shift = value;
        // Locals, stored once: each field update is a store the next one reloads, on the loop-carried chain.
        var shift = _shift;
        var d = value - shift;
        var sum = _sum + d;
        var squares = _sumSquares + d * d;
        // A NaN that leaves the window is not subtracted (it would poison the sums); the recentring drops it.
        if (full && !double.IsNaN(evicted))
        {
            var e = evicted - shift;
            sum -= e;
            squares -= e * e;
        }
        _sum = sum;
        _sumSquares = squares;
        if (--_untilRecenter != 0) return VarianceOf(sum, squares, _invPeriod);
        Recenter(value);
        return Variance;
    }

    /// <summary>Every period values (the window is then full): exact shifted sums over the window, oldest first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Recenter(double shift)
    {
        var window = _window;
        _untilRecenter = window.Length;
        _shift = shift;
        double s = 0, q = 0;
        for (var i = _slot; i < window.Length; i++)
        {
            var d = window[i] - shift;
            s += d;
            q += d * d;
        }
        for (var i = 0; i < _slot; i++)
        {
            var d = window[i] - shift;
            s += d;
            q += d * d;
        }
        _sum = s;
        _sumSquares = q;
    }

    /// <summary>Mean of the window (valid once full).</summary>
    public readonly double Mean => _shift + _sum / _window.Length;

    /// <summary>Population variance of the window (valid once full), never negative.</summary>
    public readonly double Variance => VarianceOf(_sum, _sumSquares, _invPeriod);

    /// <summary>(Σd² − (Σd)²/n)/n from shifted sums, never negative. Multiplies by 1/n: divisions dominate the batch loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double VarianceOf(double sum, double sumSquares, double invPeriod)
    {
        var v = UnclampedVarianceOf(sum, sumSquares, invPeriod);
        return v > 0 ? v : 0.0;
    }

    /// <summary><see cref="VarianceOf"/> before the clamp at 0 (which a vectorised batch pass applies lane-wise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UnclampedVarianceOf(double sum, double sumSquares, double invPeriod) =>
        (sumSquares - sum * sum * invPeriod) * invPeriod;

    public readonly double StdDev => Math.Sqrt(Variance);

    public void Clear()
    {
        Array.Clear(_window);
        _slot = _count = 0;
        _untilRecenter = _window.Length;
        _shift = _sum = _sumSquares = 0;
    }
}
