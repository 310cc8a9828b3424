using Platform3.Core.Domain;
using Platform3.Core.Time;

namespace Platform3.Core.Calendar;

/// <summary>
/// The FX week and day, in New York time: the week runs Sunday 17:00 → Friday 17:00, each trading day
/// closes (and rolls over) at 17:00. A trading day is labelled with the New York date on which it closes.
/// Conversions go through precomputed zone tables, so these methods are cheap enough for per-bar use.
/// </summary>
public sealed class FxCalendar
{
    private static readonly long SevenHours = TimeSpan.FromHours(7).Ticks;
    private static readonly long SeventeenHours = TimeSpan.FromHours(17).Ticks;
    private readonly FastZone _ny = FastZone.NewYork;
    private readonly (SessionHours Hours, FastZone Zone)[] _sessions;

    public HolidayCalendar Holidays { get; }

    /// <summary>Standard holidays (25 Dec, 1 Jan) and conventional session hours.</summary>
    public static FxCalendar Default { get; } = new(HolidayCalendar.Standard);

    public FxCalendar(HolidayCalendar holidays, IReadOnlyList<SessionHours>? sessions = null)
    {
        Holidays = holidays;
        _sessions = (sessions ?? SessionHours.Defaults).Select(s => (s, FastZone.For(s.ZoneId))).ToArray();
    }

    /// <summary>The trading day a UTC instant belongs to: the New York date of the next 17:00 close.</summary>
    public DateOnly TradingDayOf(long utcTicks) =>
        DateOnly.FromDayNumber((int)((_ny.UtcToLocalTicks(utcTicks) + SevenHours) / TimeSpan.TicksPerDay));

    public DateOnly TradingDayOf(DateTime utc) => TradingDayOf(utc.Ticks);

    /// <summary>17:00 New York on the day before, in UTC ticks.</summary>
    public long TradingDayStartUtcTicks(DateOnly tradingDay) =>
        _ny.LocalToUtcTicks(tradingDay.DayNumber * TimeSpan.TicksPerDay - SevenHours);

    /// <summary>17:00 New York on the day itself (the daily close and rollover), in UTC ticks.</summary>
    public long TradingDayEndUtcTicks(DateOnly tradingDay) =>
        _ny.LocalToUtcTicks(tradingDay.DayNumber * TimeSpan.TicksPerDay + SeventeenHours);

    public DateTime TradingDayStartUtc(DateOnly tradingDay) => new(TradingDayStartUtcTicks(tradingDay), DateTimeKind.Utc);
    public DateTime TradingDayEndUtc(DateOnly tradingDay) => new(TradingDayEndUtcTicks(tradingDay), DateTimeKind.Utc);

    /// <summary>Saturday and Sunday trading days do not exist: that is Friday 17:00 → Sunday 17:00 New York.</summary>
    public static bool IsWeekendDay(DateOnly tradingDay) =>
        tradingDay.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsTradingDay(DateOnly tradingDay) => !IsWeekendDay(tradingDay) && !Holidays.IsHoliday(tradingDay);

    /// <summary>True when the market is open at the UTC instant (not weekend, not a holiday).</summary>
    public bool IsOpen(long utcTicks) => IsTradingDay(TradingDayOf(utcTicks));

    public bool IsOpen(DateTime utc) => IsOpen(utc.Ticks);

    /// <summary>The next daily close (17:00 New York) strictly after the instant. Swaps are charged there.</summary>
    public long NextDailyCloseUtcTicks(long utcTicks)
    {
        var day = TradingDayOf(utcTicks);
        var end = TradingDayEndUtcTicks(day);
        return end > utcTicks ? end : TradingDayEndUtcTicks(day.AddDays(1));
    }

    /// <summary>
    /// Open time (UTC ticks) of the bar of <paramref name="timeframe"/> that contains the instant.
    /// Up to H1: UTC clock boundaries. H4: 4-hour blocks from 17:00 New York. D1: the trading day.
    /// W1: the trading week starting Sunday 17:00 New York.
    /// </summary>
    public long BarOpenUtcTicks(Timeframe timeframe, long utcTicks)
    {
        if (timeframe.IsTick) return utcTicks;
        var d = timeframe.DurationTicks;
        if (d <= TimeSpan.TicksPerHour) return utcTicks - Mod(utcTicks, d);
        var shifted = _ny.UtcToLocalTicks(utcTicks) + SevenHours; // midnight of the shifted clock = 17:00 NY
        if (timeframe == Timeframe.H4)
            return _ny.LocalToUtcTicks(shifted - Mod(shifted, d) - SevenHours);
        var day = DateOnly.FromDayNumber((int)(shifted / TimeSpan.TicksPerDay));
        if (timeframe == Timeframe.D1) return TradingDayStartUtcTicks(day);
        // W1: back to the Monday trading day (which opens Sunday 17:00 NY).
        var back = ((int)day.DayOfWeek + 6) % 7;
        return TradingDayStartUtcTicks(day.AddDays(-back));
    }

