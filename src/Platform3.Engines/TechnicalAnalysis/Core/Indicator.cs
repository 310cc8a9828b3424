using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// A technical indicator with two modes that give identical results:
/// <list type="bullet">
/// <item>streaming: <see cref="Update(in Bar)"/> once per closed bar, O(1) (CCI and a few window statistics are
/// O(period)) and allocation-free;</item>
/// <item>batch: <see cref="Compute(in BarInput, Span{double})"/> over whole columns, NaN during warm-up.</item>
/// </list>
/// Every output is NaN until <see cref="IsReady"/>; the first ready sample is number <see cref="WarmUpPeriod"/>
/// (TA-Lib's lookback + 1). Outputs are named; output 0 is the primary <see cref="Value"/>.
/// </summary>
public abstract class Indicator
{
    private readonly string[] _outputNames;
    private readonly double[] _values;

    protected Indicator(string name, int warmUpPeriod, params string[] outputNames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUpPeriod, 1);
        if (outputNames.Length == 0) throw new ArgumentException("An indicator has at least one output.", nameof(outputNames));
        Name = name;
        WarmUpPeriod = warmUpPeriod;
        _outputNames = outputNames;
        _values = new double[outputNames.Length];
        Array.Fill(_values, double.NaN);
    }

    /// <summary>The canonical spec, e.g. <c>macd(12,26,9)</c>; the factory parses it back to an equal indicator.</summary>
    public string Name { get; }

    /// <summary>Number of samples needed before the first value (the first ready sample's 1-based number).</summary>
    public int WarmUpPeriod { get; }

    /// <summary>Samples seen since construction or the last <see cref="Reset"/>.</summary>
    /// <remarks>A long so a tick-fed indicator that runs for years never wraps to a negative count and falls back into warm-up.</remarks>
    public long Samples { get; private set; }

    /// <summary>
    /// True once every output has a value. For most indicators that is after <see cref="WarmUpPeriod"/> samples;
    /// calendar-driven ones (pivot points) become ready when their first complete period has closed, and for them
    /// <see cref="WarmUpPeriod"/> is only a lower bound.
    /// </summary>
    public virtual bool IsReady => Samples >= WarmUpPeriod;

    public IReadOnlyList<string> OutputNames => _outputNames;

    public int OutputCount => _outputNames.Length;

    /// <summary>The primary output (output 0); NaN until ready.</summary>
    public double Value => _values[0];

    /// <summary>The current value of output <paramref name="output"/>; NaN until ready.</summary>
    public double this[int output] => _values[output];

    /// <summary>The current value of the named output; NaN until ready.</summary>
    public double this[string output] => _values[IndexOf(output)];

    /// <summary>Index of a named output; the error lists the valid names.</summary>
    public int IndexOf(string output)
    {
        for (var i = 0; i < _outputNames.Length; i++)
            if (string.Equals(_outputNames[i], output, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"{Name} has no output '{output}'. Valid: {string.Join(", ", _outputNames)}.", nameof(output));
    }

    /// <summary>Feeds one closed bar.</summary>
    public void Update(in Bar bar)
    {
        Samples++;
        OnBar(in bar);
    }

    /// <summary>Forgets all state; the indicator behaves as if just constructed.</summary>
    public void Reset()
    {
        Samples = 0;
        Array.Fill(_values, double.NaN);
        OnReset();
    }

    /// <summary>A new indicator with the same parameters and no state.</summary>
    public abstract Indicator Clone();

    /// <summary>
    /// Batch mode: computes every output for every row of <paramref name="input"/> into <paramref name="outputs"/>,
    /// laid out column by column (output k occupies <c>[k·n, (k+1)·n)</c>). This instance's streaming state is untouched.
    /// </summary>
    public void Compute(in BarInput input, Span<double> outputs)
    {
        var n = input.Length;
        if (outputs.Length < n * OutputCount)
            throw new ArgumentException($"{Name} needs {n * OutputCount} output cells ({OutputCount} × {n}), got {outputs.Length}.", nameof(outputs));
        ComputeCore(in input, outputs[..(n * OutputCount)]);
    }

    /// <summary>Batch mode over a bar series; returns the named output columns.</summary>
    public IndicatorResult Compute(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Count;
        var flat = new double[n * OutputCount];
        Compute(BarInput.From(series), flat);
        var columns = new double[OutputCount][];
        for (var k = 0; k < OutputCount; k++) columns[k] = flat.AsSpan(k * n, n).ToArray();
        return new IndicatorResult(Name, _outputNames, columns);
    }

    protected abstract void OnBar(in Bar bar);

    protected abstract void OnReset();

    /// <summary>Batch implementation; the default replays a fresh clone bar by bar (exactly the streaming arithmetic).</summary>
    protected virtual void ComputeCore(in BarInput input, Span<double> outputs)
    {
        var fresh = Clone();
        var n = input.Length;
        var m = OutputCount;
        for (var i = 0; i < n; i++)
        {
            fresh.Update(input.BarAt(i));
            for (var k = 0; k < m; k++) outputs[k * n + i] = fresh._values[k];
        }
    }

    /// <summary>Counts a sample fed through a typed update (value indicators).</summary>
    private protected void CountSample() => Samples++;

    /// <summary>Publishes output 0. Call only once ready, so warm-up stays NaN.</summary>
    protected void Set(double value) => _values[0] = value;

    /// <summary>Publishes output <paramref name="output"/>. Call only once ready.</summary>
    protected void Set(int output, double value) => _values[output] = value;

    /// <summary>All outputs at once, for multi-output updates (one bounds check instead of one per output). Write only once ready.</summary>
    private protected Span<double> Outputs => _values;

    /// <summary>Copies the current outputs of <paramref name="source"/> (the batch replay helper for wrappers).</summary>
    private protected double ValueOf(int output) => _values[output];

    public override string ToString() => Name;
}
