using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// DeMarker (Lean DeM, SMA): DeMax = max(H − prevH, 0), DeMin = max(prevL − L, 0);
/// DeM = SMA(DeMax)/(SMA(DeMax) + SMA(DeMin)) in [0, 1]; 0.5 when both averages are 0 (no movement).
/// Ready after period+1 bars.
/// </summary>
public sealed class DeMarker : Indicator
{
    private readonly SmaState _max;
    private readonly SmaState _min;
    private double _previousHigh;
    private double _previousLow;

    public DeMarker(int period = 14) : base(SpecText.Of("dem", period), Require.Period(period) + 1, "dem")
    {
        Period = period;
        _max = new SmaState(period);
        _min = new SmaState(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new DeMarker(Period);

    protected override void OnBar(in Bar bar)
    {
        if (Samples > 1)
        {
            var up = _max.Push(Math.Max(bar.High - _previousHigh, 0));
            var down = _min.Push(Math.Max(_previousLow - bar.Low, 0));
            if (IsReady)
            {
                var sum = up + down;
                Set(sum != 0 ? up / sum : 0.5);
            }
        }
        _previousHigh = bar.High;
        _previousLow = bar.Low;
    }

    protected override void OnReset()
    {
        _max.Clear();
        _min.Clear();
        _previousHigh = _previousLow = 0;
    }
}
