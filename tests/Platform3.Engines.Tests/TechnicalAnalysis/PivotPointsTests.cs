using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

public sealed class PivotPointsTests
{
    private static Bar H1(DateTime utc, double h, double l, double c) => new(utc, c, h, l, c);

    [Fact]
    public void Daily_levels_come_from_the_previous_new_york_close_day_and_switch_at_17_00_new_york()
    {
        // 2024-03-05 (winter time, NY = UTC−5): the trading day of 6 March runs 22:00 UTC on the 5th → 22:00 UTC on the 6th.
        var pivots = new PivotPoints(PivotKind.Classic, PivotPeriod.Day);
        var t = new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc); // start of trading day 5 March
        // Day 5 March (first day: skipped as possibly partial), day 6 March, then day 7 March.
        for (var h = 0; h < 24; h++) pivots.Update(H1(t.AddHours(h), 1.10 + h * 1e-4, 1.09, 1.095));
        Assert.False(pivots.IsReady);
        for (var h = 24; h < 48; h++) pivots.Update(H1(t.AddHours(h), h == 30 ? 1.2000 : 1.1500, h == 40 ? 1.0500 : 1.1000, 1.1200));
        Assert.False(pivots.IsReady); // still inside 6 March: its own high/low must not be used yet
        pivots.Update(H1(t.AddHours(48), 1.13, 1.11, 1.12)); // 22:00 UTC 6 March = 17:00 NY: first bar of 7 March
        Assert.True(pivots.IsReady);
        double hi = 1.2, lo = 1.05, close = 1.12, pp = (hi + lo + close) / 3;
        Assert.Equal(pp, pivots["pp"], 12);
        Assert.Equal(2 * pp - lo, pivots["r1"], 12);
        Assert.Equal(2 * pp - hi, pivots["s1"], 12);
        Assert.Equal(pp + (hi - lo), pivots["r2"], 12);
        Assert.Equal(hi + 2 * (pp - lo), pivots["r3"], 12);
        Assert.Equal(lo - 2 * (hi - pp), pivots["s3"], 12);
    }

    [Fact]
    public void Camarilla_and_fibonacci_levels()
    {
        var cam = new PivotPoints(PivotKind.Camarilla, PivotPeriod.Day, useFirstPeriod: true);
        var fib = new PivotPoints(PivotKind.Fibonacci, PivotPeriod.Day, useFirstPeriod: true);
        var t = new DateTime(2024, 3, 5, 22, 0, 0, DateTimeKind.Utc);
        foreach (var b in new[] { H1(t, 1.2, 1.1, 1.15), H1(t.AddHours(24), 1.16, 1.14, 1.15) })
        {
            cam.Update(b);
            fib.Update(b);
        }
        Assert.Equal(1.15 + 0.1 * 1.1 / 2, cam["r4"], 12);
        Assert.Equal(1.15 - 0.1 * 1.1 / 12, cam["s1"], 12);
        Assert.Equal((1.2 + 1.1 + 1.15) / 3 + 0.618 * 0.1, fib["r2"], 12);
    }

    [Fact]
    public void Weekly_levels_switch_on_sunday_17_00_new_york()
    {
        var pivots = new PivotPoints(PivotKind.Classic, PivotPeriod.Week, useFirstPeriod: true);
        // Friday 8 March 2024 21:00 UTC (16:00 NY) is the last hour of the week; Sunday 10 March 21:00 UTC (17:00 EDT) opens the next.
        pivots.Update(H1(new DateTime(2024, 3, 4, 10, 0, 0, DateTimeKind.Utc), 1.30, 1.00, 1.10));
        pivots.Update(H1(new DateTime(2024, 3, 8, 21, 0, 0, DateTimeKind.Utc), 1.20, 1.10, 1.15));
        Assert.False(pivots.IsReady);
        pivots.Update(H1(new DateTime(2024, 3, 10, 21, 0, 0, DateTimeKind.Utc), 1.16, 1.14, 1.15));
        Assert.True(pivots.IsReady);
        Assert.Equal((1.30 + 1.00 + 1.15) / 3, pivots["pp"], 12);
    }
}
