using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// ADX rating (TA-Lib ADXR): (ADX + ADX from period−1 bars earlier)/2. Ready after 3·period−1 bars.
/// (Skender averages with the ADX from period bars earlier.)
/// </summary>
public sealed class Adxr : Indicator
{
    private readonly Adx _adx;
    private readonly RingWindow _history;

    public Adxr(int period = 14) : base(SpecText.Of("adxr", period), 3 * Require.Period(period, min: 2) - 1, "adxr")
    {
        Period = period;
        _adx = new Adx(period);
        _history = new RingWindow(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Adxr(Period);

    protected override void OnBar(in Bar bar)
    {
        _adx.Update(bar);
        if (!_adx.IsReady) return;
        _history.Push(_adx.Value);
        if (IsReady) Set((_adx.Value + _history.Oldest) / 2.0);
    }

    protected override void OnReset()
    {
        _adx.Reset();
        _history.Clear();
    }
}
