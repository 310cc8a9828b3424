using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Adds a value; returns the average, NaN before the period-th value. The steady state inlines into the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Push(double value)
    {
        if (_count < _period) return Accumulate(value);
        var average = (_value * (_period - 1) + value) / _period;
        _value = average;
        return average;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Accumulate(double value)
    {
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
/// The steady state is branch-free (<see cref="GainLoss.Split"/>): price changes are up or down at random, so a
/// branch on the sign mispredicts about every other update.
/// </summary>
internal struct GainLossState
{
    private readonly int _period;
    private readonly double _p;
    private readonly double _pm1;
    private int _count;
    private double _previous;

    public GainLossState(int period)
    {
        _period = period;
        _p = period;
        _pm1 = period - 1;
        _count = 0;
        _previous = 0;
        Gain = Loss = 0;
    }

    public double Gain { get; private set; }
    public double Loss { get; private set; }

    /// <summary>
    /// Adds a value; true once <see cref="Gain"/> and <see cref="Loss"/> are averages (from the (period+1)-th value).
    /// Also returns them, so the caller's ratio uses the registers rather than reloading the fields just stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Push(double value, out double gain, out double loss)
    {
        var change = value - _previous;
        _previous = value;
        if (_count <= _period)
        {
            var ready = Accumulate(change);
            gain = Gain;
            loss = Loss;
            return ready;
        }
        GainLoss.Split(change, out var up, out var down);
        gain = (Gain * _pm1 + up) / _p;
        loss = (Loss * _pm1 - down) / _p;
        Gain = gain;
        Loss = loss;
        return true;
    }

    /// <summary>The first period+1 values: sums of gains and losses, then their means.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Accumulate(double change)
    {
        if (++_count == 1) return false;
        if (change < 0) Loss -= change;
        else Gain += change;
        if (_count <= _period) return false;
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

/// <summary>Branch-free split of a change into gain and loss, bit-identical to TA-Lib's <c>if (d &lt; 0) loss -= d; else gain += d;</c>.</summary>
internal static class GainLoss
{
    /// <summary>
    /// <paramref name="up"/> = max(change, 0) and <paramref name="down"/> = min(0, change), one MAXSD and one MINSD on x64.
    /// Then <c>gain + up</c> and <c>loss − down</c> are exactly TA-Lib's sums: the side that does not move gets ± 0,
    /// which leaves any non-negative average unchanged, including for ±0 and ±∞ changes. For a NaN change TA-Lib's gain
    /// becomes NaN and here the loss does (MINSD returns its second operand): the output is NaN from then on either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(double change, out double up, out double down)
    {
        if (Sse2.IsSupported)
        {
            var c = Vector128.CreateScalarUnsafe(change);
            up = Sse2.MaxScalar(c, Vector128<double>.Zero).ToScalar();
            down = Sse2.MinScalar(Vector128<double>.Zero, c).ToScalar();
            return;
        }
        up = change > 0 ? change : 0.0;
        down = change < 0 || double.IsNaN(change) ? change : 0.0;
    }
}
