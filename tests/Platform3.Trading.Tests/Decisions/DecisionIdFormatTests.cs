using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Decisions;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>Decision ids are written digit by digit into their string: the same text as the "D7" format they replaced.</summary>
public class DecisionIdFormatTests
{
    private static string General(string runId, long sequence) => string.Concat(runId, "-", sequence.ToString("D7", CultureInfo.InvariantCulture));

    [Property(MaxTest = 3000)]
    public Property Same_text_as_the_D7_format(NonEmptyString runId, long sequence, byte digits)
    {
        // Any magnitude: every digit count from one to nineteen, and the usual small sequence numbers.
        var s = Math.Abs(sequence % (long)Math.Pow(10, 1 + digits % 19));
        if (s < 0) s = 0;
        return (DecisionMaster.FormatDecisionId(runId.Get, s) == General(runId.Get, s)).Label($"{runId.Get} {s}");
    }

    [Fact]
    public void Same_text_at_the_digit_count_bounds()
    {
        long[] values = [0, 1, 9, 10, 999_999, 1_000_000, 9_999_999, 10_000_000, 99_999_999, 100_000_000, long.MaxValue, long.MaxValue - 1];
        for (long p = 1; p <= long.MaxValue / 10; p *= 10) values = [.. values, p - 1, p, p + 1];
        foreach (var v in values) Assert.Equal(General("bt", v), DecisionMaster.FormatDecisionId("bt", v));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionMaster.FormatDecisionId("bt", -1));
    }
}
