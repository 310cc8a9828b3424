using System.Runtime.CompilerServices;
using System.Globalization;

namespace Platform3.Trading.Audit;

/// <summary>
/// Writes a double with 9 significant digits as plain fixed-point ASCII (no exponent, trailing zeros trimmed),
/// e.g. 0.35, 1.10005, -2.00917. Deterministic, enough for risk figures and prices in the audit trail, and about
/// ten times faster than .NET's shortest round-trip formatting, which dominated the cost of a decision record.
/// </summary>
internal static class CompactNumber
{
    private const int Significant = 9;
    private static readonly double[] Pow10 = Enumerable.Range(0, 19).Select(i => Math.Pow(10, i)).ToArray();

    /// <summary>Formats a finite value; returns false (write nothing) for NaN or infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value)) return false;
        var abs = Math.Abs(value);
        if (abs == 0)
        {
            destination[0] = (byte)'0';
            written = 1;
            return true;
        }
        var intDigits = abs >= 1 ? (int)Math.Floor(Math.Log10(abs)) + 1 : 0;
        var leadingZeros = abs >= 1 ? 0 : -(int)Math.Floor(Math.Log10(abs)) - 1; // zeros right after the point
        var decimals = abs >= 1 ? Math.Max(0, Significant - intDigits) : Math.Min(18, leadingZeros + Significant);
        if (intDigits > 18 || decimals > 18 || abs * Pow10[decimals] >= 9e18)
            return value.TryFormat(destination, out written, "G9", CultureInfo.InvariantCulture) && written > 0;
        var scaled = (long)Math.Round(abs * Pow10[decimals], MidpointRounding.AwayFromZero);
        if (scaled == 0)
        {
            destination[0] = (byte)'0';
            written = 1;
            return true;
        }
        // Trim trailing zeros of the fraction.
        while (decimals > 0 && scaled % 10 == 0)
        {
            scaled /= 10;
            decimals--;
        }
        Span<byte> digits = stackalloc byte[20];
        var n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(scaled % 10));
            scaled /= 10;
        } while (scaled > 0);
        var pos = 0;
        if (value < 0) destination[pos++] = (byte)'-';
        var whole = n - decimals;
        if (whole <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            for (var z = 0; z < -whole; z++) destination[pos++] = (byte)'0';
            for (var i = n - 1; i >= 0; i--) destination[pos++] = digits[i];
        }
        else
        {
            for (var i = n - 1; i >= decimals; i--) destination[pos++] = digits[i];
            if (decimals > 0)
            {
                destination[pos++] = (byte)'.';
                for (var i = decimals - 1; i >= 0; i--) destination[pos++] = digits[i];
            }
        }
        written = pos;
        return true;
    }
}
