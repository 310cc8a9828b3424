using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Features.Blocks;

/// <summary>How <see cref="SessionBlock"/> states the time to the next London and New York opens.</summary>
public enum OpenDistanceUnit
{
    /// <summary>Hours (the feature sets' version 1; kept so their definitions, hashes, caches and models stay valid).</summary>
    Hours,
    /// <summary>Minutes, as the issue specifies (version 2 of the feature sets).</summary>
    Minutes,
}

/// <summary>
/// Time and session at the bar's close (when the row is known): hour of day and day of week as sin/cos,
/// the four session flags (each city's local hours and DST), the time to the next London and New York opens
/// (minutes, or hours in the version-1 sets), and hours elapsed in the FX trading day (from 17:00 New York).
/// </summary>
public sealed class SessionBlock : FeatureBlock
{
    private readonly FxCalendar _calendar;
    private readonly OpenDistanceUnit _unit;
    private readonly double _ticksPerUnit;
    private NextOpenMemo _londonOpen = NextOpenMemo.Empty;
    private NextOpenMemo _newYorkOpen = NextOpenMemo.Empty;

    public SessionBlock(FxCalendar calendar, OpenDistanceUnit unit = OpenDistanceUnit.Hours)
        : base(unit == OpenDistanceUnit.Hours ? "session" : "session(open-distance=minutes)", 1,
            "hour_sin", "hour_cos", "dow_sin", "dow_cos", "sess_sydney", "sess_tokyo", "sess_london", "sess_newyork",
            unit == OpenDistanceUnit.Hours ? "hours_to_london_open" : "minutes_to_london_open",
            unit == OpenDistanceUnit.Hours ? "hours_to_newyork_open" : "minutes_to_newyork_open",
            "hours_into_fx_day")
    {
        _calendar = calendar;
        _unit = unit;
        _ticksPerUnit = unit == OpenDistanceUnit.Hours ? TimeSpan.TicksPerHour : TimeSpan.TicksPerMinute;
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        // Every symbol of a time slice closes at the same instant and these outputs depend on nothing else: the first
        // symbol's engine computes them, the others on the same thread copy them.
        var memo = t_memo ??= new SliceMemo(Names.Count);
        if (memo.Calendar == _calendar && memo.Unit == _unit && memo.CloseTicks == closeTicks)
        {
            memo.Values.CopyTo(output);
            return;
        }
        ComputeAt(closeTicks, output);
        memo.Calendar = _calendar;
        memo.Unit = _unit;
        memo.CloseTicks = closeTicks;
        output[..memo.Values.Length].CopyTo(memo.Values);
    }

    [ThreadStatic] private static SliceMemo? t_memo;

    /// <summary>The last instant's outputs on this thread, for the same calendar and unit.</summary>
    private sealed class SliceMemo(int width)
    {
        public FxCalendar? Calendar;
        public OpenDistanceUnit Unit;
        public long CloseTicks = long.MinValue;
        public readonly double[] Values = new double[width];
    }

    /// <summary>The outputs for a bar closing at <paramref name="closeTicks"/>, computed afresh.</summary>
    internal void ComputeAt(long closeTicks, Span<double> output)
    {
        CyclicTime.Write(closeTicks, output);
        // Sessions active during the bar that just closed (at its last instant, not at the next bar's open).
        var s = _calendar.ActiveSessions(closeTicks - 1);
        output[4] = (s & TradingSession.Sydney) != 0 ? 1 : 0;
        output[5] = (s & TradingSession.Tokyo) != 0 ? 1 : 0;
        output[6] = (s & TradingSession.London) != 0 ? 1 : 0;
        output[7] = (s & TradingSession.NewYork) != 0 ? 1 : 0;
        output[8] = (_londonOpen.Next(_calendar, TradingSession.London, closeTicks - 1) - closeTicks) / _ticksPerUnit;
        output[9] = (_newYorkOpen.Next(_calendar, TradingSession.NewYork, closeTicks - 1) - closeTicks) / _ticksPerUnit;
        var dayStart = _calendar.TradingDayStartUtcTicks(_calendar.TradingDayOf(closeTicks - 1));
        output[10] = (double)(closeTicks - dayStart) / TimeSpan.TicksPerHour;
    }

