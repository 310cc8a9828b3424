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
}
