using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Exponential moving average, k = 2/(period+1), seeded with the SMA of the first <c>period</c> values
/// (TA-Lib's default). Ready after <c>period</c> values.
/// </summary>
public sealed class Ema : ValueIndicator
{
    private EmaState _state;

    public Ema(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("ema", field, period), field, Require.Period(period), "ema")
    {
        Period = period;
        _state = new EmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Ema(Period, Field);

    protected override void OnValue(double value)
    {
        var ema = _state.Push(value);
        if (IsReady) Set(ema);
    }

    protected override void OnReset() => _state.Clear();

    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs) =>
        Kernel(values, outputs, Period, 2.0 / (Period + 1));

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
