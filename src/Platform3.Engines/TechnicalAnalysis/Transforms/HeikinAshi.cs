using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Heikin-Ashi candles: close = (O+H+L+C)/4, open = (previous HA open + previous HA close)/2 (the first bar:
/// (O+C)/2), high = max(H, HA open, HA close), low = min(L, HA open, HA close). Ready from the first bar.
/// Outputs: open, high, low, close.
/// </summary>
public sealed class HeikinAshi : Indicator
{
    private double _open;
    private double _close;

    public HeikinAshi() : base("ha()", 1, "open", "high", "low", "close")
    {
    }

    public override Indicator Clone() => new HeikinAshi();

    protected override void OnBar(in Bar bar)
    {
        var close = (bar.Open + bar.High + bar.Low + bar.Close) / 4;
        var open = Samples == 1 ? (bar.Open + bar.Close) / 2 : (_open + _close) / 2;
        _open = open;
        _close = close;
        Set(0, open);
        Set(1, Math.Max(bar.High, Math.Max(open, close)));
        Set(2, Math.Min(bar.Low, Math.Min(open, close)));
        Set(3, close);
    }

    protected override void OnReset() => _open = _close = 0;
}
