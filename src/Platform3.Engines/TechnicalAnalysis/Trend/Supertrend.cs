using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// SuperTrend(period, multiplier) on the TA-Lib ATR: bands (H+L)/2 ± m·ATR that only tighten while price stays
/// inside them; the trend flips when the close crosses the active band. The first bar with an ATR starts bullish
/// when its close is at or above (H+L)/2. Ready after period+1 bars.
/// Outputs: supertrend (the active band), upper, lower (the final bands), trend (+1 up, −1 down).
/// </summary>
public sealed class Supertrend : Indicator
{
    private readonly Atr _atr;
    private double _upper;
    private double _lower;
    private double _previousClose;
    private bool _bullish;

    public Supertrend(int period = 10, double multiplier = 3)
        : base(SpecText.Of("supertrend", period, multiplier), Require.Period(period) + 1, "supertrend", "upper", "lower", "trend")
    {
        Period = period;
        Multiplier = Require.Positive(multiplier, nameof(multiplier));
        _atr = new Atr(period);
    }

    public int Period { get; }
    public double Multiplier { get; }

    public override Indicator Clone() => new Supertrend(Period, Multiplier);

    protected override void OnBar(in Bar bar)
    {
        _atr.Update(bar);
        var previousClose = _previousClose;
        _previousClose = bar.Close;
        if (!IsReady) return;
        var mid = (bar.High + bar.Low) / 2;
        var upper = mid + Multiplier * _atr.Value;
        var lower = mid - Multiplier * _atr.Value;
        if (Samples == WarmUpPeriod)
        {
            _bullish = bar.Close >= mid;
            _upper = upper;
            _lower = lower;
        }
        if (upper < _upper || previousClose > _upper) _upper = upper;
        if (lower > _lower || previousClose < _lower) _lower = lower;
        _bullish = !(bar.Close <= (_bullish ? _lower : _upper));
        Set(0, _bullish ? _lower : _upper);
        Set(1, _upper);
        Set(2, _lower);
        Set(3, _bullish ? 1 : -1);
    }

    protected override void OnReset()
    {
        _atr.Reset();
        _upper = _lower = _previousClose = 0;
        _bullish = false;
    }
}
