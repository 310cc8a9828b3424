namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Batch output: one column per named output, row i aligned with input bar i, NaN during warm-up.</summary>
public sealed class IndicatorResult
{
    private readonly string[] _names;
    private readonly double[][] _columns;

    public IndicatorResult(string indicator, IReadOnlyList<string> outputNames, double[][] columns)
    {
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (outputNames.Count != columns.Length) throw new ArgumentException("One column per output name.", nameof(columns));
        Indicator = indicator;
        _names = [.. outputNames];
        _columns = columns;
    }

    /// <summary>The indicator's canonical spec.</summary>
    public string Indicator { get; }

    public IReadOnlyList<string> OutputNames => _names;

    public int Count => _columns.Length == 0 ? 0 : _columns[0].Length;

    /// <summary>The primary output column.</summary>
    public double[] Values => _columns[0];

    public double[] this[int output] => _columns[output];

    public double[] this[string output]
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
                if (string.Equals(_names[i], output, StringComparison.OrdinalIgnoreCase)) return _columns[i];
            throw new ArgumentException($"{Indicator} has no output '{output}'. Valid: {string.Join(", ", _names)}.", nameof(output));
        }
    }

    /// <summary>Column header for output k: the spec for single-output indicators, else <c>spec.output</c>.</summary>
    public string ColumnName(int output) => _names.Length == 1 ? Indicator : $"{Indicator}.{_names[output]}";
}
