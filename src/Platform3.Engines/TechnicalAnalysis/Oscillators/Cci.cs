using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Commodity channel index (TA-Lib CCI): typical price TP = (H+L+C)/3, CCI = (TP − SMA(TP))/(0.015·mean absolute
/// deviation), 0 when either is 0. Ready after <c>period</c> bars.
/// <para>
/// An update costs O(period), on purpose. The mean absolute deviation Σ|xᵢ − m|/n is taken around the <em>current</em>
/// mean m, which moves every bar, so every term changes and no running sum of the terms can be kept (unlike a variance,
/// Σ(xᵢ − m)² = Σxᵢ² − n·m², |·| does not expand into sums of powers). The exact O(log n) alternative keeps the window
/// sorted with prefix sums and evaluates (Σ_{x&gt;m} x − m·n_above) + (m·n_below − Σ_{x≤m} x): the same number
/// mathematically, but rounded differently from TA-Lib's sum in buffer order, which this class reproduces exactly;
/// and for the usual n = 14–20 the whole update is about 40 ns (bench ta-stream), little for a balanced tree with
/// insert, delete and rank queries to win. The mean
/// is also re-summed over the buffer rather than kept running, because TA-Lib does so and the rounding differs.
/// </para>
/// </summary>
public sealed class Cci : Indicator
{
    private readonly RingWindow _window;

    public Cci(int period = 14) : base(SpecText.Of("cci", period), Require.Period(period, min: 2), "cci")
    {
        Period = period;
        _window = new RingWindow(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Cci(Period);

    protected override void OnBar(in Bar bar)
    {
        var tp = (bar.High + bar.Low + bar.Close) / 3;
        _window.Push(tp);
        if (!IsReady) return;
        // TA-Lib sums the circular buffer in slot order; the sum's rounding depends on it, so do the same.
        var values = _window.Raw;
        var mean = 0.0;
        for (var j = 0; j < values.Length; j++) mean += values[j];
        mean /= Period;
        var deviation = 0.0;
        for (var j = 0; j < values.Length; j++) deviation += Math.Abs(values[j] - mean);
        var distance = tp - mean;
        Set(distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / Period)) : 0.0);
    }

    protected override void OnReset() => _window.Clear();
}
