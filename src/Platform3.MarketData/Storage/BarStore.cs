using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Storage;

/// <summary>
/// The embedded store: bars per symbol/timeframe/UTC year and ticks per symbol/UTC month, each partition a
/// checksummed columnar file (see <see cref="PartitionFormat"/>; docs/architecture.md says why not Parquet).
/// Writes merge with what is stored and replace partitions atomically; loads return exact-length arrays.
/// Safe for concurrent readers; writers to one series are serialised by a lock file.
/// </summary>
public sealed class BarStore
{
    public StoreLayout Layout { get; }
    public string DataDir => Layout.Root;

    private BarStore(string dataDir) => Layout = new StoreLayout(dataDir);

    public static BarStore Open(string dataDir) => new(dataDir);

    // ---------------------------------------------------------------- bars

    /// <summary>Bars with open time in [fromUtc, toUtc); an empty series when nothing is stored.</summary>
    public BarSeries LoadBars(string symbol, Timeframe timeframe, DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        if (timeframe.IsTick) throw new UsageException("Ticks are not bars: use LoadTicks (or resample ticks to M1 first).");
        symbol = StoreLayout.CheckSymbol(symbol);
        var from = fromUtc?.Ticks ?? long.MinValue;
        var to = toUtc?.Ticks ?? long.MaxValue;
        var files = Layout.Partitions(symbol, timeframe)
            .Where(f => Overlaps(StoreLayout.YearOf(f), from, to)).ToList();
        if (files.Count == 0) return BarSeries.Empty(symbol, timeframe);

        var views = new List<PartitionView>(files.Count);
        try
        {
            var ranges = new (int Start, int End)[files.Count];
            long[]? times = null;
            var total = 0;
            var hasAsk = false;
            var hasSpread = false;
            for (var p = 0; p < files.Count; p++)
            {
                var view = PartitionFormat.Open(files[p]);
                views.Add(view);
                if (view.Header.Kind != PartitionKind.Bars || view.Header.Timeframe != timeframe)
                    throw PartitionFormat.Corrupt(view.Path, $"holds {view.Header.Kind} {view.Header.Timeframe}, expected {timeframe} bars");
                ranges[p] = RowRange(view, from, to);
                total += ranges[p].End - ranges[p].Start;
                hasAsk |= view.Has(ColumnId.AskClose);
                hasSpread |= view.Has(ColumnId.Spread);
            }
            // Every element is written below, so skip the zeroing of fresh arrays (tens of MB for a year).
            times = GC.AllocateUninitializedArray<long>(total);
            double[] o = Doubles(total), h = Doubles(total), l = Doubles(total), c = Doubles(total);
            var v = GC.AllocateUninitializedArray<long>(total);
            double[]? ao = hasAsk ? Doubles(total) : null, ah = hasAsk ? Doubles(total) : null,
                al = hasAsk ? Doubles(total) : null, ac = hasAsk ? Doubles(total) : null;
            var sp = hasSpread ? Doubles(total) : null;
            var at = 0;
            for (var p = 0; p < views.Count; p++)
            {
                var view = views[p];
                var (s, e) = ranges[p];
                var n = e - s;
                if (n == 0) continue;
                view.ReadLongs(ColumnId.Time, s, times.AsSpan(at, n));
                view.ReadDoubles(ColumnId.Open, s, o.AsSpan(at, n));
                view.ReadDoubles(ColumnId.High, s, h.AsSpan(at, n));
                view.ReadDoubles(ColumnId.Low, s, l.AsSpan(at, n));
                view.ReadDoubles(ColumnId.Close, s, c.AsSpan(at, n));
                view.ReadLongs(ColumnId.Volume, s, v.AsSpan(at, n));
                ReadOptional(view, ColumnId.AskOpen, s, ao, at, n);
                ReadOptional(view, ColumnId.AskHigh, s, ah, at, n);
                ReadOptional(view, ColumnId.AskLow, s, al, at, n);
                ReadOptional(view, ColumnId.AskClose, s, ac, at, n);
                ReadOptional(view, ColumnId.Spread, s, sp, at, n);
                at += n;
            }
            return new BarSeries(symbol, timeframe, times, o, h, l, c, v, ao, ah, al, ac, sp);
        }
        finally
        {
            foreach (var view in views) view.Dispose();
        }
    }

    private static double[] Doubles(int n) => GC.AllocateUninitializedArray<double>(n);

    private static void ReadOptional(PartitionView view, ColumnId id, int start, double[]? dst, int at, int n)
    {
        if (dst is null) return;
        if (view.Has(id)) view.ReadDoubles(id, start, dst.AsSpan(at, n));
        else dst.AsSpan(at, n).Fill(double.NaN);
    }

    /// <summary>The rows of a partition with time in [from, to), found by binary search on the time column.</summary>
    private static (int Start, int End) RowRange(PartitionView view, long from, long to)
    {
        var h = view.Header;
        if (h.Count == 0 || h.FirstTime >= to || h.LastTime < from) return (0, 0);
        if (h.FirstTime >= from && h.LastTime < to) return (0, h.Count);
        return (h.FirstTime >= from ? 0 : Lower(view, from), h.LastTime < to ? h.Count : Lower(view, to));
    }

