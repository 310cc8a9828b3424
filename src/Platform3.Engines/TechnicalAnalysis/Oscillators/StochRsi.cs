using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Stochastic RSI: raw = 100·(RSI − lowest RSI)/(highest RSI − lowest RSI) over <c>stoch</c> RSI values (0 when flat,
/// TA-Lib's STOCHF arithmetic); k = SMA(kSmooth) of raw, d = SMA(dSmooth) of k. TA-Lib STOCHRSI(14,5,3) is
/// <c>stochrsi(14,5,1,3)</c>; talipp/Lean's (14,14,3,3) and Skender's (14,14,1,3) are the other common settings.
/// </summary>
public sealed class StochRsi : ValueIndicator
{
    private readonly Rsi _rsi;
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly SmaState _k;
    private readonly SmaState _d;
    private int _rsiCount;

    public StochRsi(int rsiPeriod = 14, int stochPeriod = 14, int kSmooth = 3, int dSmooth = 3, PriceField field = PriceField.Close)
        : base(SpecText.Of("stochrsi", field, rsiPeriod, stochPeriod, kSmooth, dSmooth), field,
            Require.Period(rsiPeriod) + Require.Period(stochPeriod) + Require.Period(kSmooth) + Require.Period(dSmooth) - 2, "k", "d")
    {
        RsiPeriod = rsiPeriod;
        StochPeriod = stochPeriod;
        KSmooth = kSmooth;
        DSmooth = dSmooth;
        _rsi = new Rsi(rsiPeriod);
        _highest = new RollingExtremum(stochPeriod, max: true);
        _lowest = new RollingExtremum(stochPeriod, max: false);
        _k = new SmaState(kSmooth);
        _d = new SmaState(dSmooth);
    }

    public int RsiPeriod { get; }
    public int StochPeriod { get; }
    public int KSmooth { get; }
    public int DSmooth { get; }

    public override Indicator Clone() => new StochRsi(RsiPeriod, StochPeriod, KSmooth, DSmooth, Field);

    protected override void OnValue(double value)
    {
        _rsi.Update(value);
        if (!_rsi.IsReady) return;
        var rsi = _rsi.Value;
        var highest = _highest.Push(rsi);
        var lowest = _lowest.Push(rsi);
        if (++_rsiCount < StochPeriod) return;
        var diff = (highest - lowest) / 100.0;
        var raw = diff != 0.0 ? (rsi - lowest) / diff : 0.0;
        var k = _k.Push(raw);
        if (!_k.IsReady) return;
        var d = _d.Push(k);
        if (!IsReady) return;
        Set(0, k);
        Set(1, d);
    }

    protected override void OnReset()
    {
        _rsi.Reset();
        _highest.Clear();
        _lowest.Clear();
        _k.Clear();
        _d.Clear();
        _rsiCount = 0;
    }
}
