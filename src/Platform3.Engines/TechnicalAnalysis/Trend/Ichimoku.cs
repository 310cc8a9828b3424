using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Ichimoku, causally. tenkan = midpoint of the last 9 bars' high/low, kijun = of 26, both known now.
/// Senkou spans are plotted 26 bars ahead of the bar that computes them; this indicator reports at bar t
/// the cloud <em>plotted at t</em> (computed from data up to t−26, as Lean and Skender store it) as
/// <c>senkoua</c>/<c>senkoub</c>, and the cloud computed at t (to be plotted at t+26) as
/// <c>leada</c>/<c>leadb</c>. Chikou is the close plotted <c>displacement</c> bars back: the line itself, read at
/// its plotted bar, would be future data, so the causal output is what traders read off it, known at t:
/// <c>chikoudiff</c> = close(t) − close(t − displacement), the chikou line minus the price it is plotted against
/// (positive = chikou above price). Ready when senkou B is: after senkouB + displacement − 1 bars.
/// </summary>
public sealed class Ichimoku : Indicator
{
    private readonly RollingExtremum _tenkanHigh, _tenkanLow, _kijunHigh, _kijunLow, _senkouHigh, _senkouLow;
    private readonly RingWindow _leadA;
    private readonly RingWindow _leadB;
    private readonly RingWindow _closes;

    public Ichimoku(int tenkan = 9, int kijun = 26, int senkouB = 52, int displacement = 26)
        : base(SpecText.Of("ichimoku", tenkan, kijun, senkouB, displacement),
            Math.Max(Require.Period(senkouB, nameof(senkouB)), Math.Max(Require.Period(tenkan, nameof(tenkan)), Require.Period(kijun, nameof(kijun))))
                + Require.Period(displacement, nameof(displacement)),
            "tenkan", "kijun", "senkoua", "senkoub", "leada", "leadb", "chikoudiff")
    {
        Tenkan = tenkan;
        Kijun = kijun;
        SenkouB = senkouB;
        Displacement = displacement;
        _tenkanHigh = new RollingExtremum(tenkan, true);
        _tenkanLow = new RollingExtremum(tenkan, false);
        _kijunHigh = new RollingExtremum(kijun, true);
        _kijunLow = new RollingExtremum(kijun, false);
        _senkouHigh = new RollingExtremum(senkouB, true);
        _senkouLow = new RollingExtremum(senkouB, false);
        _leadA = new RingWindow(displacement + 1);
        _leadB = new RingWindow(displacement + 1);
        _closes = new RingWindow(displacement + 1);
    }

    public int Tenkan { get; }
    public int Kijun { get; }
    public int SenkouB { get; }
    public int Displacement { get; }

    public override Indicator Clone() => new Ichimoku(Tenkan, Kijun, SenkouB, Displacement);

    protected override void OnBar(in Bar bar)
    {
        var tenkan = (_tenkanHigh.Push(bar.High) + _tenkanLow.Push(bar.Low)) / 2;
        var kijun = (_kijunHigh.Push(bar.High) + _kijunLow.Push(bar.Low)) / 2;
        var spanB = (_senkouHigh.Push(bar.High) + _senkouLow.Push(bar.Low)) / 2;
        var leadA = Samples >= Math.Max(Tenkan, Kijun) ? (tenkan + kijun) / 2 : double.NaN;
        var leadB = Samples >= SenkouB ? spanB : double.NaN;
        _leadA.Push(leadA);
        _leadB.Push(leadB);
        _closes.Push(bar.Close);
        if (!IsReady) return;
        Set(0, tenkan);
        Set(1, kijun);
        Set(2, _leadA.Oldest);
        Set(3, _leadB.Oldest);
        Set(4, leadA);
        Set(5, leadB);
        Set(6, bar.Close - _closes.Oldest); // ready implies at least displacement + 1 closes
    }

    protected override void OnReset()
    {
        _tenkanHigh.Clear(); _tenkanLow.Clear();
        _kijunHigh.Clear(); _kijunLow.Clear();
        _senkouHigh.Clear(); _senkouLow.Clear();
        _leadA.Clear(); _leadB.Clear(); _closes.Clear();
    }
}
