using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        var variance = _moments.Push(value, out var oldest);
        if (!_moments.IsFull)
        {
            _total = total;
            return;
        }
        var middle = total / _period;
        _total = total - oldest;
        var (upper, lower, pb, bw) = Bands(value, middle, Math.Sqrt(variance), K);
        var outputs = Outputs;
        outputs[4] = bw; // the highest index first: the JIT then drops the other four bounds checks
        outputs[0] = middle;
        outputs[1] = upper;
        outputs[2] = lower;
        outputs[3] = pb;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Upper, double Lower, double PercentB, double Bandwidth) Bands(double x, double middle, double sd, double k)
    {
        var width = k * sd;
        var upper = middle + width;
        var lower = middle - width;
        var (pb, bw) = Extras(x, middle, upper, lower);
        return (upper, lower, pb, bw);
    }

    /// <summary>%B (0.5 when the bands touch) and bandwidth (NaN when the middle is 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double PercentB, double Bandwidth) Extras(double x, double middle, double upper, double lower)
    {
        var range = upper - lower;
        return (range > 0 ? (x - lower) / range : 0.5, middle != 0 ? range / middle : double.NaN);
    }

    protected override void OnReset()
    {
        _total = 0;
        _moments.Clear();
    }

    /// <summary>
    /// Batch over a plain series, the three bands only (what TA-Lib's BBANDS computes): the same bits as outputs
    /// middle, upper and lower of <see cref="ValueIndicator.Compute(ReadOnlySpan{double}, Span{double})"/>, without the two
    /// divisions per value of %B and bandwidth. NaN during warm-up.
    /// </summary>
    public void ComputeBands(ReadOnlySpan<double> values, Span<double> middle, Span<double> upper, Span<double> lower)
    {
        var n = values.Length;
        if (middle.Length < n || upper.Length < n || lower.Length < n)
            throw new ArgumentException($"{Name}: each band needs {n} cells, got {middle.Length}, {upper.Length} and {lower.Length}.");
        Kernel(values, middle[..n], upper[..n], lower[..n], default, default);
    }

    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var n = values.Length;
        Kernel(values, outputs[..n], outputs.Slice(n, n), outputs.Slice(2 * n, n), outputs.Slice(3 * n, n), outputs.Slice(4 * n, n));
    }

    /// <summary>
    /// Batch kernel: the arithmetic of the streaming update (TA-Lib's SMA total; <see cref="RollingMoments"/>' shifted
    /// sums, recentred every <c>period</c> values), so the bits equal streaming. In blocks: a scalar pass runs the
    /// running sums (loop-carried, inherently serial) and keeps each step's total and variance in a small buffer; then
    /// <see cref="Finish"/> does the divisions and square roots, which are independent per point, four at a time (the
    /// same IEEE operations lane by lane, so the same bits as one at a time). %B and bandwidth are written when their
    /// spans are not empty.
    /// </summary>
    private void Kernel(ReadOnlySpan<double> values, Span<double> middleOut, Span<double> upperOut, Span<double> lowerOut,
        Span<double> pbOut, Span<double> bwOut)
    {
        var n = values.Length;
        var p = Period;
        var extras = !pbOut.IsEmpty;
        var warm = Math.Min(p - 1, n);
        middleOut[..warm].Fill(double.NaN);
        upperOut[..warm].Fill(double.NaN);
        lowerOut[..warm].Fill(double.NaN);
        if (extras)
        {
            pbOut[..warm].Fill(double.NaN);
            bwOut[..warm].Fill(double.NaN);
        }
        if (n == 0) return;
        double total = 0, sum = 0, squares = 0, shift = values[0], invP = 1.0 / p;
        for (var i = 0; i < warm; i++)
        {
            var x = values[i];
            total += x;
            var d = x - shift;
            sum += d;
            squares += d * d;
        }
        // The sums are recentred at the points i ≡ p − 1 (mod p), the same schedule as RollingMoments' countdown; between
        // two of them Steps runs without a recentring test, an eviction test (i ≥ p holds) or a call.
        var sums = new RunningSums { Total = total, Sum = sum, Squares = squares, Shift = shift };
        var next = p - 1;
        const int Block = 256;
        Span<double> totals = stackalloc double[Block];
        Span<double> variances = stackalloc double[Block];
        for (var start = warm; start < n; start += Block)
        {
            var m = Math.Min(Block, n - start);
            var j = 0;
            while (j < m)
            {
                var stop = Math.Min(m, next - start);
                Steps(values, start + j, start + stop, p, invP, ref sums, totals[j..stop], variances[j..stop]);
                j = stop;
                if (j == m) break;
                // The recentring point: the incremental update would be overwritten, so only the total moves.
                var r = start + j;
                sums.Total += values[r];
                sums.Shift = values[r];
                (sums.Sum, sums.Squares) = ShiftedSums(values.Slice(r - p + 1, p), sums.Shift);
                totals[j] = sums.Total;
                sums.Total -= values[r - p + 1];
                variances[j] = RollingMoments.UnclampedVarianceOf(sums.Sum, sums.Squares, invP);
                next += p;
                j++;
            }
            Finish(values.Slice(start, m), totals[..m], variances[..m], p, K, middleOut.Slice(start, m), upperOut.Slice(start, m),
                lowerOut.Slice(start, m), extras ? pbOut.Slice(start, m) : default, extras ? bwOut.Slice(start, m) : default);
        }
    }

    private struct RunningSums
    {
        public double Total, Sum, Squares, Shift;
    }

    /// <summary>
    /// Points [from, to), none a recentring point and all with i ≥ p: the streaming step, writing each point's total
    /// (before the eviction) and unclamped variance. Its own small method with the sums in locals, so they stay in registers.
    /// </summary>
    private static void Steps(ReadOnlySpan<double> values, int from, int to, int p, double invP, ref RunningSums sums,
        Span<double> totals, Span<double> variances)
    {
        double total = sums.Total, sum = sums.Sum, squares = sums.Squares, shift = sums.Shift;
        for (var i = from; i < to; i++)
        {
            var x = values[i];
            total += x;
            var d = x - shift;
            sum += d;
            squares += d * d;
            var old = values[i - p];
            if (!double.IsNaN(old))
            {
                var e = old - shift;
                sum -= e;
                squares -= e * e;
            }
            totals[i - from] = total;
            total -= values[i - p + 1];
            variances[i - from] = RollingMoments.UnclampedVarianceOf(sum, squares, invP);
        }
        sums.Total = total;
        sums.Sum = sum;
        sums.Squares = squares;
    }

    /// <summary>middle = total/period, width = k·√max(variance, 0) (NaN → 0, as <see cref="RollingMoments.VarianceOf"/>), the bands, and %B and bandwidth when asked for: per point exactly
    /// the streaming operations (<see cref="Bands"/>), vectorised.</summary>
    private static void Finish(ReadOnlySpan<double> x, ReadOnlySpan<double> totals, ReadOnlySpan<double> variances, double period, double k,
        Span<double> middleOut, Span<double> upperOut, Span<double> lowerOut, Span<double> pbOut, Span<double> bwOut)
    {
        var m = x.Length;
        var extras = !pbOut.IsEmpty;
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vPeriod = Vector256.Create(period);
            var vK = Vector256.Create(k);
            var half = Vector256.Create(0.5);
            var nan = Vector256.Create(double.NaN);
            for (; j <= m - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var middle = Vector256.Create(totals[j..]) / vPeriod;
                var variance = Vector256.Create(variances[j..]);
                variance = Vector256.ConditionalSelect(Vector256.GreaterThan(variance, Vector256<double>.Zero), variance, Vector256<double>.Zero);
                var width = vK * Vector256.Sqrt(variance);
                var upper = middle + width;
                var lower = middle - width;
                middle.CopyTo(middleOut[j..]);
                upper.CopyTo(upperOut[j..]);
                lower.CopyTo(lowerOut[j..]);
                if (!extras) continue;
                var range = upper - lower;
                var pb = Vector256.ConditionalSelect(Vector256.GreaterThan(range, Vector256<double>.Zero), (Vector256.Create(x[j..]) - lower) / range, half);
                var bw = Vector256.ConditionalSelect(Vector256.Equals(middle, Vector256<double>.Zero), nan, range / middle);
                pb.CopyTo(pbOut[j..]);
                bw.CopyTo(bwOut[j..]);
            }
        }
        for (; j < m; j++)
        {
            var middle = totals[j] / period;
            var variance = variances[j];
            var (upper, lower, pb, bw) = Bands(x[j], middle, Math.Sqrt(variance > 0 ? variance : 0.0), k);
            middleOut[j] = middle;
            upperOut[j] = upper;
            lowerOut[j] = lower;
            if (!extras) continue;
            pbOut[j] = pb;
            bwOut[j] = bw;
        }
    }

    /// <summary>Σ(x − shift) and Σ(x − shift)² over a window, oldest first (as <see cref="RollingMoments"/> recentres).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Sum, double Squares) ShiftedSums(ReadOnlySpan<double> window, double shift)
    {
        double s = 0, q = 0;
        foreach (var v in window)
        {
            var d = v - shift;
            s += d;
            q += d * d;
        }
        return (s, q);
    }
}
