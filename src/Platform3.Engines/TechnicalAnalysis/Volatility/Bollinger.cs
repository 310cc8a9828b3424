using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Bollinger Bands (TA-Lib BBANDS with SMA): middle = SMA(period), upper/lower = middle ± k·σ with the
/// population standard deviation. Extra outputs: percentb = (x − lower)/(upper − lower) (0.5 when the bands
/// touch) and bandwidth = (upper − lower)/middle as a ratio (Lean prints it ×100). Ready after <c>period</c> values.
/// </summary>
public sealed class Bollinger : ValueIndicator
{
    private readonly SmaState _sma;
    private readonly RollingMoments _moments;

    public Bollinger(int period = 20, double k = 2.0, PriceField field = PriceField.Close)
        : base(SpecText.Of("bb", field, period, k), field, Require.Period(period), "middle", "upper", "lower", "percentb", "bandwidth")
    {
        Period = period;
        K = Require.Positive(k, nameof(k));
        _sma = new SmaState(period);
        _moments = new RollingMoments(period);
    }

    public int Period { get; }

    public double K { get; }

    public override Indicator Clone() => new Bollinger(Period, K, Field);

    protected override void OnValue(double value)
    {
        var middle = _sma.Push(value);
        _moments.Push(value);
        if (!IsReady) return;
        var (upper, lower, pb, bw) = Bands(value, middle, _moments.StdDev, K);
        Set(0, middle);
        Set(1, upper);
        Set(2, lower);
        Set(3, pb);
        Set(4, bw);
    }

    private static (double Upper, double Lower, double PercentB, double Bandwidth) Bands(double x, double middle, double sd, double k)
    {
        var width = k * sd;
        var upper = middle + width;
        var lower = middle - width;
        var range = upper - lower;
        var pb = range > 0 ? (x - lower) / range : 0.5;
        return (upper, lower, pb, middle != 0 ? range / middle : double.NaN);
    }

    protected override void OnReset()
    {
        _sma.Clear();
        _moments.Clear();
    }

    /// <summary>Batch: the same state objects driven in a tight loop (no virtual calls), so bits match streaming.</summary>
    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var n = values.Length;
        var sma = new SmaState(Period);
        var moments = new RollingMoments(Period);
        var warm = Math.Min(Period - 1, n);
        for (var k = 0; k < 5; k++) outputs.Slice(k * n, warm).Fill(double.NaN);
        for (var i = 0; i < n; i++)
        {
            var x = values[i];
            var middle = sma.Push(x);
            moments.Push(x);
            if (i < warm) continue;
            var (upper, lower, pb, bw) = Bands(x, middle, moments.StdDev, K);
            outputs[i] = middle;
            outputs[n + i] = upper;
            outputs[2 * n + i] = lower;
            outputs[3 * n + i] = pb;
            outputs[4 * n + i] = bw;
        }
    }
}
