using System.Globalization;

namespace Platform3.Trading.Risk;

/// <summary>
/// Fixed-point numbers in the reasons and notes of decisions and risk assessments ("0.62", "3.01"). The format
/// strings are made once: building "F" + digits per number cost two allocations on every decision.
/// </summary>
internal static class ReasonNumber
{
    private static readonly string[] Formats = Enumerable.Range(0, 7).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();
    private static readonly double[] Scale = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];

    public static string Format(double value, int decimals = 2)
    {
        Span<char> buffer = stackalloc char[24];
        return TryFixed(value, decimals, buffer, out var n) ? new string(buffer[..n]) : Slow(value, decimals);
    }

    /// <summary>Writes the number as <see cref="Format"/> would, into <paramref name="destination"/>.</summary>
    public static bool TryFormat(double value, int decimals, Span<char> destination, out int written)
    {
        if (TryFixed(value, decimals, destination, out written)) return true;
        var text = Slow(value, decimals);
        written = text.TryCopyTo(destination) ? text.Length : 0;
        return written > 0;
    }

    private static string Slow(double value, int decimals) =>
        value.ToString((uint)decimals < (uint)Formats.Length ? Formats[decimals] : "F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// The value in units of the last decimal (0.62 at two decimals: 62) when <see cref="Format"/> writes it from that
    /// integer alone (see below): then every value with the same units has the same text, so a sentence made for one
    /// of them can stand for all of them.
    /// </summary>
    public static bool TryUnits(double value, int decimals, out long units)
    {
        units = 0;
        if ((uint)decimals >= (uint)Scale.Length || double.IsNegative(value)) return false;
        var y = value * Scale[decimals];
        if (!(y < 1e9)) return false;
        var k = Math.Floor(y + 0.5);
        if (Math.Abs(y - (k - 0.5)) < 1e-5) return false;
        units = (long)k;
        return true;
    }

    /// <summary>
    /// The same text as "F<i>decimals</i>" without the runtime's exact (big-number) digit generation, which was most
    /// of a reason's cost. Only where the answer is certain: a non-negative value whose scaled form is below 1e9 and
    /// not within 1e-5 of a rounding midpoint (the one multiplication errs by under 1e-7 there), so the rounding
    /// direction is the exact value's. Anything else (negatives, −0, NaN, huge, near a tie) goes to the runtime.
    /// </summary>
    private static bool TryFixed(double value, int decimals, Span<char> destination, out int written)
    {
        written = 0;
        if (!TryUnits(value, decimals, out var units)) return false;
        var one = (long)Scale[decimals];
        var whole = units / one;
        if (!whole.TryFormat(destination, out var n, default, CultureInfo.InvariantCulture)) return false;
        if (decimals == 0) { written = n; return true; }
        if (destination.Length < n + 1 + decimals) return false;
        destination[n] = '.';
        var frac = units - whole * one;
        for (var d = decimals; d >= 1; d--)
        {
            destination[n + d] = (char)('0' + (int)(frac % 10));
            frac /= 10;
        }
        written = n + 1 + decimals;
        return true;
    }
}

/// <summary>A fixed-point reason number for interpolated strings, written in place (no intermediate string).</summary>
internal readonly struct Fixed(double value, int decimals) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        ReasonNumber.TryFormat(value, decimals, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ReasonNumber.Format(value, decimals);

    public override string ToString() => ReasonNumber.Format(value, decimals);
}
