using NodaTime;

namespace Platform3.Core.Time;

/// <summary>
/// UTC ↔ local conversion for one IANA zone from a precomputed table of offset intervals (1970–2100),
/// so hot loops over millions of bars do not call into NodaTime per bar. Thread-safe and allocation-free.
/// </summary>
public sealed class FastZone
{
    private static readonly Dictionary<string, FastZone> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    private readonly long[] _utcStarts;   // start of each interval, UTC ticks
    private readonly long[] _offsets;     // offset in ticks for each interval
    private readonly long[] _localStarts; // utcStart + offset

    public string Id { get; }
    public DateTimeZone Zone { get; }

    public static FastZone NewYork => For("America/New_York");
    public static FastZone Utc => For("UTC");

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
    }

    /// <summary>Offset from UTC, in ticks, in force at the UTC instant.</summary>
    public long OffsetTicksAtUtc(long utcTicks)
    {
        var i = Array.BinarySearch(_utcStarts, utcTicks);
        if (i < 0) i = ~i - 1;
        return _offsets[Math.Max(i, 0)];
    }

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

    private int LastIntervalStartingAtOrBefore(long localTicks)
    {
        var i = Array.BinarySearch(_localStarts, localTicks);
        if (i < 0) i = ~i - 1;
        return Math.Max(i, 0);
    }
}
