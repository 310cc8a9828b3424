using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Double EMA (TA-Lib DEMA): 2·EMA1 − EMA2 where EMA2 is the EMA of EMA1, each SMA-seeded.
/// Ready after 2·period−1 values.
/// </summary>
public sealed class Dema : ValueIndicator
{
    private EmaState _first;
    private EmaState _second;

    public Dema(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("dema", field, period), field, 2 * Require.Period(period) - 1, "dema")
    {
        Period = period;
        _first = new EmaState(period);
        _second = new EmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Dema(Period, Field);

    protected override void OnValue(double value)
    {
        var e1 = _first.Push(value);
        if (!_first.IsReady) return;
        var e2 = _second.Push(e1);
        if (IsReady) Set((2.0 * e1) - e2);
    }

    protected override void OnReset()
    {
        _first.Clear();
        _second.Clear();
    }
}

/// <summary>
/// Triple EMA (TA-Lib TEMA): 3·EMA1 − 3·EMA2 + EMA3 (EMA of EMA of EMA, each SMA-seeded).
/// Ready after 3·period−2 values.
/// </summary>
public sealed class Tema : ValueIndicator
{
    private EmaState _first;
    private EmaState _second;
    private EmaState _third;

    public Tema(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("tema", field, period), field, 3 * Require.Period(period) - 2, "tema")
    {
        Period = period;
        _first = new EmaState(period);
        _second = new EmaState(period);
        _third = new EmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Tema(Period, Field);

    protected override void OnValue(double value)
    {
        var e1 = _first.Push(value);
        if (!_first.IsReady) return;
        var e2 = _second.Push(e1);
        if (!_second.IsReady) return;
        var e3 = _third.Push(e2);
        if (IsReady) Set(e3 + ((3.0 * e1) - (3.0 * e2)));
    }

    protected override void OnReset()
    {
        _first.Clear();
        _second.Clear();
        _third.Clear();
    }
}
