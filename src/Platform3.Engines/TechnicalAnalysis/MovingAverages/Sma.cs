using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Simple moving average (TA-Lib SMA). Ready after <c>period</c> values.
/// The streaming state lives in this class (window, slot, running total) rather than in shared helper objects, so a
/// caller holding an <see cref="Sma"/> gets the whole update inlined: no virtual call, no pointer chasing.
/// </summary>
public sealed class Sma : ValueIndicator
{
    private readonly double[] _window;
    private readonly double _period;
    private int _slot;
    private double _total;

    public Sma(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("sma", field, period), field, Require.Period(period), "sma")
    {
        Period = period;
        _period = period;
        _window = new double[period];
    }

    public int Period { get; }

    public override Indicator Clone() => new Sma(Period, Field);

    /// <summary>
    /// TA-Lib's order (as <see cref="RollingSum"/>): add the new value, read total/period, then subtract the value
    /// that falls out next, which is the one now in the next slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        var total = _total + value;
        var window = _window;
        var slot = _slot;
        window[slot] = value;
        if (++slot == window.Length) slot = 0;
        _slot = slot;
        if (Samples < window.Length)
        {
            _total = total;
            return;
        }
        Set(total / _period);
        _total = total - window[slot];
    }

    protected override void OnReset()
    {
        Array.Clear(_window);
        _slot = 0;
        _total = 0;
    }

    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs) => Kernel(values, outputs, Period);

    /// <summary>The batch kernel: the same arithmetic as the streaming state, NaN for the first period−1 rows.</summary>
    public static void Kernel(ReadOnlySpan<double> values, Span<double> output, int period)
    {
        var n = values.Length;
        var warm = Math.Min(period - 1, n);
        var total = 0.0;
        for (var i = 0; i < warm; i++)
        {
            total += values[i];
            output[i] = double.NaN;
        }
        var p = (double)period;
        for (var i = warm; i < n; i++)
        {
            total += values[i];
            output[i] = total / p;
            total -= values[i - period + 1];
        }
    }
}
