using System.Runtime.CompilerServices;

namespace Platform3.Trading.Accounting;

/// <summary>
/// Exact shortcuts for decimal expressions on the fill path. Each gives the very bits (scale and sign of zero
/// included) of the expression it replaces; the Trading tests check every one against the plain expression,
/// because the golden fingerprints print decimals with their scale.
/// </summary>
internal static class ExactDecimal
{
    /// <summary><paramref name="x"/> × <paramref name="sign"/> for a sign of ±1: multiplying by ±1 (scale 0) keeps the coefficient and scale and sets the sign, as negation does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal TimesSign(decimal x, int sign) => sign > 0 ? x : -x;

    /// <summary><paramref name="a"/> + <paramref name="u"/> × <paramref name="sign"/> for a sign of ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal AddSigned(decimal a, decimal u, int sign) => sign > 0 ? a + u : a - u;

    /// <summary>True for the default 0m (all bits zero, scale 0): 0m + x and x − 0m then have x's own bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPlainZero(decimal x) => Unsafe.As<decimal, Int128>(ref x) == Int128.Zero;

    /// <summary>
    /// <paramref name="a"/> + <paramref name="x"/>, without the addition when <paramref name="a"/> is the plain 0m (a first
    /// fill's running total) and <paramref name="x"/> has no sign bit (0 + −0 would give +0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal PlusPlainZero(decimal a, decimal x) => IsPlainZero(a) && !decimal.IsNegative(x) ? x : a + x;

    /// <summary><paramref name="x"/> − <paramref name="a"/>, without the subtraction when <paramref name="a"/> is the plain 0m (nothing filled yet) and <paramref name="x"/> has no sign bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal MinusPlainZero(decimal x, decimal a) => IsPlainZero(a) && !decimal.IsNegative(x) ? x : x - a;

    /// <summary>
    /// ((decimal)<paramref name="bid"/> + (decimal)<paramref name="ask"/>) × 0.5m, bit for bit, in integers when both prices are
    /// short decimals (every quote on a tick grid is). Why that is the same: a double that is the nearest one to n / 10^9 with
    /// n below 10^15 converts to the decimal n / 10^9 with its trailing zeros dropped (the conversion keeps 15 significant
    /// digits, and a decimal of at most 15 significant digits survives the round trip through the double); a sum has the
    /// larger scale and the exact coefficient; times 0.5m (5, scale 1) multiplies the coefficient by 5 and adds 1 to the
    /// scale. Any other double takes the decimal expression itself. The Trading tests check it against the expression.
    /// </summary>
    public static decimal MidOf(double bid, double ask)
    {
        if (ShortDecimal(bid, out var cb, out var sb) && ShortDecimal(ask, out var ca, out var sa))
        {
            var s = Math.Max(sb, sa);
            var sum = (cb * Pow10[s - sb] + ca * Pow10[s - sa]) * 5;
            return new decimal((int)(uint)sum, (int)(uint)((ulong)sum >> 32), 0, false, (byte)(s + 1));
        }
        return ((decimal)bid + (decimal)ask) * 0.5m;
    }

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// For a positive double that is the nearest double to c / 10^s with c below 10^15 and s at most 9: c and s with c's
    /// trailing zeros dropped, which is what (decimal)x holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ShortDecimal(double x, out long coefficient, out int scale)
    {
        var n = Math.Round(x * 1e9);
        if (x > 0 && n < 1e15 && n / 1e9 == x)
        {
            var c = (long)n;
            var s = 9;
            while (s > 0 && c % 10 == 0) { c /= 10; s--; }
            coefficient = c;
            scale = s;
            return true;
        }
        coefficient = 0;
        scale = 0;
        return false;
    }

    /// <summary>Same coefficient, scale and sign (unlike ==, which holds for 1.0 and 1.00).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SameBits(decimal a, decimal b) => Unsafe.As<decimal, Int128>(ref a) == Unsafe.As<decimal, Int128>(ref b);
}

/// <summary>
/// Remembers the last two decimal divisions by their operands' bits: a strategy that trades the same sizes
/// divides the same numbers fill after fill (a flip's close and open shares), and the same operands give the
/// same quotient, so the answer is exact by construction.
/// </summary>
internal sealed class DivisionMemo
{
    // Both slots start as the division 0 / 1, answered with its own quotient.
    private decimal _n0, _d0 = 1m, _q0 = Quotient(0m, 1m), _n1, _d1 = 1m, _q1 = Quotient(0m, 1m);
    private bool _nextIsSecond;

    public decimal Divide(decimal numerator, decimal denominator)
    {
        if (ExactDecimal.SameBits(numerator, _n0) && ExactDecimal.SameBits(denominator, _d0)) return _q0;
        if (ExactDecimal.SameBits(numerator, _n1) && ExactDecimal.SameBits(denominator, _d1)) return _q1;
        var q = Quotient(numerator, denominator);
        if (_nextIsSecond) { _n1 = numerator; _d1 = denominator; _q1 = q; }
        else { _n0 = numerator; _d0 = denominator; _q0 = q; }
        _nextIsSecond = !_nextIsSecond;
        return q;
    }

    private static decimal Quotient(decimal numerator, decimal denominator) => numerator / denominator;
}
