using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Keltner channel. Default (<c>basis=ema</c>, Skender/StockCharts): middle = EMA(period) of the close,
/// bands = middle ± k·ATR(atrPeriod) with the TA-Lib (Wilder) ATR. <c>basis=sma</c> is Lean's: middle = SMA(period)
/// of the typical price, bands ± k·(simple average of the true range over period, first bar high − low);
/// atrPeriod is then unused. Outputs: middle, upper, lower, width = (upper − lower)/middle.
/// </summary>
public sealed class Keltner : Indicator
{
    private readonly Indicator _middle;
    private readonly Atr _atr;

    public Keltner(int period = 20, double k = 2, int atrPeriod = 10, MaKind basis = MaKind.Ema)
        : base(SpecText.With(SpecText.Of("keltner", period, k, atrPeriod), basis == MaKind.Sma ? "basis=sma" : ""),
            basis == MaKind.Sma ? Require.Period(period) : Math.Max(Require.Period(period), Require.Period(atrPeriod, nameof(atrPeriod)) + 1),
            "middle", "upper", "lower", "width")
    {
        Period = period;
        K = Require.Positive(k, nameof(k));
        AtrPeriod = atrPeriod;
        Basis = basis;
        _middle = basis == MaKind.Sma ? new Sma(period, PriceField.Typical) : new Ema(period);
        _atr = basis == MaKind.Sma ? new Atr(period, AtrSmoothing.Simple, FirstBarRange.HighLow) : new Atr(atrPeriod);
    }

    public int Period { get; }
    public double K { get; }
    public int AtrPeriod { get; }
    public MaKind Basis { get; }

    public override Indicator Clone() => new Keltner(Period, K, AtrPeriod, Basis);

    protected override void OnBar(in Bar bar)
    {
        _middle.Update(bar);
        _atr.Update(bar);
        if (!IsReady) return;
        var middle = _middle.Value;
        var offset = K * _atr.Value;
        var upper = middle + offset;
        var lower = middle - offset;
        Set(0, middle);
        Set(1, upper);
        Set(2, lower);
        Set(3, middle != 0 ? (upper - lower) / middle : double.NaN);
    }

    protected override void OnReset()
    {
        _middle.Reset();
        _atr.Reset();
    }
}
