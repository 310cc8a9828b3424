using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Risk;

/// <summary>The reason-number fast path writes exactly what the runtime's "F<i>n</i>" format writes.</summary>
public sealed class ReasonNumberTests
{
    private static string Runtime(double v, int d) => v.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [Property(MaxTest = 20000)]
    public Property Matches_the_runtime_format_for_any_double(double v, byte decimalsSeed)
    {
        var d = decimalsSeed % 8;
        return (ReasonNumber.Format(v, d) == Runtime(v, d)).Label($"{v:R} F{d}: {ReasonNumber.Format(v, d)} vs {Runtime(v, d)}");
    }

    [Property(MaxTest = 20000)]
    public Property Matches_the_runtime_format_for_confidences_and_percentages(int raw, byte decimalsSeed)
    {
        // Values like the ones in reasons: [0, 1] probabilities and percentages, many near rounding midpoints.
        var d = decimalsSeed % 7;
        var v = Math.Abs(raw % 2_000_000) / 1_000_000.0 * (decimalsSeed % 2 == 0 ? 1 : 100);
        Span<char> buffer = stackalloc char[32];
        var ok = ReasonNumber.TryFormat(v, d, buffer, out var n);
        var expected = Runtime(v, d);
        return (ok && buffer[..n].SequenceEqual(expected) && $"{new Fixed(v, d)}" == expected && ReasonNumber.Format(v, d) == expected)
            .Label($"{v:R} F{d}: expected {expected}");
    }

    [Theory]
    [InlineData(0.125, 2)] [InlineData(0.375, 2)] [InlineData(2.675, 2)] [InlineData(0.005, 2)] [InlineData(-0.0, 2)]
    [InlineData(-0.001, 2)] [InlineData(1e20, 2)] [InlineData(double.NaN, 2)] [InlineData(double.PositiveInfinity, 1)]
    [InlineData(999_999.995, 3)] [InlineData(0.5, 0)] [InlineData(1.5, 0)] [InlineData(0.62, 2)] [InlineData(3.0149999999, 2)]
    public void Edge_cases_match_the_runtime(double v, int d) => Assert.Equal(Runtime(v, d), ReasonNumber.Format(v, d));
}
