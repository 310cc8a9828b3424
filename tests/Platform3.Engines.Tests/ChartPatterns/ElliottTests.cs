using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.Engines.TechnicalAnalysis.Elliott;

namespace Platform3.Engines.Tests.ChartPatterns;

public sealed class ElliottTests
{
    private static IReadOnlyList<Pivot> Pivots(params double[] waypoints) =>
        ChartPatternScanner.Scan(PathBars.Create(12, waypoints), ZigZagSettings.ByPercent(1.0)).ZigZag.Pivots;

    [Fact]
    public void A_textbook_impulse_passes_every_rule_and_scores_well()
    {
        // w1 = 0.10, w2 = 50 %, w3 = 1.62 × w1, w4 = 38 % of w3, w5 = w1; then a drop confirms the end of wave 5.
        var pivots = Pivots(1.00, 1.10, 1.05, 1.212, 1.150, 1.25, 1.18);
        var impulse = Assert.Single(ElliottLabeller.ProposeAll(pivots), c => c.Kind == ElliottKind.Impulse);
        Assert.Equal(1, impulse.Direction);
        Assert.True(impulse.SatisfiesHardRules);
        Assert.Equal(5, impulse.Rules.Count);
        Assert.All(impulse.Rules, r => Assert.True(r.Passed, r.Name));
        Assert.InRange(impulse.FibonacciScore, 0.7, 1.0);
        Assert.Equal(pivots[5].ConfirmTime, impulse.ConfirmTime);
    }

    [Theory]
    [InlineData("wave 4 does not overlap wave 1's territory", 1.00, 1.10, 1.05, 1.212, 1.09, 1.25, 1.18)]
    [InlineData("wave 2 does not retrace beyond the start of wave 1", 1.00, 1.10, 0.98, 1.212, 1.150, 1.25, 1.18)]
    [InlineData("wave 3 is not the shortest of waves 1, 3, 5", 1.00, 1.10, 1.05, 1.13, 1.11, 1.25, 1.18)]
    public void Breaking_a_hard_rule_rejects_the_count_and_says_which(string rule, params double[] waypoints)
    {
        var pivots = Pivots(waypoints);
        Assert.DoesNotContain(ElliottLabeller.ProposeAll(pivots), c => c.Kind == ElliottKind.Impulse);
        var rejected = ElliottLabeller.Impulse([.. pivots.Take(6)]);
        Assert.NotNull(rejected);
        Assert.False(rejected.Rules.Single(r => r.Name == rule).Passed);
    }

    [Fact]
    public void A_b_c_correction()
    {
        var pivots = Pivots(1.20, 1.10, 1.15, 1.04, 1.09);
        var abc = Assert.Single(ElliottLabeller.ProposeAll(pivots), c => c.Kind == ElliottKind.Corrective && c.Pivots[0].Price > 1.19);
        Assert.Equal(-1, abc.Direction);
        Assert.All(abc.Rules, r => Assert.True(r.Passed, r.Name));
        Assert.Equal("A-B-C", abc.Label);
        // C stopping short of A's end is no zigzag correction.
        Assert.DoesNotContain(ElliottLabeller.ProposeAll(Pivots(1.20, 1.10, 1.15, 1.12, 1.18)), c => c.Kind == ElliottKind.Corrective && c.Pivots[0].Price > 1.19);
    }
}
