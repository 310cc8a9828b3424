using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Import;

/// <summary>Import-time checks. Rows failing them go to quarantine; rows that are only suspicious stay and show up in the quality report.</summary>
public sealed record ValidationOptions
{
    /// <summary>
    /// A bar whose prices sit more than this log-distance (0.10 ≈ 10%) from both the previous bar's close and
    /// the following bars' closes, while those neighbours agree with each other, is a bad tick, not a market
    /// move: a real jump (a crash, the SNB de-peg) stays at its new level.
    /// </summary>
    public double IsolatedSpikeThreshold { get; init; } = 0.10;
}

/// <summary>
/// Turns parsed rows into a clean, sorted, duplicate-free series. Rejected (quarantined): non-positive or
/// non-finite prices, OHLC that contradict themselves, times off the timeframe's grid, repeated timestamps
/// (the later row), and isolated spikes. Rows out of order are sorted, and counted.
/// </summary>
internal static class BarValidator
{
    /// <summary>The clean series, plus the source line and file of each kept bar (for later messages).</summary>
    public sealed record Outcome(BarSeries Series, long Reordered, long Duplicates, long Crossed, long[] Lines, int[] FileIndex);

    public static Outcome Validate(BarRows rows, string symbol, Timeframe timeframe, FxCalendar calendar, ValidationOptions options, Quarantine quarantine)
    {
        var n = rows.Count;
        var quarantineBefore = quarantine.Count;
        var ok = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var reason = RowProblem(rows, i, timeframe, calendar);
            if (reason is null) ok[i] = true;
            else quarantine.AddPending(rows.Files[rows.FileIndex[i]], rows.Line[i], reason);
        }

        // Order by time (stable, so the first occurrence of a timestamp in file order comes first).
        var order = new int[n - quarantine.Count + quarantineBefore];
        for (int i = 0, j = 0; i < n; i++) if (ok[i]) order[j++] = i;
        long reordered = 0;
        var max = long.MinValue;
        foreach (var i in order)
        {
            if (rows.Time[i] < max) reordered++;
            else max = rows.Time[i];
        }
        if (reordered > 0)
        {
            var keys = order.Select(i => rows.Time[i]).ToArray();
            var idx = order;
            order = idx.Zip(keys).OrderBy(p => p.Second).Select(p => p.First).ToArray(); // LINQ OrderBy is stable
        }

        long duplicates = 0;
        var kept = new List<int>(order.Length);
        foreach (var i in order)
        {
            if (kept.Count > 0 && rows.Time[kept[^1]] == rows.Time[i])
            {
                var first = kept[^1];
                var sameFile = rows.FileIndex[first] == rows.FileIndex[i];
                var where = (sameFile ? "line " : Path.GetFileName(rows.Files[rows.FileIndex[first]]) + " line ") + rows.Line[first];
                quarantine.AddPending(rows.Files[rows.FileIndex[i]], rows.Line[i], $"duplicate timestamp: {Utc(rows.Time[i])} already given at {where}");
                duplicates++;
                continue;
            }
            kept.Add(i);
        }

