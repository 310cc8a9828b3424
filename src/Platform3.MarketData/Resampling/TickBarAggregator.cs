using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Resampling;

/// <summary>Bars built from ticks, with each bar's spread statistics (mean, min, max of ask − bid over its ticks).</summary>
public sealed record TickBars(BarSeries Bars, double[] SpreadMean, double[] SpreadMin, double[] SpreadMax);

/// <summary>
/// Ticks → bars (M1 by default): bid OHLC from bids, ask OHLC from asks, volume = number of ticks (tick
/// volume), plus spread statistics per bar. Buckets use the same calendar rules as bar resampling.
/// </summary>
public static class TickBarAggregator
{
    public static TickBars Aggregate(TickSeries ticks, FxCalendar calendar, Timeframe? target = null)
    {
        var tf = target ?? Timeframe.M1;
        if (tf.IsTick) throw new ArgumentException("Target must be a bar timeframe.", nameof(target));
        var clock = new BucketClock(calendar, tf);
        var n = ticks.Count;
        var builder = new BarSeriesBuilder(ticks.Symbol, tf, Math.Max(16, n / 20));
        var mean = new List<double>(); var min = new List<double>(); var max = new List<double>();
        var i = 0;
        while (i < n)
        {
            var bucket = clock.BucketOf(ticks.Time[i], out var close);
            double bo = ticks.Bid[i], bh = bo, bl = bo, bc = bo;
            double ao = ticks.Ask[i], ah = ao, al = ao, ac = ao;
            double sSum = 0, sMin = double.MaxValue, sMax = double.MinValue;
            long count = 0;
            for (; i < n && ticks.Time[i] < close && ticks.Time[i] >= bucket; i++)
            {
                double b = ticks.Bid[i], a = ticks.Ask[i];
                if (b > bh) bh = b;
                if (b < bl) bl = b;
                if (a > ah) ah = a;
                if (a < al) al = a;
                bc = b; ac = a;
                var s = a - b;
                sSum += s;
                if (s < sMin) sMin = s;
                if (s > sMax) sMax = s;
                count++;
            }
            builder.Add(new Bar(new DateTime(bucket, DateTimeKind.Utc), bo, bh, bl, bc, ao, ah, al, ac, count));
            mean.Add(sSum / count); min.Add(sMin); max.Add(sMax);
        }
        return new TickBars(builder.Build(), mean.ToArray(), min.ToArray(), max.ToArray());
    }
}