    private static int Lower(PartitionView view, long value)
    {
        Span<long> one = stackalloc long[1];
        int lo = 0, hi = view.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            view.ReadLongs(ColumnId.Time, mid, one);
            if (one[0] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static bool Overlaps(int year, long from, long to)
    {
        var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var end = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddYears(1).Ticks;
        return start < to && end > from;
    }

    /// <summary>
    /// Merges the bars into the store (new open times are added, equal open times take the new values) and
    /// rewrites each touched year partition atomically. Unchanged partitions are not rewritten.
    /// </summary>
    public WriteResult WriteBars(BarSeries bars)
    {
        if (bars.Timeframe.IsTick) throw new ArgumentException("Use WriteTicks for ticks.", nameof(bars));
        var symbol = StoreLayout.CheckSymbol(bars.Symbol);
        if (bars.Count == 0) return default;
        using var _ = SeriesLock.Acquire(Layout.SeriesDir(symbol, bars.Timeframe));
        AtomicFile.CleanStaleTemps(Layout.SeriesDir(symbol, bars.Timeframe));
        var total = default(WriteResult);
        var start = 0;
        while (start < bars.Count)
        {
            var year = bars.TimeAt(start).Year;
            var end = bars.LowerBound(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks);
            var slice = start == 0 && end == bars.Count ? bars : bars.Range(start, end);
            var path = Layout.BarPartition(symbol, bars.Timeframe, year);
            var stored = File.Exists(path) ? LoadPartition(path, symbol, bars.Timeframe) : BarSeries.Empty(symbol, bars.Timeframe);
            var merged = SeriesMerge.MergeBars(stored, Renamed(slice, symbol), out var result);
            if (result.Added + result.Replaced > 0)
            {
                AtomicFile.Write(path, EncodeBars(merged));
                result = result with { PartitionsWritten = 1 };
            }
            total += result;
            start = end;
        }
        return total;
    }

    private static BarSeries Renamed(BarSeries s, string symbol) =>
        s.Symbol == symbol ? s : new BarSeries(symbol, s.Timeframe, s.Time, s.Open, s.High, s.Low, s.Close, s.Volume,
            s.AskOpen, s.AskHigh, s.AskLow, s.AskClose, s.Spread);

    private BarSeries LoadPartition(string path, string symbol, Timeframe tf)
    {
        var year = StoreLayout.YearOf(path);
        return LoadBars(symbol, tf, new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    internal static byte[] EncodeBars(BarSeries s)
    {
        var cols = new List<ColumnData>
        {
            ColumnData.Of(ColumnId.Time, s.Time), ColumnData.Of(ColumnId.Open, s.Open), ColumnData.Of(ColumnId.High, s.High),
            ColumnData.Of(ColumnId.Low, s.Low), ColumnData.Of(ColumnId.Close, s.Close), ColumnData.Of(ColumnId.Volume, s.Volume),
        };
        if (s.HasAsk)
        {
            cols.Add(ColumnData.Of(ColumnId.AskOpen, s.AskOpen!)); cols.Add(ColumnData.Of(ColumnId.AskHigh, s.AskHigh!));
            cols.Add(ColumnData.Of(ColumnId.AskLow, s.AskLow!)); cols.Add(ColumnData.Of(ColumnId.AskClose, s.AskClose!));
        }
        if (s.Spread is not null) cols.Add(ColumnData.Of(ColumnId.Spread, s.Spread));
        return PartitionFormat.Encode(PartitionKind.Bars, s.Timeframe, s.Count, cols,
            s.Count == 0 ? 0 : s.Time[0], s.Count == 0 ? 0 : s.Time[^1]);
    }

    /// <summary>Deletes every stored partition of a series (used to rebuild derived timeframes).</summary>
    public void Delete(string symbol, Timeframe timeframe)
    {
        var dir = Layout.SeriesDir(symbol, timeframe);
        using var _ = SeriesLock.Acquire(dir);
        foreach (var f in Layout.Partitions(symbol, timeframe)) File.Delete(f);
    }

    // ---------------------------------------------------------------- ticks

    /// <summary>Ticks with time in [fromUtc, toUtc); empty when nothing is stored.</summary>
    public TickSeries LoadTicks(string symbol, DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        symbol = StoreLayout.CheckSymbol(symbol);
        var from = fromUtc?.Ticks ?? long.MinValue;
        var to = toUtc?.Ticks ?? long.MaxValue;
        var views = new List<PartitionView>();
        try
        {
            var ranges = new List<(int, int)>();
            var total = 0;
            foreach (var f in Layout.Partitions(symbol, Timeframe.Tick))
            {
                var name = Path.GetFileNameWithoutExtension(f);
                var monthStart = new DateTime(int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(name[5..7], System.Globalization.CultureInfo.InvariantCulture), 1, 0, 0, 0, DateTimeKind.Utc);
                if (monthStart.Ticks >= to || monthStart.AddMonths(1).Ticks <= from) continue;
                var view = PartitionFormat.Open(f);
                views.Add(view);
                if (view.Header.Kind != PartitionKind.Ticks) throw PartitionFormat.Corrupt(f, "does not hold ticks");
                var r = RowRange(view, from, to);
                ranges.Add(r);
                total += r.Item2 - r.Item1;
            }
            var time = new long[total]; var bid = new double[total]; var ask = new double[total]; var vol = new long[total];
            var at = 0;
            for (var p = 0; p < views.Count; p++)
            {
                var (s, e) = ranges[p];
                var n = e - s;
                views[p].ReadLongs(ColumnId.Time, s, time.AsSpan(at, n));
                views[p].ReadDoubles(ColumnId.Bid, s, bid.AsSpan(at, n));
                views[p].ReadDoubles(ColumnId.Ask, s, ask.AsSpan(at, n));
                views[p].ReadLongs(ColumnId.Volume, s, vol.AsSpan(at, n));
                at += n;
            }
            return new TickSeries(symbol, time, bid, ask, vol);
        }
        finally
        {
            foreach (var v in views) v.Dispose();
        }
    }

    /// <summary>Merges ticks: inside each month, the incoming batch replaces stored ticks within its own time span.</summary>
    public WriteResult WriteTicks(TickSeries ticks)
    {
        var symbol = StoreLayout.CheckSymbol(ticks.Symbol);
        if (ticks.Count == 0) return default;
        var dir = Layout.SeriesDir(symbol, Timeframe.Tick);
        using var _ = SeriesLock.Acquire(dir);
        AtomicFile.CleanStaleTemps(dir);
        var total = default(WriteResult);
        var start = 0;
        while (start < ticks.Count)
        {
            var t = new DateTime(ticks.Time[start], DateTimeKind.Utc);
            var monthStart = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = SeriesMerge.LowerBound(ticks.Time, monthStart.AddMonths(1).Ticks);
            var slice = new TickSeries(symbol, ticks.Time[start..end], ticks.Bid[start..end], ticks.Ask[start..end], ticks.Volume[start..end]);
            var path = Layout.TickPartition(symbol, t.Year, t.Month);
            var stored = File.Exists(path) ? LoadTicks(symbol, monthStart, monthStart.AddMonths(1)) : new TickSeries(symbol, [], [], [], []);
            var merged = SeriesMerge.MergeTicks(stored, slice, out var result);
            if (result.Added + result.Replaced > 0)
            {
                var cols = new List<ColumnData>
                {
                    ColumnData.Of(ColumnId.Time, merged.Time), ColumnData.Of(ColumnId.Bid, merged.Bid),
                    ColumnData.Of(ColumnId.Ask, merged.Ask), ColumnData.Of(ColumnId.Volume, merged.Volume),
                };
                AtomicFile.Write(path, PartitionFormat.Encode(PartitionKind.Ticks, Timeframe.Tick, merged.Count, cols,
                    merged.Time[0], merged.Time[^1]));
                result = result with { PartitionsWritten = 1 };
            }
            total += result;
            start = end;
        }
        return total;
    }

    // ---------------------------------------------------------------- listing

    /// <summary>Every stored series (bars and ticks), by symbol then timeframe; reads only partition headers.</summary>
    public IReadOnlyList<SeriesInfo> List()
    {
        var result = new List<SeriesInfo>();
        if (Directory.Exists(Layout.BarsRoot))
            foreach (var symDir in Directory.GetDirectories(Layout.BarsRoot).Order(StringComparer.Ordinal))
                foreach (var tfDir in Directory.GetDirectories(symDir))
                    if (Timeframe.TryParse(Path.GetFileName(tfDir), out var tf) && Info(Path.GetFileName(symDir), tf) is { } info)
                        result.Add(info);
        if (Directory.Exists(Layout.TicksRoot))
            foreach (var symDir in Directory.GetDirectories(Layout.TicksRoot).Order(StringComparer.Ordinal))
                if (Info(Path.GetFileName(symDir), Timeframe.Tick) is { } info) result.Add(info);
        return result.OrderBy(i => i.Symbol, StringComparer.Ordinal).ThenBy(i => i.Timeframe).ToList();
    }

    /// <summary>Partitions, counts and range of one series; null when nothing is stored.</summary>
    public SeriesInfo? Info(string symbol, Timeframe timeframe)
    {
        symbol = StoreLayout.CheckSymbol(symbol);
        var parts = new List<PartitionInfo>();
        foreach (var f in Layout.Partitions(symbol, timeframe))
        {
            var h = PartitionFormat.ReadHeader(f);
            if (h.Count == 0) continue;
            parts.Add(new PartitionInfo(f, h.Count, new DateTime(h.FirstTime, DateTimeKind.Utc), new DateTime(h.LastTime, DateTimeKind.Utc),
                new FileInfo(f).Length));
        }
        return parts.Count == 0 ? null : new SeriesInfo(symbol, timeframe, parts);
    }

    /// <summary>Symbols with at least one stored series.</summary>
    public IReadOnlyList<string> Symbols() => List().Select(i => i.Symbol).Distinct().ToList();
}
