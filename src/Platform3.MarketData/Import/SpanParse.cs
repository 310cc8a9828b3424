using System.Globalization;
using System.Text;

namespace Platform3.MarketData.Import;

/// <summary>Allocation-free parsing of ASCII fields (numbers, fixed-layout dates) straight from the input bytes.</summary>
internal static class SpanParse
{
    private static readonly double[] Pow10 =
        [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Parses [-+]digits[.digits] (also ".5" and "-.0001"). The result is the correctly rounded double, as
    /// double.Parse gives: an integer mantissa below 2^53 divided by an exact power of ten rounds once.
    /// Exponents, long mantissas and other forms fall back to the framework parser.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        s = TrimSpaces(s);
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) { negative = s[0] == (byte)'-'; i = 1; }
        ulong mantissa = 0;
        var digits = 0;
        var decimals = 0;
        var seenDot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                if (digits >= 15 && mantissa != 0) return Fallback(s, out value);
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) digits++;
                if (seenDot) decimals++;
            }
            else if (c == (byte)'.' && !seenDot) seenDot = true;
            else return Fallback(s, out value);
        }
        if (digits == 0 && mantissa == 0 && !HasDigit(s)) { value = 0; return false; }
        if (decimals >= Pow10.Length) return Fallback(s, out value);
        value = decimals == 0 ? mantissa : mantissa / Pow10[decimals];
        if (negative) value = -value;
        return true;
    }

    private static bool HasDigit(ReadOnlySpan<byte> s)
    {
        foreach (var c in s) if (c is >= (byte)'0' and <= (byte)'9') return true;
        return false;
    }

    private static bool Fallback(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value)
    {
        // Fast path: up to 18 plain digits (HistData's volume is always "0").
        if (s.Length is > 0 and <= 18)
        {
            long v = 0;
            var i = 0;
            for (; i < s.Length; i++)
            {
                var digit = (uint)(s[i] - '0');
                if (digit > 9) break;
                v = v * 10 + digit;
            }
            if (i == s.Length) { value = v; return true; }
        }
        s = TrimSpaces(s);
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return true;
        // Some sources write volumes as decimals ("38.34", "0.0"): round them.
        if (TryParseDouble(s, out var d) && Math.Abs(d) < 9e18) { value = (long)Math.Round(d); return true; }
        return false;
    }

    public static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0 && (s[0] == (byte)' ' || s[0] == (byte)'\t')) s = s[1..];
        while (s.Length > 0 && (s[^1] == (byte)' ' || s[^1] == (byte)'\t')) s = s[..^1];
        if (s.Length >= 2 && s[0] == (byte)'"' && s[^1] == (byte)'"') s = s[1..^1];
        return s;
    }

    /// <summary>Exactly <paramref name="count"/> ASCII digits at <paramref name="at"/>, or -1.</summary>
    public static int Digits(ReadOnlySpan<byte> s, int at, int count)
    {
        if (at + count > s.Length) return -1;
        var v = 0;
        for (var i = at; i < at + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9) return -1;
            v = v * 10 + (int)d;
        }
        return v;
    }

    /// <summary>Ticks of a calendar date and time of day, or false when it is not a real date/time (30 February, 25:00).</summary>
    public static bool TryTicks(int year, int month, int day, int hour, int minute, int second, int millis, out long ticks)
    {
        ticks = 0;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || millis is < 0 or > 999) return false;
        ticks = new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay + hour * TimeSpan.TicksPerHour
            + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + millis * TimeSpan.TicksPerMillisecond;
        return true;
    }

    /// <summary>
    /// ISO-like timestamps: yyyy-MM-dd[ T]HH:mm[:ss[.f…]] with an optional Z or ±HH[:]MM offset.
    /// Returns the wall-clock ticks and whether an offset was given (then <paramref name="utcTicks"/> is exact).
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> s, out long ticks, out bool hasOffset)
    {
        ticks = 0; hasOffset = false;
        s = TrimSpaces(s);
        int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
        if (y < 0 || mo < 0 || d < 0 || (s[4] != (byte)'-' && s[4] != (byte)'.' && s[4] != (byte)'/') || s[7] != s[4]) return false;
        int h = 0, mi = 0, sec = 0;
        long frac = 0;
        var i = 10;
        if (s.Length > 10)
        {
            if (s[10] != (byte)' ' && s[10] != (byte)'T') return false;
            h = Digits(s, 11, 2); mi = Digits(s, 14, 2);
            if (h < 0 || mi < 0 || s[13] != (byte)':') return false;
            i = 16;
            if (i < s.Length && s[i] == (byte)':')
            {
                sec = Digits(s, 17, 2);
                if (sec < 0) return false;
                i = 19;
                if (i < s.Length && s[i] == (byte)'.')
                {
                    i++;
                    long scale = TimeSpan.TicksPerSecond;
                    while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9')
                    {
                        scale /= 10;
                        frac += (s[i] - '0') * scale;
                        i++;
                    }
                }
            }
        }
        if (!TryTicks(y, mo, d, h, mi, sec, 0, out ticks)) return false;
        ticks += frac;
        if (i == s.Length) return true;
        if (s[i] == (byte)'Z' && i == s.Length - 1) { hasOffset = true; return true; }
        if (s[i] != (byte)'+' && s[i] != (byte)'-') return false;
        var sign = s[i] == (byte)'-' ? -1 : 1;
        var oh = Digits(s, i + 1, 2);
        var om = s.Length > i + 3 && s[i + 3] == (byte)':' ? Digits(s, i + 4, 2) : Digits(s, i + 3, 2);
        if (oh < 0) return false;
        if (om < 0) om = 0;
        ticks -= sign * (oh * TimeSpan.TicksPerHour + om * TimeSpan.TicksPerMinute);
        hasOffset = true;
        return true;
    }

    /// <summary>The line as text for messages and the quarantine file (only called for bad rows).</summary>
    public static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
