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
