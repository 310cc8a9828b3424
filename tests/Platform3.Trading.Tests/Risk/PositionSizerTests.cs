using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Risk;

public class PositionSizerTests
{
    [Fact]
    public void Fixed_fractional_risks_the_fraction_over_the_stop()
    {
        // 100k equity, 1% risk, 50-pip stop on EURUSD (quote USD = account): 1000 / 0.0050 = 200,000 units.
        Assert.Equal(200_000, PositionSizer.FixedFractional(100_000, 0.01, 0.0050, 1.0), 6);
        // USDJPY: a 50-pip stop is 0.50 JPY; 1 JPY = 1/110 USD.
        Assert.Equal(1000 / (0.50 / 110), PositionSizer.FixedFractional(100_000, 0.01, 0.50, 1 / 110.0), 6);
        Assert.Equal(0, PositionSizer.FixedFractional(100_000, 0.01, 0, 1.0));
    }

    [Fact]
    public void Volatility_target_makes_one_ATR_cost_the_fraction()
    {
        var units = PositionSizer.VolatilityTarget(50_000, 0.005, 0.0025, 1.0);
        Assert.Equal(250, units * 0.0025, 9);
    }

    [Fact]
    public void Kelly_is_fractional_and_capped_and_zero_without_edge()
    {
        // p = 0.6, b = 2: f* = 0.6 − 0.4/2 = 0.4; quarter Kelly 0.1, capped at 0.02.
        Assert.Equal(0.02, PositionSizer.KellyRiskFraction(0.6, 2, 0.25, 0.02), 12);
        Assert.Equal(0.1, PositionSizer.KellyRiskFraction(0.6, 2, 0.25, 0.5), 12);
        Assert.Equal(0, PositionSizer.KellyRiskFraction(0.5, 1, 0.25, 0.02));
        Assert.Equal(0, PositionSizer.KellyRiskFraction(0.3, 2, 0.25, 0.02));
        Assert.Equal(0.6, PositionSizer.WinProbability(0.2), 12);
    }
}
