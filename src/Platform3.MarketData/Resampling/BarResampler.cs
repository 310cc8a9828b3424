using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Resampling;

/// <summary>
/// Batch resampling of a bar series to a coarser timeframe. Buckets follow
/// <see cref="FxCalendar.BarOpenUtcTicks"/>: UTC-aligned up to H1, H4 blocks and D1 days from 17:00 New York,
/// W1 from Sunday 17:00 to Friday 17:00 New York. A bucket exists only where source bars exist, so no bar is
/// made for a closed market. The last bucket is emitted even when the source ends inside it, exactly as the
/// streaming aggregator does on <see cref="StreamingBarAggregator.Flush"/>.
/// </summary>
public static class BarResampler
{
    public static BarSeries Resample(BarSeries source, Timeframe target, FxCalendar calendar)
    {
        Validate(source.Timeframe, target);
        var n = source.Count;
        var clock = new BucketClock(calendar, target);
        var hasAsk = source.HasAsk;
        var capacity = EstimateCount(source, target);
        var builder = new Columns(capacity, hasAsk, source.Spread is not null);
        var t = source.Time;
        double[] o = source.Open, h = source.High, l = source.Low, c = source.Close;
        var v = source.Volume;
        var ao = source.AskOpen; var ah = source.AskHigh; var al = source.AskLow; var ac = source.AskClose;
        var sp = source.Spread;
        var acc = default(BarAccumulator);
        long bucketClose = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            var ti = t[i];
            // Most bars fall in the current bucket: one compare instead of a bucket lookup.
            if (!acc.IsEmpty && ti < bucketClose && ti >= acc.Open)
            {
                acc.Add(h[i], l[i], c[i], ao?[i] ?? double.NaN, ah?[i] ?? double.NaN, al?[i] ?? double.NaN,
                    ac?[i] ?? double.NaN, sp?[i] ?? double.NaN, v[i]);
                continue;
            }
            var bucket = clock.BucketOf(ti, out var close);
            if (!acc.IsEmpty && bucket == acc.Open)
            {
                acc.Add(h[i], l[i], c[i], ao?[i] ?? double.NaN, ah?[i] ?? double.NaN, al?[i] ?? double.NaN,
                    ac?[i] ?? double.NaN, sp?[i] ?? double.NaN, v[i]);
                bucketClose = close;
                continue;
            }
            if (!acc.IsEmpty) builder.Add(acc);
            acc.Start(bucket, o[i], h[i], l[i], c[i], ao?[i] ?? double.NaN, ah?[i] ?? double.NaN, al?[i] ?? double.NaN,
                ac?[i] ?? double.NaN, sp?[i] ?? double.NaN, v[i]);
            bucketClose = close;
        }
        if (!acc.IsEmpty) builder.Add(acc);
        return builder.Build(source.Symbol, target);
    }

    internal static void Validate(Timeframe source, Timeframe target)
    {
        if (source.IsTick) throw new UsageException("Resample ticks with TickBarAggregator (ticks → M1), then bars → bars.");
        if (target.IsTick || target <= source || !target.IsMultipleOf(source))
            throw new UsageException($"Cannot resample {source} to {target}: the target must be a coarser multiple of the source " +
                $"({string.Join(", ", Timeframe.All.Where(tf => !tf.IsTick && tf > source && tf.IsMultipleOf(source)))}).");
    }

    private static int EstimateCount(BarSeries source, Timeframe target)
    {
        if (source.Count == 0) return 4;
        var span = source.Time[^1] - source.Time[0];
        var est = span / target.DurationTicks + 2;
        return (int)Math.Min(source.Count, Math.Max(4, est));
    }

    /// <summary>Growable output columns (no per-bar allocation).</summary>
    private sealed class Columns(int capacity, bool hasAsk, bool hasSpread)
    {
        private long[] _t = new long[capacity];
        private double[] _o = new double[capacity], _h = new double[capacity], _l = new double[capacity], _c = new double[capacity];
        private double[]? _ao = hasAsk ? new double[capacity] : null, _ah = hasAsk ? new double[capacity] : null,
            _al = hasAsk ? new double[capacity] : null, _ac = hasAsk ? new double[capacity] : null;
        private double[]? _sp = hasSpread && !hasAsk ? new double[capacity] : null;
        private long[] _v = new long[capacity];
        private int _n;

        public void Add(in BarAccumulator a)
        {
            if (_n == _t.Length) Grow();
            var i = _n++;
            _t[i] = a.Open; _o[i] = a.O; _h[i] = a.H; _l[i] = a.L; _c[i] = a.C; _v[i] = a.Volume;
            if (_ao is not null) { _ao[i] = a.AO; _ah![i] = a.AH; _al![i] = a.AL; _ac![i] = a.AC; }
            if (_sp is not null) _sp[i] = a.Spread;
        }

        private void Grow()
        {
            var m = _t.Length * 2;
            Array.Resize(ref _t, m); Array.Resize(ref _o, m); Array.Resize(ref _h, m); Array.Resize(ref _l, m);
            Array.Resize(ref _c, m); Array.Resize(ref _v, m);
            if (_ao is not null) { Array.Resize(ref _ao, m); Array.Resize(ref _ah, m); Array.Resize(ref _al, m); Array.Resize(ref _ac, m); }
            if (_sp is not null) Array.Resize(ref _sp, m);
        }

        private static T[]? Cut<T>(T[]? a, int n) => a is null ? null : a.Length == n ? a : a[..n];

        public BarSeries Build(string symbol, Timeframe tf) =>
            new(symbol, tf, Cut(_t, _n)!, Cut(_o, _n)!, Cut(_h, _n)!, Cut(_l, _n)!, Cut(_c, _n)!, Cut(_v, _n)!,
                Cut(_ao, _n), Cut(_ah, _n), Cut(_al, _n), Cut(_ac, _n), Cut(_sp, _n));
    }
}
