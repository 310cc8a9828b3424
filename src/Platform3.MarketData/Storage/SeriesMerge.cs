using Platform3.Core.Domain;

namespace Platform3.MarketData.Storage;

/// <summary>
/// Merges incoming rows into stored rows. Bars are keyed by open time: a new time is added, an existing
/// time takes the incoming values (counted as replaced when they differ). Ticks may share a millisecond,
/// so an incoming tick batch replaces the stored ticks inside its own [first, last] span.
/// </summary>
internal static class SeriesMerge
{
    public static BarSeries MergeBars(BarSeries stored, BarSeries incoming, out WriteResult result)
    {
        int i = 0, j = 0, n = 0;
        long added = 0, replaced = 0, unchanged = 0;
        while (i < stored.Count || j < incoming.Count)
        {
            if (j >= incoming.Count) { i++; }
            else if (i >= stored.Count || incoming.Time[j] < stored.Time[i]) { j++; added++; }
            else if (stored.Time[i] < incoming.Time[j]) { i++; }
            else
            {
                if (SameBar(stored, i, incoming, j)) unchanged++; else replaced++;
                i++; j++;
            }
            n++;
        }
        result = new WriteResult(added, replaced, unchanged, 0);
        if (added == 0 && replaced == 0) return stored;

        var hasAsk = stored.HasAsk || incoming.HasAsk;
        var hasSpread = stored.Spread is not null || incoming.Spread is not null;
        var time = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        var v = new long[n];
        double[]? ao = hasAsk ? new double[n] : null, ah = hasAsk ? new double[n] : null,
            al = hasAsk ? new double[n] : null, ac = hasAsk ? new double[n] : null;
        var sp = hasSpread ? new double[n] : null;
        i = 0; j = 0;
        for (var k = 0; k < n; k++)
        {
            BarSeries src; int r;
            if (j >= incoming.Count || (i < stored.Count && stored.Time[i] < incoming.Time[j])) { src = stored; r = i++; }
            else
            {
                if (i < stored.Count && stored.Time[i] == incoming.Time[j]) i++;
                src = incoming; r = j++;
            }
            time[k] = src.Time[r];
            o[k] = src.Open[r]; h[k] = src.High[r]; l[k] = src.Low[r]; c[k] = src.Close[r];
            v[k] = src.Volume[r];
            if (hasAsk)
            {
                ao![k] = src.AskOpen?[r] ?? double.NaN; ah![k] = src.AskHigh?[r] ?? double.NaN;
                al![k] = src.AskLow?[r] ?? double.NaN; ac![k] = src.AskClose?[r] ?? double.NaN;
            }
            if (hasSpread) sp![k] = src.Spread?[r] ?? double.NaN;
        }
        return new BarSeries(stored.Symbol, stored.Timeframe, time, o, h, l, c, v, ao, ah, al, ac, sp);
    }

    private static bool SameBar(BarSeries a, int i, BarSeries b, int j) =>
        Same(a.Open[i], b.Open[j]) && Same(a.High[i], b.High[j]) && Same(a.Low[i], b.Low[j]) && Same(a.Close[i], b.Close[j])
        && a.Volume[i] == b.Volume[j]
        && Same(a.AskOpen?[i], b.AskOpen?[j]) && Same(a.AskHigh?[i], b.AskHigh?[j])
        && Same(a.AskLow?[i], b.AskLow?[j]) && Same(a.AskClose?[i], b.AskClose?[j])
        && Same(a.Spread?[i], b.Spread?[j]);

    private static bool Same(double? x, double? y) => (x ?? double.NaN).Equals(y ?? double.NaN);

    public static TickSeries MergeTicks(TickSeries stored, TickSeries incoming, out WriteResult result)
    {
        if (incoming.Count == 0) { result = default; return stored; }
        var first = incoming.Time[0];
        var last = incoming.Time[^1];
        var a = LowerBound(stored.Time, first);
        var b = UpperBound(stored.Time, last);
        var replacedSpan = b - a;
        var same = replacedSpan == incoming.Count;
        for (var k = 0; same && k < incoming.Count; k++)
            same = stored.Time[a + k] == incoming.Time[k] && stored.Bid[a + k].Equals(incoming.Bid[k])
                && stored.Ask[a + k].Equals(incoming.Ask[k]) && stored.Volume[a + k] == incoming.Volume[k];
        if (same)
        {
            result = new WriteResult(0, 0, incoming.Count, 0);
            return stored;
        }
        // Rows in the replaced span: those the incoming batch still covers count as replaced, the rest as added.
        var overlap = Math.Min(replacedSpan, incoming.Count);
        result = new WriteResult(incoming.Count - overlap, overlap, 0, 0);
        var n = stored.Count - replacedSpan + incoming.Count;
        var time = new long[n]; var bid = new double[n]; var ask = new double[n]; var vol = new long[n];
        void Copy(TickSeries s, int from, int to, int at)
        {
            var len = to - from;
            Array.Copy(s.Time, from, time, at, len); Array.Copy(s.Bid, from, bid, at, len);
            Array.Copy(s.Ask, from, ask, at, len); Array.Copy(s.Volume, from, vol, at, len);
        }
        Copy(stored, 0, a, 0);
        Copy(incoming, 0, incoming.Count, a);
        Copy(stored, b, stored.Count, a + incoming.Count);
        return new TickSeries(stored.Symbol, time, bid, ask, vol);
    }

    public static int LowerBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    public static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
