using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Time and session at the bar's close (when the row is known): hour of day and day of week as sin/cos,
/// the four session flags (each city's local hours and DST), hours to the next London and New York opens,
/// and hours elapsed in the FX trading day (from 17:00 New York).
/// </summary>
public sealed class SessionBlock : FeatureBlock
{
    private readonly FxCalendar _calendar;

    public SessionBlock(FxCalendar calendar)
        : base("session", 1, "hour_sin", "hour_cos", "dow_sin", "dow_cos", "sess_sydney", "sess_tokyo", "sess_london", "sess_newyork",
            "hours_to_london_open", "hours_to_newyork_open", "hours_into_fx_day")
    {
        _calendar = calendar;
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        var hour = (double)(closeTicks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerHour;
        var a = 2 * Math.PI * hour / 24;
        output[0] = Math.Sin(a);
        output[1] = Math.Cos(a);
        var dow = (int)((closeTicks / TimeSpan.TicksPerDay + 1) % 7); // 0001-01-01 was a Monday → Sunday = 0
        var b = 2 * Math.PI * (dow + hour / 24) / 7;
        output[2] = Math.Sin(b);
        output[3] = Math.Cos(b);
        // Sessions active during the bar that just closed (at its last instant, not at the next bar's open).
        var s = _calendar.ActiveSessions(closeTicks - 1);
        output[4] = (s & TradingSession.Sydney) != 0 ? 1 : 0;
        output[5] = (s & TradingSession.Tokyo) != 0 ? 1 : 0;
        output[6] = (s & TradingSession.London) != 0 ? 1 : 0;
        output[7] = (s & TradingSession.NewYork) != 0 ? 1 : 0;
        output[8] = (double)(_calendar.NextSessionOpenUtcTicks(TradingSession.London, closeTicks - 1) - closeTicks) / TimeSpan.TicksPerHour;
        output[9] = (double)(_calendar.NextSessionOpenUtcTicks(TradingSession.NewYork, closeTicks - 1) - closeTicks) / TimeSpan.TicksPerHour;
        var dayStart = _calendar.TradingDayStartUtcTicks(_calendar.TradingDayOf(closeTicks - 1));
        output[10] = (double)(closeTicks - dayStart) / TimeSpan.TicksPerHour;
    }

    public override FeatureBlock Clone() => new SessionBlock(_calendar);
}
