using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Core.Tests.Calendar;

public class FxCalendarTests
{
    private static readonly FxCalendar Cal = FxCalendar.Default;
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Trading_day_closes_at_17_new_york_in_winter_and_summer()
    {
        // Winter: 17:00 NY = 22:00 UTC.
        Assert.Equal(new DateOnly(2017, 1, 10), Cal.TradingDayOf(Utc(2017, 1, 10, 21, 59)));
        Assert.Equal(new DateOnly(2017, 1, 11), Cal.TradingDayOf(Utc(2017, 1, 10, 22, 0)));
        // Summer: 17:00 NY = 21:00 UTC.
        Assert.Equal(new DateOnly(2017, 7, 11), Cal.TradingDayOf(Utc(2017, 7, 10, 21, 0)));
        Assert.Equal(Utc(2017, 7, 10, 21, 0), Cal.TradingDayStartUtc(new DateOnly(2017, 7, 11)));
        Assert.Equal(Utc(2017, 7, 11, 21, 0), Cal.TradingDayEndUtc(new DateOnly(2017, 7, 11)));
    }

    [Fact]
    public void Week_runs_sunday_17_to_friday_17_new_york()
    {
        Assert.False(Cal.IsOpen(Utc(2017, 1, 8, 21, 59))); // Sunday 16:59 EST
        Assert.True(Cal.IsOpen(Utc(2017, 1, 8, 22, 0)));   // Sunday 17:00 EST
        Assert.True(Cal.IsOpen(Utc(2017, 1, 13, 21, 59))); // Friday 16:59 EST
        Assert.False(Cal.IsOpen(Utc(2017, 1, 13, 22, 0))); // Friday 17:00 EST
        Assert.False(Cal.IsOpen(Utc(2017, 7, 15, 12, 0))); // Saturday
        Assert.True(Cal.IsOpen(Utc(2017, 7, 9, 21, 0)));   // Sunday 17:00 EDT
    }

    [Fact]
    public void Configured_holidays_close_the_market()
    {
        Assert.False(Cal.IsOpen(Utc(2017, 12, 25, 12, 0)));
        Assert.True(Cal.IsOpen(Utc(2017, 12, 26, 12, 0)));
        Assert.Equal("Christmas Day", Cal.Holidays.NameOf(new DateOnly(2017, 12, 25)));
        var custom = new HolidayCalendar();
        custom.AddDate(new DateOnly(2017, 7, 4), "test");
        Assert.False(new FxCalendar(custom).IsOpen(Utc(2017, 7, 4, 12, 0)));
    }

    [Fact]
    public void Daily_and_weekly_bars_open_at_17_new_york()
    {
        Assert.Equal(Utc(2017, 3, 14, 21, 0), Cal.BarOpenUtc(Timeframe.D1, Utc(2017, 3, 15, 9, 0)));  // EDT
        Assert.Equal(Utc(2017, 1, 9, 22, 0), Cal.BarOpenUtc(Timeframe.D1, Utc(2017, 1, 10, 9, 0)));   // EST
        Assert.Equal(Utc(2017, 1, 8, 22, 0), Cal.BarOpenUtc(Timeframe.W1, Utc(2017, 1, 12, 9, 0)));   // Sunday 17:00 EST
        Assert.Equal(Utc(2017, 1, 13, 22, 0), new DateTime(Cal.BarCloseUtcTicks(Timeframe.W1, Utc(2017, 1, 8, 22, 0).Ticks), DateTimeKind.Utc));
        // The D1 bar spanning the March DST switch: opens Sunday 17:00 EST, closes Monday 17:00 EDT (23 hours).
        var open = Cal.BarOpenUtcTicks(Timeframe.D1, Utc(2017, 3, 13, 3, 0).Ticks);
        Assert.Equal(Utc(2017, 3, 12, 21, 0), new DateTime(open, DateTimeKind.Utc));
    }

    [Fact]
    public void H4_blocks_start_at_17_new_york()
    {
        // Winter: 17:00 NY = 22:00 UTC, so H4 opens at 22, 02, 06, 10, 14, 18 UTC.
        Assert.Equal(Utc(2017, 1, 10, 10, 0), Cal.BarOpenUtc(Timeframe.H4, Utc(2017, 1, 10, 13, 59)));
        // Summer: 21, 01, 05, 09, 13, 17 UTC.
        Assert.Equal(Utc(2017, 7, 10, 13, 0), Cal.BarOpenUtc(Timeframe.H4, Utc(2017, 7, 10, 16, 59)));
        Assert.Equal(Utc(2017, 7, 10, 9, 0), Cal.BarOpenUtc(Timeframe.H4, Utc(2017, 7, 10, 9, 0)));
        Assert.Equal(Utc(2017, 7, 10, 9, 45), Cal.BarOpenUtc(Timeframe.M15, Utc(2017, 7, 10, 9, 59)));
    }

    [Fact]
    public void Sessions_follow_each_citys_dst()
    {
        // 15 March 2017: New York is on EDT, London still on GMT: 12:30 UTC is London 12:30 and New York 08:30.
        Assert.Equal(TradingSession.London | TradingSession.NewYork, Cal.ActiveSessions(Utc(2017, 3, 15, 12, 30)));
        // 15 January: New York 07:30 EST, not yet open.
        Assert.Equal(TradingSession.London, Cal.ActiveSessions(Utc(2017, 1, 16, 12, 30)));
        // Tokyo (no DST) 09:00 JST = 00:00 UTC; Sydney in January is AEDT (UTC+11): 11:00 local.
        Assert.Equal(TradingSession.Sydney | TradingSession.Tokyo, Cal.ActiveSessions(Utc(2017, 1, 17, 0, 30)));
        // Weekend: nothing.
        Assert.Equal(TradingSession.None, Cal.ActiveSessions(Utc(2017, 1, 14, 12, 0)));
    }

    [Fact]
    public void Next_session_open_and_next_close()
    {
        // Friday evening after the close: the next London open is Monday 08:00 GMT.
        Assert.Equal(Utc(2017, 1, 16, 8, 0), new DateTime(Cal.NextSessionOpenUtcTicks(TradingSession.London, Utc(2017, 1, 13, 23, 0).Ticks), DateTimeKind.Utc));
        Assert.Equal(Utc(2017, 7, 10, 12, 0), new DateTime(Cal.NextSessionOpenUtcTicks(TradingSession.NewYork, Utc(2017, 7, 10, 11, 0).Ticks), DateTimeKind.Utc));
        Assert.Equal(Utc(2017, 7, 10, 21, 0), new DateTime(Cal.NextDailyCloseUtcTicks(Utc(2017, 7, 10, 20, 59).Ticks), DateTimeKind.Utc));
        Assert.Equal(Utc(2017, 7, 11, 21, 0), new DateTime(Cal.NextDailyCloseUtcTicks(Utc(2017, 7, 10, 21, 0).Ticks), DateTimeKind.Utc));
    }

    [Property(MaxTest = 300)]
    public Property Bar_open_contains_the_instant_and_is_idempotent(int minutes, byte tfIndex)
    {
        var tf = Timeframe.All[1 + tfIndex % 8];
        var t = Utc(2010, 1, 1, 0).AddMinutes(Math.Abs((long)minutes) % (60L * 24 * 365 * 15)).Ticks;
        var open = Cal.BarOpenUtcTicks(tf, t);
        var close = Cal.BarCloseUtcTicks(tf, open);
        var inside = open <= t && (t < close || tf == Timeframe.W1); // W1 "closes" Friday 17:00; weekend instants map to the week
        return (inside && Cal.BarOpenUtcTicks(tf, open) == open).ToProperty();
    }
}
