using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Platform3.Core.Time;

namespace Platform3.Core.Tests.Time;

public class FastZoneTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);
    private static DateTime Local(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);

    [Fact]
    public void New_york_is_utc_minus_5_in_winter_and_minus_4_in_summer()
    {
        var ny = FastZone.NewYork;
        Assert.Equal(Utc(2017, 1, 10, 22), ny.LocalToUtc(Local(2017, 1, 10, 17)));
        Assert.Equal(Utc(2017, 7, 10, 21), ny.LocalToUtc(Local(2017, 7, 10, 17)));
    }

    [Fact]
    public void Spring_forward_and_fall_back_edges()
    {
        var ny = FastZone.NewYork;
        // 2017-03-12 02:00 EST -> 03:00 EDT (07:00 UTC).
        Assert.Equal(Utc(2017, 3, 12, 6, 59), ny.LocalToUtc(Local(2017, 3, 12, 1, 59)));
        Assert.Equal(Utc(2017, 3, 12, 7, 0), ny.LocalToUtc(Local(2017, 3, 12, 3, 0)));
        Assert.True(ny.IsSkipped(Local(2017, 3, 12, 2, 30).Ticks));
        Assert.Equal(Utc(2017, 3, 12, 7, 30), ny.LocalToUtc(Local(2017, 3, 12, 2, 30))); // shifted forward
        // 2017-11-05 02:00 EDT -> 01:00 EST: 01:30 happens twice; the earlier (EDT) is taken.
        Assert.True(ny.IsAmbiguous(Local(2017, 11, 5, 1, 30).Ticks));
        Assert.Equal(Utc(2017, 11, 5, 5, 30), ny.LocalToUtc(Local(2017, 11, 5, 1, 30)));
        Assert.Equal(Utc(2017, 11, 5, 7, 0), ny.LocalToUtc(Local(2017, 11, 5, 2, 0)));
        Assert.False(ny.IsAmbiguous(Local(2017, 11, 5, 2, 0).Ticks));
    }

    [Property(MaxTest = 500)]
    public Property Matches_NodaTime_for_any_instant(int minutesSince2000)
    {
        var utc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(Math.Abs((long)minutesSince2000) % (60L * 24 * 365 * 40));
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var expected = Instant.FromDateTimeUtc(utc).InZone(zone).LocalDateTime.ToDateTimeUnspecified();
        var actual = FastZone.NewYork.UtcToLocal(utc);
        var back = FastZone.NewYork.LocalToUtc(actual);
        // Round trip holds except for the second pass through a repeated hour, which maps to the first.
        var roundTrips = back == utc || FastZone.NewYork.IsAmbiguous(actual.Ticks);
        return (expected == actual && roundTrips).ToProperty();
    }

    [Property(MaxTest = 2000)]
    public Property Bucket_index_lookups_equal_the_binary_search(long seed) =>
        // Instants from 1960 to 2110 (inside and outside the table, on and around each change), in zones with and
        // without DST: UTC→local and local→UTC through the bucket index answer exactly as the binary search did.
        Prop.ForAll(Arb.From(Gen.Elements("America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "UTC", "Africa/Casablanca")),
            zoneId =>
            {
                var zone = FastZone.For(zoneId);
                var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
                var lo = new DateTime(1960, 1, 1).Ticks;
                var hi = new DateTime(2110, 1, 1).Ticks;
                var tz = DateTimeZoneProviders.Tzdb[zoneId];
                var changes = tz.GetZoneIntervals(Instant.FromUtc(1970, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0))
                    .Where(iv => iv.HasStart).Select(iv => iv.Start.ToDateTimeUtc().Ticks).ToArray();
                for (var k = 0; k < 50; k++)
                {
                    long t = k % 2 == 0 || changes.Length == 0
                        ? lo + (long)(rng.NextDouble() * (hi - lo))
                        : changes[rng.Next(changes.Length)] + rng.Next(-3, 4) * TimeSpan.TicksPerHour + rng.Next(-1, 2);
                    var expectedOffset = tz.GetUtcOffset(Instant.FromDateTimeUtc(new DateTime(Math.Clamp(t, new DateTime(1971, 1, 1).Ticks, new DateTime(2099, 1, 1).Ticks), DateTimeKind.Utc))).Ticks;
                    if (t >= new DateTime(1971, 1, 1).Ticks && t < new DateTime(2099, 1, 1).Ticks && zone.OffsetTicksAtUtc(t) != expectedOffset) return false;
                    if (zone.UtcToLocalTicks(t) != t + SearchOffset(zone, t)) return false;
                    if (zone.LocalToUtcTicks(t) != ReferenceLocalToUtc(zone, t)) return false;
                }
                return true;
            });

    private static long[] Field(FastZone zone, string name) =>
        (long[])typeof(FastZone).GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(zone)!;

    private static long SearchOffset(FastZone zone, long utc) => Field(zone, "_offsets")[FastZone.SearchLastAtOrBefore(Field(zone, "_utcStarts"), utc)];

    /// <summary>LocalToUtcTicks as it was written over the binary search.</summary>
    private static long ReferenceLocalToUtc(FastZone zone, long local)
    {
        var offsets = Field(zone, "_offsets");
        var utcStarts = Field(zone, "_utcStarts");
        var i = FastZone.SearchLastAtOrBefore(Field(zone, "_localStarts"), local);
        if (i > 0 && local - offsets[i - 1] < utcStarts[i]) return local - offsets[i - 1];
        return local - offsets[i];
    }
}
