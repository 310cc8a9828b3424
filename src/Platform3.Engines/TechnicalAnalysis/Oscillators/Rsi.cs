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
    private double _previous;
    private double _gain;
    private double _loss;

    public Rsi(int period, PriceField field = PriceField.Close, bool simple = false)
        : base(SpecText.With(SpecText.Of("rsi", field, period), simple ? "ma=sma" : ""), field, Require.Period(period) + 1, "rsi")
    {
        Period = period;
        Simple = simple;
        if (simple)
        {
            _gainSma = new SmaState(period);
            _lossSma = new SmaState(period);
        }
    }

    public int Period { get; }

    public bool Simple { get; }

    public override Indicator Clone() => new Rsi(Period, Field, Simple);

    protected override void OnValue(double value)
    {
        if (Samples == 1)
        {
            _previous = value;
            return;
        }
        var change = value - _previous;
        _previous = value;
        double gain = 0, loss = 0;
        if (change < 0) loss = -change;
        else gain = change;
        if (Simple)
        {
            var g = _gainSma!.Push(gain);
            var l = _lossSma!.Push(loss);
            if (IsReady) Set(Ratio(g, l));
            return;
        }
        if (Samples <= Period)
        {
            _gain += gain;
            _loss += loss;
            return;
        }
        if (Samples == Period + 1)
        {
            _gain += gain;
            _loss += loss;
            _loss /= Period;
            _gain /= Period;
        }
        else
        {
            _loss *= Period - 1;
            _gain *= Period - 1;
            _loss += loss;
            _gain += gain;
            _loss /= Period;
            _gain /= Period;
        }
        Set(Ratio(_gain, _loss));
    }

    private static double Ratio(double gain, double loss)
    {
        var sum = gain + loss;
        return sum is > -Epsilon and < Epsilon ? 0.0 : 100.0 * (gain / sum);
    }

    protected override void OnReset()
    {
        _previous = _gain = _loss = 0;
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
        double pm1 = period - 1;
        for (var i = period + 1; i < n; i++)
        {
            var x = values[i];
            var d = x - prev;
            prev = x;
            loss *= pm1;
            gain *= pm1;
            if (d < 0) loss -= d;
            else gain += d;
            loss /= period;
            gain /= period;
            output[i] = Ratio(gain, loss);
        }
    }
}
