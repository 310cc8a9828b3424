namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Sum of the last <c>period</c> values with TA-Lib's arithmetic: a running total of the last period−1 values,
/// the new value added and the total read, then the oldest value subtracted. Identical bits in streaming and batch.
/// </summary>
internal sealed class RollingSum
{
    private readonly RingWindow _window;
    private double _total;

    public RollingSum(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RingWindow(period);
    }

    public int Period => _window.Capacity;

    public bool IsReady => _window.IsFull;

    /// <summary>Adds a value; returns the sum of the last period values, NaN before that.</summary>
    public double Push(double value)
    {
        _total += value;
        _window.Push(value);
        if (!_window.IsFull) return double.NaN;
        var sum = _total;
        _total -= _window.Oldest;
        return sum;
    }

    public void Clear()
    {
        _total = 0;
        _window.Clear();
    }
}

/// <summary>Simple moving average: <see cref="RollingSum"/> divided by the period (TA-Lib SMA).</summary>
internal sealed class SmaState
{
    private readonly RollingSum _sum;
    private readonly double _period;

    public SmaState(int period)
    {
        _sum = new RollingSum(period);
        _period = period;
    }

    public bool IsReady => _sum.IsReady;

    /// <summary>Adds a value; returns the mean of the last period values, NaN before that.</summary>
    public double Push(double value) => _sum.Push(value) / _period;

    public void Clear() => _sum.Clear();
}

/// <summary>
/// Exponential moving average seeded with the SMA of its first period values (TA-Lib's default), then
/// <c>ema += (x − ema)·k</c> with k = 2/(period+1) unless given.
/// </summary>
internal struct EmaState
{
    private readonly int _period;
    private readonly double _k;
    private int _count;
    private double _value;

    public EmaState(int period, double k = double.NaN)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _k = double.IsNaN(k) ? 2.0 / (period + 1) : k;
        _value = 0;
        _count = 0;
    }

    public readonly int Period => _period;

    public readonly bool IsReady => _count >= _period;

    public readonly double Current => IsReady ? _value : double.NaN;

    /// <summary>Adds a value; returns the EMA, NaN before the period-th value.</summary>
    public double Push(double value)
    {
        if (_count >= _period)
        {
            _value = (value - _value) * _k + _value;
            return _value;
        }
        _value += value;
        if (++_count < _period) return double.NaN;
        _value /= _period;
        return _value;
    }

    /// <summary>Starts the EMA from a given seed (as if the period-th value had just produced it).</summary>
    public void Seed(double seed)
    {
        _value = seed;
        _count = _period;
    }

    public void Clear()
    {
        _value = 0;
        _count = 0;
    }
}

/// <summary>
/// Wilder's smoothing as TA-Lib writes it: seeded with the mean of the first period values, then
/// <c>avg = (avg·(period−1) + x) / period</c>.
/// </summary>
internal struct WilderState
{
    private readonly int _period;
    private int _count;
    private double _value;

    public WilderState(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _count = 0;
        _value = 0;
    }

    public readonly bool IsReady => _count >= _period;

    public double Push(double value)
    {
        if (_count >= _period)
        {
            _value *= _period - 1;
            _value += value;
            _value /= _period;
            return _value;
        }
        _value += value;
        if (++_count < _period) return double.NaN;
        _value /= _period;
        return _value;
    }

    public void Clear()
    {
        _value = 0;
        _count = 0;
    }
}

/// <summary>
/// Wilder-smoothed average gain and loss of a series' changes, exactly as TA-Lib's RSI and CMO compute them:
/// the sums of the first <c>period</c> changes divided by the period, then <c>avg = (avg·(p−1) + x)/p</c>.
/// </summary>
internal struct GainLossState
{
    private readonly int _period;
    private int _count;
    private double _previous;

    public GainLossState(int period)
    {
        _period = period;
        _count = 0;
        _previous = 0;
        Gain = Loss = 0;
    }

    public double Gain { get; private set; }
    public double Loss { get; private set; }

    /// <summary>Adds a value; true once <see cref="Gain"/> and <see cref="Loss"/> are averages (from the (period+1)-th value).</summary>
    public bool Push(double value)
    {
        if (++_count == 1)
        {
            _previous = value;
            return false;
        }
        var change = value - _previous;
        _previous = value;
        if (_count <= _period + 1)
        {
            if (change < 0) Loss -= change;
            else Gain += change;
            if (_count <= _period) return false;
            Loss /= _period;
            Gain /= _period;
            return true;
        }
        Loss *= _period - 1;
        Gain *= _period - 1;
        if (change < 0) Loss -= change;
        else Gain += change;
        Loss /= _period;
        Gain /= _period;
        return true;
    }

    public void Clear()
    {
        _count = 0;
        _previous = Gain = Loss = 0;
    }
}
