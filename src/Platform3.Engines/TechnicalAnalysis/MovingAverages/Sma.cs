using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Simple moving average (TA-Lib SMA). Ready after <c>period</c> values.</summary>
public sealed class Sma : ValueIndicator
{
    private readonly SmaState _state;

    public Sma(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("sma", field, period), field, Require.Period(period), "sma")
    {
        Period = period;
        _state = new SmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Sma(Period, Field);

    protected override void OnValue(double value)
    {
        var mean = _state.Push(value);
        if (IsReady) Set(mean);
    }

    protected override void OnReset() => _state.Clear();

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
