using NodaTime;

namespace Platform3.Core.Time;

/// <summary>
/// UTC ↔ local conversion for one IANA zone from a precomputed table of offset intervals (1970–2100),
/// so hot loops over millions of bars do not call into NodaTime per bar. Thread-safe and allocation-free.
/// Lookups go through a bucket index (the interval in force at the start of each ~10-day bucket, then a step over
/// the few changes inside the bucket) instead of a binary search over the whole table: the same answer, in O(1).
/// </summary>
public sealed class FastZone
{
    private static readonly Dictionary<string, FastZone> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    private readonly long[] _utcStarts;   // start of each interval, UTC ticks
    private readonly long[] _offsets;     // offset in ticks for each interval
    private readonly long[] _localStarts; // utcStart + offset
    private readonly BucketIndex _utcIndex, _localIndex;

    public string Id { get; }
    public DateTimeZone Zone { get; }

    // Kept once found: hot paths ask for these per bar or per hour, and For looks the zone up by name under a lock.
    private static FastZone? _newYork, _utc;
    public static FastZone NewYork => _newYork ??= For("America/New_York");
    public static FastZone Utc => _utc ??= For("UTC");

    public static FastZone For(string zoneId)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(zoneId, out var z)) return z;
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                ?? throw new Errors.UsageException($"Unknown time zone '{zoneId}'. Use an IANA id such as America/New_York, Europe/London or UTC.");
            z = new FastZone(zoneId, zone);
            Cache[zoneId] = z;
            return z;
        }
    }

    private FastZone(string id, DateTimeZone zone)
    {
        Id = id;
        Zone = zone;
        var start = Instant.FromUtc(1970, 1, 1, 0, 0);
        var end = Instant.FromUtc(2100, 1, 1, 0, 0);
        var intervals = zone.GetZoneIntervals(start, end).ToList();
        _utcStarts = new long[intervals.Count];
        _offsets = new long[intervals.Count];
        _localStarts = new long[intervals.Count];
        for (var i = 0; i < intervals.Count; i++)
        {
            var iv = intervals[i];
            _utcStarts[i] = i == 0 ? long.MinValue / 2 : iv.Start.ToDateTimeUtc().Ticks;
            _offsets[i] = iv.WallOffset.Ticks;
            _localStarts[i] = _utcStarts[i] + _offsets[i];
        }
        _utcIndex = new BucketIndex(_utcStarts, start.ToDateTimeUtc().Ticks, end.ToDateTimeUtc().Ticks);
        _localIndex = new BucketIndex(_localStarts, start.ToDateTimeUtc().Ticks, end.ToDateTimeUtc().Ticks);
    }

    /// <summary>Offset from UTC, in ticks, in force at the UTC instant.</summary>
    public long OffsetTicksAtUtc(long utcTicks) => _offsets[_utcIndex.LastAtOrBefore(_utcStarts, utcTicks)];

    public long UtcToLocalTicks(long utcTicks) => utcTicks + OffsetTicksAtUtc(utcTicks);

    public DateTime UtcToLocal(DateTime utc) => new(UtcToLocalTicks(utc.Ticks), DateTimeKind.Unspecified);

    /// <summary>
    /// Local wall time to UTC. In a repeated hour (autumn) the earlier instant is taken; a wall time in a
    /// skipped hour (spring) is read with the offset before the change, i.e. shifted forward by the gap.
    /// </summary>
    public long LocalToUtcTicks(long localTicks)
    {
        var i = LastIntervalStartingAtOrBefore(localTicks);
        // An ambiguous wall time lies in both interval i-1 (before the fall-back) and i; prefer the earlier.
        if (i > 0 && localTicks - _offsets[i - 1] < _utcStarts[i]) return localTicks - _offsets[i - 1];
        return localTicks - _offsets[i];
    }

    public DateTime LocalToUtc(DateTime local) => new(LocalToUtcTicks(local.Ticks), DateTimeKind.Utc);

    /// <summary>True when the wall time does not exist (spring-forward gap).</summary>
    public bool IsSkipped(long localTicks)
    {
        var i = LastIntervalStartingAtOrBefore(localTicks);
        return i + 1 < _utcStarts.Length && localTicks >= _utcStarts[i + 1] + _offsets[i];
    }

    /// <summary>True when the wall time occurs twice (fall-back overlap).</summary>
    public bool IsAmbiguous(long localTicks)
    {
        var i = LastIntervalStartingAtOrBefore(localTicks);
        return i > 0 && localTicks - _offsets[i - 1] < _utcStarts[i];
    }

    private int LastIntervalStartingAtOrBefore(long localTicks) => _localIndex.LastAtOrBefore(_localStarts, localTicks);

    /// <summary>The last index i with starts[i] ≤ x (0 when none), by binary search: the reference for the bucket index.</summary>
    internal static int SearchLastAtOrBefore(long[] starts, long x)
    {
        var i = Array.BinarySearch(starts, x);
        if (i < 0) i = ~i - 1;
        return Math.Max(i, 0);
    }

    /// <summary>
    /// For a sorted array of interval starts: per bucket of 2^43 ticks (about ten days) from <c>from</c> to <c>to</c>,
    /// the last interval starting at or before the bucket's start. A lookup starts there and steps over the interval
    /// starts inside the bucket (at most a couple; any number is handled), so it equals the binary search exactly.
    /// </summary>
    internal sealed class BucketIndex
    {
        private const int Shift = 43;
        private readonly long _from;
        private readonly int[] _first;

        public BucketIndex(long[] starts, long from, long to)
        {
            _from = from;
            _first = new int[(int)((to - from) >> Shift) + 1];
            for (var b = 0; b < _first.Length; b++) _first[b] = SearchLastAtOrBefore(starts, from + ((long)b << Shift));
        }

        public int LastAtOrBefore(long[] starts, long x)
        {
            var b = (x - _from) >> Shift;
            if ((ulong)b >= (ulong)_first.Length) return SearchLastAtOrBefore(starts, x);
            var i = _first[b];
            while (i + 1 < starts.Length && starts[i + 1] <= x) i++;
            return i;
        }
    }
}
