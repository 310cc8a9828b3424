using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Triangular moving average: the SMA of an SMA, with lengths (n+1)/2 and (n+1)/2 for odd n, n/2+1 and n/2 for
/// even n — the triangular weights TA-Lib's TRIMA uses. Ready after <c>period</c> values.
/// </summary>
public sealed class Trima : ValueIndicator
{
    private readonly SmaState _inner;
    private readonly SmaState _outer;

    public Trima(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("trima", field, period), field, Require.Period(period), "trima")
    {
        Period = period;
        var (a, b) = period % 2 == 1 ? ((period + 1) / 2, (period + 1) / 2) : (period / 2 + 1, period / 2);
        _inner = new SmaState(a);
        _outer = new SmaState(b);
    }

    public int Period { get; }

    public override Indicator Clone() => new Trima(Period, Field);

    protected override void OnValue(double value)
    {
        var inner = _inner.Push(value);
        if (!_inner.IsReady) return;
        var outer = _outer.Push(inner);
        if (IsReady) Set(outer);
    }

    protected override void OnReset()
    {
        _inner.Clear();
        _outer.Clear();
    }
}

/// <summary>Wilder's smoothed moving average (SMMA, RMA): SMA seed, then (avg·(n−1) + x)/n. Ready after n values.</summary>
public sealed class Smma : ValueIndicator
{
    private WilderState _state;

    public Smma(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("smma", field, period), field, Require.Period(period), "smma")
    {
        Period = period;
        _state = new WilderState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Smma(Period, Field);

    protected override void OnValue(double value)
    {
        var v = _state.Push(value);
        if (IsReady) Set(v);
    }

    protected override void OnReset() => _state.Clear();
}
