using System.Globalization;
using Platform3.Core.Errors;
using Platform3.Core.Time;

namespace Platform3.MarketData.Import;

/// <summary>
/// The clock a source file's timestamps are written in, converted to UTC per row without allocation.
/// Accepts an IANA zone id (America/New_York, Europe/London), "UTC", a fixed offset ("UTC+2", "+02:00",
/// "UTC-05:00"), or "ny+7" / "nyclose": New York time shifted by 7 hours, the "GMT+2/+3" clock most
/// MetaTrader servers use so that the day ends at 17:00 New York.
/// </summary>
public sealed class TimeZoneSpec
{
    private static readonly long SevenHours = TimeSpan.FromHours(7).Ticks;
    private readonly FastZone? _zone;
    private readonly long _fixedOffset;
    private readonly long _shift;

    public string Name { get; }

    private TimeZoneSpec(string name, FastZone? zone, long fixedOffset, long shift)
    {
        Name = name; _zone = zone; _fixedOffset = fixedOffset; _shift = shift;
    }

    public static TimeZoneSpec Utc => new("UTC", null, 0, 0);
    public static TimeZoneSpec NewYork => new("America/New_York", FastZone.NewYork, 0, 0);

    // Offset changes happen on quarter-hour wall times (in every zone since 1970), so the answer for one local
    // quarter hour holds for all of it: rows in time order then skip the zone lookup. Not thread-safe; one spec per import.
    private const long Quarter = 15 * TimeSpan.TicksPerMinute;
    private long _cachedQuarter = long.MinValue, _cachedDelta;

    public long ToUtcTicks(long localTicks)
    {
        if (_zone is null) return localTicks - _fixedOffset;
        var q = localTicks / Quarter;
        if (q != _cachedQuarter)
        {
            var start = q * Quarter;
            _cachedDelta = _zone.LocalToUtcTicks(start - _shift) - start;
            _cachedQuarter = q;
        }
        return localTicks + _cachedDelta;
    }

    public static TimeZoneSpec Parse(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) throw new UsageException("Empty time zone. Use an IANA id (America/New_York), UTC, UTC+2 or nyclose.");
        if (t.Equals("UTC", StringComparison.OrdinalIgnoreCase) || t.Equals("GMT", StringComparison.OrdinalIgnoreCase) || t == "Z") return Utc;
        if (t.Equals("nyclose", StringComparison.OrdinalIgnoreCase) || t.Equals("ny+7", StringComparison.OrdinalIgnoreCase))
            return new TimeZoneSpec("nyclose (New York + 7h)", FastZone.NewYork, 0, SevenHours);
        var rest = t.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || t.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) ? t[3..] : t;
        if (rest.Length > 0 && (rest[0] == '+' || rest[0] == '-'))
        {
            var sign = rest[0] == '-' ? -1 : 1;
            var parts = rest[1..].Split(':');
            if (parts.Length <= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hh)
                && (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                var mm = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
                if (parts.Length == 1 && parts[0].Length == 4) { mm = hh % 100; hh /= 100; }
                if (hh <= 14 && mm < 60)
                    return new TimeZoneSpec(t.ToUpperInvariant(), null, sign * (hh * TimeSpan.TicksPerHour + mm * TimeSpan.TicksPerMinute), 0);
            }
            throw new UsageException($"Bad time zone offset '{text}'. Use UTC+2, UTC-05:00 or +0200.");
        }
        return new TimeZoneSpec(t, FastZone.For(t), 0, 0);
    }

    public override string ToString() => Name;
}
