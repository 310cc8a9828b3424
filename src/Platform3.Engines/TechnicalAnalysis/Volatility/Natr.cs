using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Normalised ATR (TA-Lib NATR): 100·ATR/close, 0 when the close is 0. Ready after period+1 bars.</summary>
public sealed class Natr : Indicator
{
    private readonly Atr _atr;

    public Natr(int period = 14) : base(SpecText.Of("natr", period), Require.Period(period) + 1, "natr")
    {
        Period = period;
        _atr = new Atr(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Natr(Period);

    protected override void OnBar(in Bar bar)
    {
        _atr.Update(bar);
        if (IsReady) Set(bar.Close != 0.0 ? (_atr.Value / bar.Close) * 100.0 : 0.0);
    }

    protected override void OnReset() => _atr.Reset();
}