        var final = RemoveIsolatedSpikes(rows, kept, options.IsolatedSpikeThreshold, quarantine);
        var m = final.Count;
        var time = new long[m]; var vol = new long[m]; var lines = new long[m]; var files = new int[m];
        double[] o = new double[m], h = new double[m], l = new double[m], c = new double[m];
        double[]? ao = rows.AnyAsk ? new double[m] : null, ah = rows.AnyAsk ? new double[m] : null,
            al = rows.AnyAsk ? new double[m] : null, ac = rows.AnyAsk ? new double[m] : null;
        var spread = rows.AnySpread && !rows.AnyAsk ? new double[m] : null;
        long crossed = 0;
        for (var k = 0; k < m; k++)
        {
            var i = final[k];
            time[k] = rows.Time[i]; o[k] = rows.O[i]; h[k] = rows.H[i]; l[k] = rows.L[i]; c[k] = rows.C[i]; vol[k] = rows.Volume[i];
            lines[k] = rows.Line[i]; files[k] = rows.FileIndex[i];
            if (ac is not null)
            {
                ao![k] = rows.AO![i]; ah![k] = rows.AH![i]; al![k] = rows.AL![i]; ac[k] = rows.AC![i];
                if (ac[k] < c[k]) crossed++;
            }
            if (spread is not null) spread[k] = rows.Spread![i];
        }
        var s = new BarSeries(symbol, timeframe, time, o, h, l, c, vol, ao, ah, al, ac, spread);
        return new Outcome(s, reordered, duplicates, crossed, lines, files);
    }

    private static string? RowProblem(BarRows r, int i, Timeframe tf, FxCalendar calendar)
    {
        var bid = PriceProblem("", r.O[i], r.H[i], r.L[i], r.C[i]);
        if (bid is not null) return bid;
        if (r.AC is not null)
        {
            if (double.IsNaN(r.AO![i]) && double.IsNaN(r.AH![i]) && double.IsNaN(r.AL![i]) && double.IsNaN(r.AC[i])) { }
            else if (PriceProblem("ask ", r.AO[i], r.AH![i], r.AL![i], r.AC[i]) is { } ask) return ask;
        }
        if (r.Spread is not null && !double.IsNaN(r.Spread[i]) && !(r.Spread[i] >= 0)) return $"negative spread: {F(r.Spread[i])}";
        if (calendar.BarOpenUtcTicks(tf, r.Time[i]) != r.Time[i])
            return $"off-grid time: {Utc(r.Time[i])} is not the open time of a {tf} bar (UTC {tf} bars" +
                (tf.DurationTicks > TimeSpan.TicksPerHour ? " open at 17:00 New York; import finer bars and resample)" : " start on whole periods)");
        return null;
    }

    private static string? PriceProblem(string side, double o, double h, double l, double c)
    {
        if (!(o > 0 && h > 0 && l > 0 && c > 0) || !double.IsFinite(o + h + l + c))
        {
            var (name, v) = !(o > 0) || !double.IsFinite(o) ? ("open", o) : !(h > 0) || !double.IsFinite(h) ? ("high", h)
                : !(l > 0) || !double.IsFinite(l) ? ("low", l) : ("close", c);
            return $"non-positive price: {side}{name} {F(v)}";
        }
        if (h < Math.Max(o, c)) return $"OHLC inconsistent: {side}high {F(h)} below max(open, close) {F(Math.Max(o, c))}";
        if (l > Math.Min(o, c)) return $"OHLC inconsistent: {side}low {F(l)} above min(open, close) {F(Math.Min(o, c))}";
        return null;
    }

    private static List<int> RemoveIsolatedSpikes(BarRows r, List<int> kept, double threshold, Quarantine quarantine)
    {
        var result = new List<int>(kept.Count);
        double upper = Math.Exp(threshold), lower = Math.Exp(-threshold);
        for (var k = 0; k < kept.Count; k++)
        {
            var i = kept[k];
            var prev = result.Count > 0 ? r.C[result[^1]] : double.NaN;
            // Fast path for nearly every row: all prices within the threshold of the previous close.
            if (!double.IsNaN(prev) && r.H[i] <= prev * upper && r.L[i] >= prev * lower) { result.Add(i); continue; }
            var next = MedianClose(r, kept, k + 1, 3, out var nextAgree, threshold / 2);
            if (double.IsNaN(prev) && double.IsNaN(next)) { result.Add(i); continue; }
            // Neighbours must agree with each other, otherwise this may be the start of a genuine move.
            if (!double.IsNaN(prev) && !double.IsNaN(next) && Math.Abs(Math.Log(next / prev)) > threshold / 2) { result.Add(i); continue; }
            if (double.IsNaN(prev) && !nextAgree) { result.Add(i); continue; }
            var devPrev = double.IsNaN(prev) ? double.PositiveInfinity : MaxDeviation(r, i, prev);
            var devNext = double.IsNaN(next) ? double.PositiveInfinity : MaxDeviation(r, i, next);
            var dev = Math.Min(devPrev, devNext);
            // With a neighbour on one side only (first or last row) a jump cannot be told from a bad tick
            // as surely, so only a far larger distance counts.
            var limit = double.IsNaN(prev) || double.IsNaN(next) ? 3 * threshold : threshold;
            if (dev > limit)
            {
                var reference = double.IsNaN(prev) ? next : prev;
                quarantine.AddPending(r.Files[r.FileIndex[i]], r.Line[i],
                    $"isolated spike: prices up to {F(Extreme(r, i, reference))} against neighbouring closes {F(prev)} / {F(next)} " +
                    $"({Math.Exp(dev) - 1:P0} away from both)");
                continue;
            }
            result.Add(i);
        }
        return result;
    }

    private static double MedianClose(BarRows r, List<int> kept, int from, int count, out bool agree, double tolerance)
    {
        Span<double> v = stackalloc double[count];
        var n = 0;
        for (var k = from; k < kept.Count && n < count; k++) v[n++] = r.C[kept[k]];
        agree = false;
        if (n == 0) return double.NaN;
        v = v[..n];
        v.Sort();
        agree = Math.Log(v[^1] / v[0]) <= tolerance;
        return v[n / 2];
    }

    private static double MaxDeviation(BarRows r, int i, double reference) =>
        Math.Max(Math.Max(Math.Abs(Math.Log(r.O[i] / reference)), Math.Abs(Math.Log(r.H[i] / reference))),
            Math.Max(Math.Abs(Math.Log(r.L[i] / reference)), Math.Abs(Math.Log(r.C[i] / reference))));

    private static double Extreme(BarRows r, int i, double reference) =>
        Math.Abs(Math.Log(r.H[i] / reference)) >= Math.Abs(Math.Log(r.L[i] / reference)) ? r.H[i] : r.L[i];

    private static string F(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);

    private static string Utc(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>Tick checks: positive finite prices (rejected otherwise); order restored by a stable sort; crossed quotes counted, kept.</summary>
internal static class TickValidator
{
    public sealed record Outcome(TickSeries Series, long Reordered, long Crossed);

    public static Outcome Validate(TickRows rows, string symbol, Quarantine quarantine)
    {
        var keep = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            double b = rows.Bid[i], a = rows.Ask[i];
            if (!(b > 0) || !(a > 0) || !double.IsFinite(a + b))
            {
                quarantine.AddPending(rows.Files[rows.FileIndex[i]], rows.Line[i],
                    $"non-positive price: bid {b.ToString(CultureInfo.InvariantCulture)}, ask {a.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }
            keep.Add(i);
        }
        long reordered = 0;
        var max = long.MinValue;
        foreach (var i in keep)
        {
            if (rows.Time[i] < max) reordered++;
            else max = rows.Time[i];
        }
        var order = reordered > 0 ? keep.OrderBy(i => rows.Time[i]).ToList() : keep;
        long crossed = 0;
        var time = new long[order.Count]; var bid = new double[order.Count]; var ask = new double[order.Count]; var vol = new long[order.Count];
        for (var k = 0; k < order.Count; k++)
        {
            var i = order[k];
            time[k] = rows.Time[i]; bid[k] = rows.Bid[i]; ask[k] = rows.Ask[i]; vol[k] = rows.Volume[i];
            if (ask[k] < bid[k]) crossed++;
        }
        return new Outcome(new TickSeries(symbol, time, bid, ask, vol), reordered, crossed);
    }
}