    public DateTime BarOpenUtc(Timeframe timeframe, DateTime utc) => new(BarOpenUtcTicks(timeframe, utc.Ticks), DateTimeKind.Utc);

    /// <summary>
    /// Close time (UTC ticks) of the bar that opens at <paramref name="barOpenUtcTicks"/>; DST-aware for H4/D1/W1.
    /// A weekly bar closes when the market does, Friday 17:00 New York.
    /// </summary>
    public long BarCloseUtcTicks(Timeframe timeframe, long barOpenUtcTicks)
    {
        if (timeframe.DurationTicks <= TimeSpan.TicksPerHour) return barOpenUtcTicks + timeframe.DurationTicks;
        var length = timeframe == Timeframe.W1 ? 5 * TimeSpan.TicksPerDay : timeframe.DurationTicks;
        var shiftedOpen = _ny.UtcToLocalTicks(barOpenUtcTicks) + SevenHours;
        return _ny.LocalToUtcTicks(shiftedOpen + length - SevenHours);
    }

    /// <summary>Sessions active at the instant (none while the market is closed).</summary>
    public TradingSession ActiveSessions(long utcTicks)
    {
        if (!IsOpen(utcTicks)) return TradingSession.None;
        var result = TradingSession.None;
        foreach (var (hours, zone) in _sessions)
        {
            var local = zone.UtcToLocalTicks(utcTicks);
            var dow = (DayOfWeek)(((local / TimeSpan.TicksPerDay) + 1) % 7); // day 0001-01-01 was a Monday
            if (dow is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var tod = Mod(local, TimeSpan.TicksPerDay);
            if (tod >= hours.OpenLocal.Ticks && tod < hours.CloseLocal.Ticks) result |= hours.Session;
        }
        return result;
    }

    public TradingSession ActiveSessions(DateTime utc) => ActiveSessions(utc.Ticks);

    /// <summary>The next time (UTC ticks) the session opens strictly after the instant, on a weekday in its city.</summary>
    public long NextSessionOpenUtcTicks(TradingSession session, long utcTicks)
    {
        var (hours, zone) = Single(session);
        var local = zone.UtcToLocalTicks(utcTicks);
        var dayStart = local - Mod(local, TimeSpan.TicksPerDay);
        for (var k = 0; k < 10; k++)
        {
            var candidateLocal = dayStart + k * TimeSpan.TicksPerDay + hours.OpenLocal.Ticks;
            var dow = (DayOfWeek)(((candidateLocal / TimeSpan.TicksPerDay) + 1) % 7);
            if (dow is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var utc = zone.LocalToUtcTicks(candidateLocal);
            if (utc > utcTicks) return utc;
        }
        throw new InvalidOperationException("No session open found within ten days.");
    }

    /// <summary>Open and close (UTC ticks) of the session on the local date of its city.</summary>
    public (long OpenUtcTicks, long CloseUtcTicks) SessionWindowUtcTicks(TradingSession session, DateOnly localDate)
    {
        var (hours, zone) = Single(session);
        var day = localDate.DayNumber * TimeSpan.TicksPerDay;
        return (zone.LocalToUtcTicks(day + hours.OpenLocal.Ticks), zone.LocalToUtcTicks(day + hours.CloseLocal.Ticks));
    }

    /// <summary>Local date of the session's city at the instant.</summary>
    public DateOnly SessionLocalDate(TradingSession session, long utcTicks)
    {
        var (_, zone) = Single(session);
        return DateOnly.FromDayNumber((int)(zone.UtcToLocalTicks(utcTicks) / TimeSpan.TicksPerDay));
    }

    private (SessionHours Hours, FastZone Zone) Single(TradingSession session)
    {
        foreach (var s in _sessions)
            if (s.Hours.Session == session) return s;
        throw new ArgumentException($"'{session}' is not a single configured session.", nameof(session));
    }

    private static long Mod(long a, long m)
    {
        var r = a % m;
        return r < 0 ? r + m : r;
    }
}
