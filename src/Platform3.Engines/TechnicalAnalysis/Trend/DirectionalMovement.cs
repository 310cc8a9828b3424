namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Wilder's directional movement bookkeeping as TA-Lib does it (ADX, DX, PLUS_DI, MINUS_DI): smoothed +DM, −DM
/// and true range summed over the first period−1 changes, then <c>s = s − s/p + x</c>; +DI = 100·(+DM/TR).
/// DIs exist from the (period+1)-th bar.
/// </summary>
internal sealed class DirectionalMovement
{
    private const double Epsilon = 1e-14;
    private readonly int _period;
    private int _count;
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private double _plusDm;
    private double _minusDm;
    private double _trueRange;

    public DirectionalMovement(int period) => _period = period;

    /// <summary>True once <see cref="PlusDi"/> and <see cref="MinusDi"/> hold values.</summary>
    public bool HasDi => _count > _period;

    public double PlusDi { get; private set; }
    public double MinusDi { get; private set; }

    /// <summary>False when the smoothed true range is zero (then the DIs are 0, and DX keeps its previous value).</summary>
    public bool HasRange { get; private set; }

    public void Push(double high, double low, double close)
    {
        if (++_count == 1)
        {
            _previousHigh = high;
            _previousLow = low;
            _previousClose = close;
            return;
        }
        var diffPlus = high - _previousHigh;
        var diffMinus = _previousLow - low;
        _previousHigh = high;
        _previousLow = low;
        var tr = TrueRange.Of(high, low, _previousClose);
        _previousClose = close;
        if (_count <= _period)
        {
            if (diffMinus > 0 && diffPlus < diffMinus) _minusDm += diffMinus;
            else if (diffPlus > 0 && diffPlus > diffMinus) _plusDm += diffPlus;
            _trueRange += tr;
            return;
        }
        _minusDm -= _minusDm / _period;
        _plusDm -= _plusDm / _period;
        if (diffMinus > 0 && diffPlus < diffMinus) _minusDm += diffMinus;
        else if (diffPlus > 0 && diffPlus > diffMinus) _plusDm += diffPlus;
        _trueRange = _trueRange - _trueRange / _period + tr;
        HasRange = !IsZero(_trueRange);
        if (HasRange)
        {
            MinusDi = 100.0 * (_minusDm / _trueRange);
            PlusDi = 100.0 * (_plusDm / _trueRange);
        }
        else MinusDi = PlusDi = 0.0;
    }

    /// <summary>DX from the current DIs, or NaN when undefined (zero range or both DIs zero).</summary>
    public double Dx()
    {
        if (!HasRange) return double.NaN;
        var sum = MinusDi + PlusDi;
        return IsZero(sum) ? double.NaN : 100.0 * (Math.Abs(MinusDi - PlusDi) / sum);
    }

    private static bool IsZero(double v) => v is > -Epsilon and < Epsilon;

    public void Clear()
    {
        _count = 0;
        _previousHigh = _previousLow = _previousClose = 0;
        _plusDm = _minusDm = _trueRange = 0;
        PlusDi = MinusDi = 0;
        HasRange = false;
    }
}
