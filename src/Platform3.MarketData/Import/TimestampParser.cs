using System.Globalization;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Import;

/// <summary>How a timestamp (or a date and a clock column) is written.</summary>
public enum TimestampStyle
{
    /// <summary>yyyy-MM-dd[ T]HH:mm[:ss[.f…]][Z|±HH:MM]; '.' or '/' also accepted as date separators (MetaTrader's 2024.01.02).</summary>
    Iso,
    /// <summary>dd.MM.yyyy HH:mm[:ss[.fff]] with an optional " GMT±HHMM" (Dukascopy); '/' or '-' also accepted.</summary>
    DayFirst,
    /// <summary>yyyyMMdd[ HHmmss[fff]] (HistData).</summary>
    Compact,
    /// <summary>Seconds since 1970-01-01 UTC (decimals allowed).</summary>
    Unix,
    /// <summary>Milliseconds since 1970-01-01 UTC.</summary>
    UnixMs,
    /// <summary>A .NET custom format string, e.g. "MM/dd/yyyy HH:mm".</summary>
    Custom,
    /// <summary>Iso, then DayFirst, then Compact: whichever reads the text.</summary>
    Auto,
}

/// <summary>
/// Parses timestamps to wall-clock ticks in the source's time zone (or exact UTC when the text carries an
/// offset or is a Unix time). Fixed styles are parsed from bytes directly; custom formats go through
/// DateTime.TryParseExact on a stack buffer.
/// </summary>
public sealed class TimestampParser
{
    private static readonly long UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public TimestampStyle Style { get; }
    public string? Format { get; }

    public TimestampParser(TimestampStyle style, string? format = null)
    {
        if (style == TimestampStyle.Custom && string.IsNullOrWhiteSpace(format))
            throw new UsageException("A custom timestamp style needs a format string, e.g. \"yyyy-MM-dd HH:mm:ss\".");
        Style = style;
        Format = format;
    }