    public override FeatureBlock Clone() => new SessionBlock(_calendar, _unit);
}

/// <summary>
/// The last answer of <see cref="FxCalendar.NextSessionOpenUtcTicks"/> for one session, reused while the query stays
/// in [the instant it was computed for, that open): no open lies strictly between them, so the answer is the same
/// (exactly; the time-zone lookups it saves were most of the block's cost). Pure memo: it holds no feature state.
/// </summary>
internal struct NextOpenMemo
{
    private long _from;
    private long _open;

    public static NextOpenMemo Empty => new() { _from = long.MaxValue, _open = long.MinValue };

    public long Next(FxCalendar calendar, TradingSession session, long utcTicks)
    {
        if (utcTicks >= _from && utcTicks < _open) return _open;
        _open = calendar.NextSessionOpenUtcTicks(session, utcTicks);
        _from = utcTicks;
        return _open;
    }
}

/// <summary>
/// The hour-of-day and day-of-week angles' sine and cosine (the session block's first four outputs). They depend only on
/// the instant's place in the week, so for closes on a whole minute each value is computed once per process, by the same
/// code as the direct path, and read from a table after that: the same bits, without four trigonometric calls per bar.
/// A slot is filled with values that are the same whichever thread writes them, and a reader takes a slot only when
/// both of its values are there (NaN marks an empty one: a sine or cosine is never NaN here), so no lock is needed.
/// </summary>
internal static class CyclicTime
{
    private const int MinutesPerDay = 24 * 60;
    private static readonly (double Sin, double Cos)[] ByMinuteOfDay = Empty(MinutesPerDay);
    private static readonly (double Sin, double Cos)[] ByMinuteOfWeek = Empty(7 * MinutesPerDay);

    private static (double, double)[] Empty(int n)
    {
        var a = new (double, double)[n];
        Array.Fill(a, (double.NaN, double.NaN));
        return a;
    }

    /// <summary>hour_sin, hour_cos, dow_sin, dow_cos of a bar closing at <paramref name="closeTicks"/> (UTC).</summary>
    public static void Write(long closeTicks, Span<double> output)
    {
        var ofDay = closeTicks % TimeSpan.TicksPerDay;
        if (closeTicks < 0 || ofDay % TimeSpan.TicksPerMinute != 0)
        {
            WriteDirect(closeTicks, output);
            return;
        }
        var minute = (int)(ofDay / TimeSpan.TicksPerMinute);
        var dow = Dow(closeTicks);
        ref var h = ref ByMinuteOfDay[minute];
        ref var w = ref ByMinuteOfWeek[dow * MinutesPerDay + minute];
        if (double.IsNaN(h.Sin) || double.IsNaN(h.Cos) || double.IsNaN(w.Sin) || double.IsNaN(w.Cos))
        {
            WriteDirect(closeTicks, output);
            h.Sin = output[0]; h.Cos = output[1];
            w.Sin = output[2]; w.Cos = output[3];
            return;
        }
        output[0] = h.Sin;
        output[1] = h.Cos;
        output[2] = w.Sin;
        output[3] = w.Cos;
    }

    /// <summary>The four values computed afresh (the definition; the table holds what this wrote).</summary>
    internal static void WriteDirect(long closeTicks, Span<double> output)
    {
        var hour = (double)(closeTicks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerHour;
        var a = 2 * Math.PI * hour / 24;
        output[0] = Math.Sin(a);
        output[1] = Math.Cos(a);
        var b = 2 * Math.PI * (Dow(closeTicks) + hour / 24) / 7;
        output[2] = Math.Sin(b);
        output[3] = Math.Cos(b);
    }

    /// <summary>Day of the week, Sunday = 0 (0001-01-01 was a Monday).</summary>
    private static int Dow(long ticks) => (int)((ticks / TimeSpan.TicksPerDay + 1) % 7);
}
