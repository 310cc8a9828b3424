using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Bollinger Bands (TA-Lib BBANDS with SMA): middle = SMA(period), upper/lower = middle ± k·σ with the
/// population standard deviation. Extra outputs: percentb = (x − lower)/(upper − lower) (0.5 when the bands
/// touch) and bandwidth = (upper − lower)/middle as a ratio (Lean prints it ×100). Ready after <c>period</c> values.
/// </summary>
public sealed class Bollinger : ValueIndicator
{
    private readonly double _period;
    private RollingMoments _moments;
    private double _total; // the SMA's running total in TA-Lib's order (see RollingSum); the window is the moments'

    public Bollinger(int period = 20, double k = 2.0, PriceField field = PriceField.Close)
        : base(SpecText.Of("bb", field, period, k), field, Require.Period(period), "middle", "upper", "lower", "percentb", "bandwidth")
    {
        Period = period;
        K = Require.Positive(k, nameof(k));
        _period = period;
        _moments = new RollingMoments(period);
    }

    public int Period { get; }

    public double K { get; }

    public override Indicator Clone() => new Bollinger(Period, K, Field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        var total = _total + value;
        _moments.Push(value);
        if (!_moments.IsFull)
        {
            _total = total;
            return;
        }
        var middle = total / _period;
        _total = total - _moments.Oldest;
        var (upper, lower, pb, bw) = Bands(value, middle, _moments.StdDev, K);
        Set(0, middle);
        Set(1, upper);
        Set(2, lower);
        Set(3, pb);
        Set(4, bw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        _total = 0;
        _moments.Clear();
    }

    /// <summary>
    /// Batch kernel: the arithmetic of <see cref="SmaState"/> and <see cref="RollingMoments"/> (shifted sums,
    /// recentred every <c>period</c> values) written out over the arrays, so the bits equal streaming.
    /// </summary>
    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var n = values.Length;
        var p = Period;
        var middleOut = outputs[..n];
        var upperOut = outputs.Slice(n, n);
        var lowerOut = outputs.Slice(2 * n, n);
        var pbOut = outputs.Slice(3 * n, n);
        var bwOut = outputs.Slice(4 * n, n);
        double total = 0, shift = 0, sum = 0, squares = 0;
        var untilRecenter = p;
        var invP = 1.0 / p; // a countdown instead of (i + 1) % p: integer division costs more than the rest of the loop
        for (var i = 0; i < n; i++)
        {
            var x = values[i];
            total += x;
            if (i == 0) shift = x;
            var d = x - shift;
            sum += d;
            squares += d * d;
            if (i >= p && !double.IsNaN(values[i - p]))
            {
                var e = values[i - p] - shift;
                sum -= e;
                squares -= e * e;
            }
            if (--untilRecenter == 0)
            {
                untilRecenter = p;
                shift = x;
                double s = 0, q = 0;
                for (var j = i - p + 1; j <= i; j++)
                {
                    var dj = values[j] - shift;
                    s += dj;
                    q += dj * dj;
                }
                sum = s;
                squares = q;
            }
            if (i < p - 1)
            {
                middleOut[i] = upperOut[i] = lowerOut[i] = pbOut[i] = bwOut[i] = double.NaN;
                continue;
            }
            var middle = total / p;
            total -= values[i - p + 1];
            var variance = RollingMoments.VarianceOf(sum, squares, invP);
            var (upper, lower, pb, bw) = Bands(x, middle, Math.Sqrt(variance > 0 ? variance : 0.0), K);
            middleOut[i] = middle;
            upperOut[i] = upper;
            lowerOut[i] = lower;
            pbOut[i] = pb;
            bwOut[i] = bw;
        }
    }
}
