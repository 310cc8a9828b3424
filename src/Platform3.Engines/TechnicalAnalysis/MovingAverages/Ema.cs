using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Exponential moving average, k = 2/(period+1), seeded with the SMA of the first <c>period</c> values
/// (TA-Lib's default). Ready after <c>period</c> values.
/// </summary>
public sealed class Ema : ValueIndicator
{
    private readonly double _k;
    private double _ema;

    public Ema(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("ema", field, period), field, Require.Period(period), "ema")
    {
        Period = period;
        _k = 2.0 / (period + 1);
    }

    public int Period { get; }

    public override Indicator Clone() => new Ema(Period, Field);

    /// <summary>The arithmetic of <see cref="EmaState"/>, kept in this class so a caller holding an <see cref="Ema"/> inlines it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        var samples = Samples;
        if (samples > Period)
        {
            var ema = (value - _ema) * _k + _ema;
            _ema = ema;
            Set(ema);
            return;
        }
        _ema += value;
        if (samples < Period) return;
        _ema /= Period;
        Set(_ema);
    }

    protected override void OnReset() => _ema = 0;

    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs) =>
        Kernel(values, outputs, Period, _k);

    /// <summary>Batch kernel (SMA seed, then <c>ema += (x − ema)·k</c>), bit-identical to streaming.</summary>
    public static void Kernel(ReadOnlySpan<double> values, Span<double> output, int period, double k)
    {
        var n = values.Length;
        if (n < period)
        {
            output[..n].Fill(double.NaN);
            return;
        }
        var ema = 0.0;
        for (var i = 0; i < period - 1; i++)
        {
            ema += values[i];
            output[i] = double.NaN;
        }
        ema += values[period - 1];
        ema /= period;
        output[period - 1] = ema;
        for (var i = period; i < n; i++)
        {
            ema = (values[i] - ema) * k + ema;
            output[i] = ema;
        }
    }
}
