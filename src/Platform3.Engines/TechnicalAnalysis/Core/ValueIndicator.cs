using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// An indicator of one number per step (a price field of each bar, or any series): SMA, RSI, MACD, Bollinger...
/// <see cref="Field"/> picks the bar price (close by default: bid close; mid, ask, typical... on request).
/// </summary>
public abstract class ValueIndicator : Indicator
{
    protected ValueIndicator(string name, PriceField field, int warmUpPeriod, params string[] outputNames)
        : base(name, warmUpPeriod, outputNames)
    {
        Field = field;
    }

    public PriceField Field { get; }

    /// <summary>Feeds one value (the streaming hot path when the caller already has the number).</summary>
    public void Update(double value)
    {
        CountSample();
        OnValue(value);
    }

    /// <summary>Batch mode over a plain series (column-major outputs as in <see cref="Indicator.Compute(in BarInput, Span{double})"/>).</summary>
    public void Compute(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var n = values.Length;
        if (outputs.Length < n * OutputCount)
            throw new ArgumentException($"{Name} needs {n * OutputCount} output cells ({OutputCount} × {n}), got {outputs.Length}.", nameof(outputs));
        ComputeValues(values, outputs[..(n * OutputCount)]);
    }

    /// <summary>Batch mode over a plain series, primary output only, as a new array.</summary>
    public double[] Compute(ReadOnlySpan<double> values)
    {
        var all = new double[values.Length * OutputCount];
        ComputeValues(values, all);
        return OutputCount == 1 ? all : all[..values.Length];
    }

    protected abstract void OnValue(double value);

    protected sealed override void OnBar(in Bar bar) => OnValue(bar.Read(Field));

    protected sealed override void ComputeCore(in BarInput input, Span<double> outputs) =>
        ComputeValues(input.Select(Field), outputs);

    /// <summary>Batch implementation over values; the default replays a fresh clone (the streaming arithmetic).</summary>
    protected virtual void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var fresh = (ValueIndicator)Clone();
        var n = values.Length;
        var m = OutputCount;
        for (var i = 0; i < n; i++)
        {
            fresh.Update(values[i]);
            for (var k = 0; k < m; k++) outputs[k * n + i] = fresh.ValueOf(k);
        }
    }
}
