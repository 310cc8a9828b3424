using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// TRIX (TA-Lib): the 1-bar rate of change, in percent, of a triple SMA-seeded EMA. Ready after 3·(n−1)+2 values.
/// Outputs: trix, ema3.
/// </summary>
public sealed class Trix : ValueIndicator
{
    private EmaState _e1;
    private EmaState _e2;
    private EmaState _e3;
    private double _previous;
    private bool _hasPrevious;

    public Trix(int period = 30, PriceField field = PriceField.Close)
        : base(SpecText.Of("trix", field, period), field, 3 * (Require.Period(period) - 1) + 2, "trix", "ema3")
    {
        Period = period;
        _e1 = new EmaState(period);
        _e2 = new EmaState(period);
        _e3 = new EmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Trix(Period, Field);

    protected override void OnValue(double value)
    {
        var a = _e1.Push(value);
        if (!_e1.IsReady) return;
        var b = _e2.Push(a);
        if (!_e2.IsReady) return;
        var c = _e3.Push(b);
        if (!_e3.IsReady) return;
        if (_hasPrevious)
        {
            Set(0, _previous != 0.0 ? ((c / _previous) - 1.0) * 100.0 : 0.0);
            Set(1, c);
        }
        _previous = c;
        _hasPrevious = true;
    }

    protected override void OnReset()
    {
        _e1.Clear();
        _e2.Clear();
        _e3.Clear();
        _previous = 0;
        _hasPrevious = false;
    }
}