    /// <summary>"iso", "dayfirst", "compact", "unix", "unix_ms", or anything else as a .NET custom format.</summary>
    public static TimestampParser Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "iso" => new(TimestampStyle.Iso),
        "auto" or "" => new(TimestampStyle.Auto),
        "dayfirst" or "dukascopy" => new(TimestampStyle.DayFirst),
        "compact" or "histdata" => new(TimestampStyle.Compact),
        "unix" or "unix_s" or "epoch" => new(TimestampStyle.Unix),
        "unix_ms" or "epoch_ms" => new(TimestampStyle.UnixMs),
        _ => new(TimestampStyle.Custom, text),
    };

    public string Describe() => Style switch
    {
        TimestampStyle.Iso => "yyyy-MM-dd HH:mm[:ss]",
        TimestampStyle.DayFirst => "dd.MM.yyyy HH:mm[:ss[.fff]]",
        TimestampStyle.Compact => "yyyyMMdd HHmmss",
        TimestampStyle.Unix => "Unix seconds",
        TimestampStyle.UnixMs => "Unix milliseconds",
        TimestampStyle.Auto => "yyyy-MM-dd HH:mm[:ss], dd.MM.yyyy HH:mm[:ss] or yyyyMMdd HHmmss",
        _ => Format!,
    };

    /// <summary>A full timestamp. <paramref name="isUtc"/> is true when the text fixed the instant itself.</summary>
    public bool TryParse(ReadOnlySpan<byte> s, out long ticks, out bool isUtc)
    {
        isUtc = false;
        s = SpanParse.TrimSpaces(s);
        switch (Style)
        {
            case TimestampStyle.Iso:
                return SpanParse.TryParseIso(s, out ticks, out isUtc);
            case TimestampStyle.Auto:
                return SpanParse.TryParseIso(s, out ticks, out isUtc) || TryDayFirst(s, out ticks, out isUtc) || TryCompact(s, out ticks);
            case TimestampStyle.DayFirst:
                return TryDayFirst(s, out ticks, out isUtc);
            case TimestampStyle.Compact:
                return TryCompact(s, out ticks);
            case TimestampStyle.Unix:
            case TimestampStyle.UnixMs:
                isUtc = true;
                ticks = 0;
                if (!SpanParse.TryParseDouble(s, out var v)) return false;
                var unit = Style == TimestampStyle.Unix ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
                var t = v * unit;
                if (!(t > -UnixEpoch && t < DateTime.MaxValue.Ticks - UnixEpoch)) return false;
                ticks = UnixEpoch + (long)Math.Round(t);
                return true;
            default:
                return TryCustom(s, Format!, out ticks);
        }
    }

    /// <summary>A date column and a clock column (MetaTrader's "2024.01.02" and "13:45").</summary>
    public bool TryParse(ReadOnlySpan<byte> date, ReadOnlySpan<byte> clock, out long ticks, out bool isUtc)
    {
        isUtc = false;
        ticks = 0;
        if (Style == TimestampStyle.Custom)
        {
            Span<byte> joined = stackalloc byte[date.Length + clock.Length + 1];
            date.CopyTo(joined);
            joined[date.Length] = (byte)' ';
            clock.CopyTo(joined[(date.Length + 1)..]);
            return TryCustom(joined, Format!, out ticks);
        }
        if (!TryParse(date, out var day, out isUtc)) return false;
        if (!TryClock(SpanParse.TrimSpaces(clock), out var tod)) return false;
        ticks = day - day % TimeSpan.TicksPerDay + tod;
        return true;
    }

    private static bool TryClock(ReadOnlySpan<byte> s, out long tod)
    {
        tod = 0;
        // HH:mm[:ss[.f…]], or H:mm[...] with a one-digit hour (o shifts the positions by one).
        var o = s.Length >= 4 && s[1] == (byte)':' ? -1 : 0;
        if (s.Length < 5 + o || s[2 + o] != (byte)':') return false;
        var h = o == 0 ? SpanParse.Digits(s, 0, 2) : SpanParse.Digits(s, 0, 1);
        var m = SpanParse.Digits(s, 3 + o, 2);
        if (h is < 0 or > 23 || m is < 0 or > 59) return false;
        var sec = 0;
        long frac = 0;
        if (s.Length > 5 + o)
        {
            if (s[5 + o] != (byte)':' || (sec = SpanParse.Digits(s, 6 + o, 2)) is < 0 or > 59) return false;
            if (s.Length > 8 + o)
            {
                if (s[8 + o] != (byte)'.') return false;
                long scale = TimeSpan.TicksPerSecond;
                for (var i = 9 + o; i < s.Length; i++)
                {
                    var d = s[i] - '0';
                    if (d is < 0 or > 9) return false;
                    scale /= 10;
                    frac += d * scale;
                }
            }
        }
        tod = h * TimeSpan.TicksPerHour + m * TimeSpan.TicksPerMinute + sec * TimeSpan.TicksPerSecond + frac;
        return true;
    }

    private static bool TryDayFirst(ReadOnlySpan<byte> s, out long ticks, out bool isUtc)
    {
        ticks = 0; isUtc = false;
        if (s.Length < 10) return false;
        int d = SpanParse.Digits(s, 0, 2), mo = SpanParse.Digits(s, 3, 2), y = SpanParse.Digits(s, 6, 4);
        if (d < 0 || mo < 0 || y < 0 || s[2] != s[5] || s[2] is not ((byte)'.' or (byte)'/' or (byte)'-')) return false;
        if (!SpanParse.TryTicks(y, mo, d, 0, 0, 0, 0, out ticks)) return false;
        if (s.Length == 10) return true;
        if (s[10] != (byte)' ') return false;
        var rest = s[11..];
        var gmt = rest.IndexOf(" GMT"u8);
        if (gmt < 0) gmt = rest.IndexOf(" UTC"u8);
        if (!TryClock(gmt >= 0 ? rest[..gmt] : rest, out var tod)) return false;
        ticks += tod;
        if (gmt >= 0)
        {
            var off = rest[(gmt + 4)..];
            isUtc = true;
            if (off.Length == 0) return true;
            var sign = off[0] == (byte)'-' ? -1 : off[0] == (byte)'+' ? 1 : 0;
            var hh = SpanParse.Digits(off, 1, 2);
            var mm = off.Length >= 5 ? SpanParse.Digits(off, off.Length == 6 ? 4 : 3, 2) : 0;
            if (sign == 0 || hh < 0 || mm < 0) return false;
            ticks -= sign * (hh * TimeSpan.TicksPerHour + mm * TimeSpan.TicksPerMinute);
        }
        return true;
    }

    internal static bool TryCompact(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        int y = SpanParse.Digits(s, 0, 4), mo = SpanParse.Digits(s, 4, 2), d = SpanParse.Digits(s, 6, 2);
        if (y < 0 || mo < 0 || d < 0) return false;
        if (s.Length == 8) return SpanParse.TryTicks(y, mo, d, 0, 0, 0, 0, out ticks);
        if (s.Length < 15 || s[8] != (byte)' ') return false;
        int h = SpanParse.Digits(s, 9, 2), mi = SpanParse.Digits(s, 11, 2), sec = SpanParse.Digits(s, 13, 2);
        var ms = s.Length == 18 ? SpanParse.Digits(s, 15, 3) : s.Length == 15 ? 0 : -1;
        return h >= 0 && mi >= 0 && sec >= 0 && ms >= 0 && SpanParse.TryTicks(y, mo, d, h, mi, sec, ms, out ticks);
    }

    private static bool TryCustom(ReadOnlySpan<byte> s, string format, out long ticks)
    {
        ticks = 0;
        if (s.Length > 64) return false;
        Span<char> chars = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = (char)s[i];
        if (!DateTime.TryParseExact(chars, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt)) return false;
        ticks = dt.Ticks;
        return true;
    }
}
