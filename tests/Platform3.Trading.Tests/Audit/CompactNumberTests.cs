using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Tests.Audit;

public class CompactNumberTests
{
    private static string F(double v)
    {
        Span<byte> b = stackalloc byte[40];
        return CompactNumber.TryFormat(v, b, out var n) ? Encoding.ASCII.GetString(b[..n]) : "null";
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.35000000000000003, "0.35")]
    [InlineData(1.10005, "1.10005")]
    [InlineData(110.005, "110.005")]
    [InlineData(-2.0091700001, "-2.00917")]
    [InlineData(181000.0, "181000")]
    [InlineData(100000.123456789, "100000.123")]
    [InlineData(0.000123456789012, "0.000123456789")]
    [InlineData(1e-30, "0")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Formats_fixed_point_with_nine_significant_digits(double v, string expected) => Assert.Equal(expected, F(v));

    [Fact]
    public void Negative_zero_is_zero() => Assert.Equal("0", F(-0.0));

    [Property(MaxTest = 2000)]
    public Property Round_trips_to_nine_significant_digits(double v)
    {
        if (!double.IsFinite(v) || Math.Abs(v) > 1e17 || (v != 0 && Math.Abs(v) < 1e-9)) return true.ToProperty();
        var back = double.Parse(F(v), CultureInfo.InvariantCulture);
        var tolerance = Math.Abs(v) * 1e-8 + 1e-18;
        return (Math.Abs(back - v) <= tolerance).Label($"{v:R} -> {F(v)}");
    }
}

/// <summary>
/// The formatter finds the decimal exponent from a table instead of a logarithm; the audit hashes depend on the
/// exact text, so it must agree digit for digit with the logarithm-based original (kept here as the reference).
/// </summary>
public class CompactNumberEquivalenceTests
{
    private static string Reference(double value)
    {
        if (!double.IsFinite(value)) return "null";
        var abs = Math.Abs(value);
        if (abs == 0) return "0";
        var intDigits = abs >= 1 ? (int)Math.Floor(Math.Log10(abs)) + 1 : 0;
        var leadingZeros = abs >= 1 ? 0 : -(int)Math.Floor(Math.Log10(abs)) - 1;
        var decimals = abs >= 1 ? Math.Max(0, 9 - intDigits) : Math.Min(18, leadingZeros + 9);
        if (intDigits > 18 || decimals > 18 || abs * Math.Pow(10, decimals) >= 9e18)
            return value.ToString("G9", CultureInfo.InvariantCulture);
        var scaled = (long)Math.Round(abs * Math.Pow(10, decimals), MidpointRounding.AwayFromZero);
        if (scaled == 0) return "0";
        while (decimals > 0 && scaled % 10 == 0) { scaled /= 10; decimals--; }
        var digits = scaled.ToString(CultureInfo.InvariantCulture);
        var sign = value < 0 ? "-" : "";
        if (decimals == 0) return sign + digits;
        if (digits.Length <= decimals) return sign + "0." + new string('0', decimals - digits.Length) + digits;
        return sign + digits[..^decimals] + "." + digits[^decimals..];
    }

    private static string Fast(double v)
    {
        Span<byte> b = stackalloc byte[40];
        return CompactNumber.TryFormat(v, b, out var n) ? Encoding.ASCII.GetString(b[..n]) : "null";
    }

    [Property(MaxTest = 20000)]
    public Property Same_text_as_the_logarithm_based_formatter(double v) => (Fast(v) == Reference(v)).Label($"{v:R}: {Fast(v)} vs {Reference(v)}");

    /// <summary>Any double at all (every exponent, subnormals, both signs), by its bit pattern.</summary>
    [Property(MaxTest = 20000)]
    public Property Same_text_for_any_bit_pattern(long bits)
    {
        var v = BitConverter.Int64BitsToDouble(bits);
        return (Fast(v) == Reference(v)).Label($"{v:R}: {Fast(v)} vs {Reference(v)}");
    }

    /// <summary>
    /// The figures a record holds (probabilities, confidences, prices, exposures, units): the digits are written
    /// straight into place, so every digit count, point position, leading zero run and trimmed zero is swept.
    /// </summary>
    [Fact]
    public void Same_text_for_record_figures_of_every_shape()
    {
        var rng = new Random(11);
        for (var i = 0; i < 300_000; i++)
        {
            var digits = rng.NextInt64(1, 1_000_000_000_000);
            var v = digits / Math.Pow(10, rng.Next(0, 22)) * (rng.Next(2) == 0 ? 1 : -1);
            Assert.Equal(Reference(v), Fast(v));
            var p = rng.NextDouble() * Math.Pow(10, rng.Next(-6, 7));
            Assert.Equal(Reference(p), Fast(p));
            var r = Math.Round(p, rng.Next(0, 10));
            Assert.Equal(Reference(r), Fast(r));
        }
    }

    [Fact]
    public void Same_text_around_every_power_of_ten_and_on_a_log_grid()
    {
        var rng = new Random(7);
        for (var e = -25; e <= 25; e++)
        {
            var p = Math.Pow(10, e);
            var x = p;
            for (var i = 0; i < 40; i++) { x = Math.BitDecrement(x); }
            for (var i = 0; i < 80; i++, x = Math.BitIncrement(x))
            {
                Assert.Equal(Reference(x), Fast(x));
                Assert.Equal(Reference(-x), Fast(-x));
            }
            foreach (var q in new[] { p * (1 - 1e-12), p * (1 + 1e-12), p * (1 - 1e-15), p * (1 + 1e-15), 0.5 * p, 9.9999999995 * p, 9.99999999949 * p })
                Assert.Equal(Reference(q), Fast(q));
        }
        for (var i = 0; i < 200_000; i++)
        {
            var v = Math.Pow(10, rng.NextDouble() * 40 - 20) * (rng.Next(2) == 0 ? 1 : -1);
            Assert.Equal(Reference(v), Fast(v));
        }
        // Whole numbers take a shortcut below 10^9: every digit count, both signs, and the neighbours of the bound.
        for (var i = 0; i < 200_000; i++)
        {
            double w = rng.NextInt64(0, (long)Math.Pow(10, rng.Next(1, 11))) * (rng.Next(2) == 0 ? 1 : -1);
            Assert.Equal(Reference(w), Fast(w));
        }
        foreach (var w in new[] { 1e9 - 1, 1e9, 1e9 + 1, Math.BitDecrement(1e9), 999_999_999.5, 1, 10, 100, 1000, 1e8 })
        {
            Assert.Equal(Reference(w), Fast(w));
            Assert.Equal(Reference(-w), Fast(-w));
        }
    }
}
