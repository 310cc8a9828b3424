using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Money flow index (TA-Lib MFI) on tick volume: money flow = TP·volume, positive when TP rose, negative when it
/// fell; MFI = 100·pos/(pos + neg) over <c>period</c> changes, and 0 when pos + neg &lt; 1 (TA-Lib's rule; with
/// FX tick volume that only happens when the window has no volume). Ready after period+1 bars.
/// </summary>
public sealed class Mfi : Indicator
{
    private readonly RingWindow _positive;
    private readonly RingWindow _negative;
    private double _previousTypical;
    private double _positiveSum;
    private double _negativeSum;

    public Mfi(int period = 14) : base(SpecText.Of("mfi", period), Require.Period(period) + 1, "mfi")
    {
        Period = period;
        _positive = new RingWindow(period);
        _negative = new RingWindow(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Mfi(Period);

    protected override void OnBar(in Bar bar)
    {
        var tp = (bar.High + bar.Low + bar.Close) / 3.0;
        if (Samples == 1)
        {
            _previousTypical = tp;
            return;
        }
        var change = tp - _previousTypical;
        _previousTypical = tp;
        var flow = tp * bar.Volume;
        double pos = 0, neg = 0;
        if (change < 0) neg = flow;
        else if (change > 0) pos = flow;
        // TA-Lib drops the oldest flow before adding the new one.
        var oldPos = _positive.Push(pos);
        var oldNeg = _negative.Push(neg);
        if (!double.IsNaN(oldPos))
        {
            _positiveSum -= oldPos;
            _negativeSum -= oldNeg;
        }
        _positiveSum += pos;
        _negativeSum += neg;
        if (!IsReady) return;
        var total = _positiveSum + _negativeSum;
        Set(total < 1.0 ? 0.0 : 100.0 * (_positiveSum / total));
    }

    protected override void OnReset()
    {
        _positive.Clear();
        _negative.Clear();
        _previousTypical = _positiveSum = _negativeSum = 0;
    }
}
