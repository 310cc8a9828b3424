using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Hull moving average: WMA(⌊√n⌋) of 2·WMA(⌊n/2⌋) − WMA(n). Ready after n + ⌊√n⌋ − 1 values.
/// </summary>
public sealed class Hma : ValueIndicator
{
    private readonly Wma _half;
    private readonly Wma _full;
    private readonly Wma _smooth;

    public Hma(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("hma", field, period), field, Require.Period(period, min: 2) + (int)Math.Sqrt(period) - 1, "hma")
    {
        Period = period;
        _half = new Wma(period / 2);
        _full = new Wma(period);
        _smooth = new Wma((int)Math.Sqrt(period));
    }

    public int Period { get; }

    public override Indicator Clone() => new Hma(Period, Field);

    protected override void OnValue(double value)
    {
        _half.Update(value);
        _full.Update(value);
        if (!_full.IsReady) return;
        _smooth.Update(2.0 * _half.Value - _full.Value);
        if (IsReady) Set(_smooth.Value);
    }

    protected override void OnReset()
    {
        _half.Reset();
        _full.Reset();
        _smooth.Reset();
    }
}

/// <summary>
/// Zero-lag EMA: the SMA-seeded EMA(n) of 2·x − x[lag], lag = ⌊(n−1)/2⌋. Ready after lag + n values.
/// </summary>
public sealed class Zlema : ValueIndicator
{
    private readonly RingWindow _history;
    private EmaState _ema;

    public Zlema(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("zlema", field, period), field, Require.Period(period) + (period - 1) / 2, "zlema")
    {
        Period = period;
        Lag = (period - 1) / 2;
        _history = new RingWindow(Lag + 1);
        _ema = new EmaState(period);
    }

    public int Period { get; }
    public int Lag { get; }

    public override Indicator Clone() => new Zlema(Period, Field);

    protected override void OnValue(double value)
    {
        _history.Push(value);
        if (!_history.IsFull) return;
        var ema = _ema.Push(2.0 * value - _history.Oldest);
        if (IsReady) Set(ema);
    }

    protected override void OnReset()
    {
        _history.Clear();
        _ema.Clear();
    }
}
