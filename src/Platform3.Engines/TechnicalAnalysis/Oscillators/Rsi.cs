using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Relative strength index with Wilder smoothing (TA-Lib RSI, classic mode): average gain and loss seeded
/// with the means of the first <c>period</c> changes, then <c>avg = (avg·(p−1) + x)/p</c>;
/// RSI = 100·gain/(gain+loss), 0 when both are zero. Ready after <c>period+1</c> values.
/// The <c>simple</c> variant (Lean's "RSI 14" column) uses simple moving averages of gains and losses instead.
/// </summary>
public sealed class Rsi : ValueIndicator
{
    private const double Epsilon = 1e-14; // TA-Lib's TA_IS_ZERO threshold
    private readonly SmaState? _gainSma;
    private readonly SmaState? _lossSma;
    private GainLossState _wilder;
    private double _previous;

    public Rsi(int period, PriceField field = PriceField.Close, bool simple = false)
        : base(SpecText.With(SpecText.Of("rsi", field, period), simple ? "ma=sma" : ""), field, Require.Period(period) + 1, "rsi")
    {
        Period = period;
        Simple = simple;
        _wilder = new GainLossState(period);
        if (simple)
        {
            _gainSma = new SmaState(period);
            _lossSma = new SmaState(period);
        }
    }

    public int Period { get; }

    public bool Simple { get; }

    public override Indicator Clone() => new Rsi(Period, Field, Simple);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        if (_gainSma is null)
        {
            if (_wilder.Push(value, out var gain, out var loss)) Set(Ratio(gain, loss));
            return;
        }
        OnValueSimple(value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnValueSimple(double value)
    {
        if (Samples == 1)
        {
            _previous = value;
            return;
        }
        var change = value - _previous;
        _previous = value;
        var g = _gainSma!.Push(change < 0 ? 0 : change);
        var l = _lossSma!.Push(change < 0 ? -change : 0);
        if (IsReady) Set(Ratio(g, l));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Ratio(double gain, double loss)
    {
        var sum = gain + loss;
        return sum is > -Epsilon and < Epsilon ? 0.0 : 100.0 * (gain / sum);
    }

    protected override void OnReset()
    {
        _previous = 0;
        _wilder.Clear();
        _gainSma?.Clear();
        _lossSma?.Clear();
    }

    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        if (Simple)
        {
            base.ComputeValues(values, outputs);
            return;
        }
        Kernel(values, outputs, Period);
    }

    /// <summary>Batch kernel for the Wilder RSI, bit-identical to streaming.</summary>
    public static void Kernel(ReadOnlySpan<double> values, Span<double> output, int period)
    {
        var n = values.Length;
        if (n <= period)
        {
            output[..n].Fill(double.NaN);
            return;
        }
        output[..period].Fill(double.NaN);
        double gain = 0, loss = 0;
        var prev = values[0];
        for (var i = 1; i <= period; i++)
        {
            var x = values[i];
            var d = x - prev;
            prev = x;
            if (d < 0) loss -= d;
            else gain += d;
        }
        loss /= period;
        gain /= period;
        output[period] = Ratio(gain, loss);
        double pm1 = period - 1, p = period;
        for (var i = period + 1; i < n; i++)
        {
            var x = values[i];
            var d = x - prev;
            prev = x;
            GainLoss.Split(d, out var up, out var down);
            gain = (gain * pm1 + up) / p;
            loss = (loss * pm1 - down) / p;
            output[i] = Ratio(gain, loss);
        }
    }
}
