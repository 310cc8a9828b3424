using Platform3.Engines.SignalProcessing;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.Tests.ChartPatterns;

namespace Platform3.Engines.Tests.SignalProcessing;

public sealed class FilterTests
{
    [Theory]
    [InlineData("supersmoother(10)")]
    [InlineData("kalman(0.01,0.01)")]
    [InlineData("vidya(14,9)")]
    [InlineData("kama(10,2,30)")]
    public void A_constant_input_passes_unchanged(string spec)
    {
        var f = (ValueIndicator)IndicatorFactory.Create(spec);
        for (var i = 0; i < 200; i++) f.Update(1.2345);
        Assert.Equal(1.2345, f.Value, 12);
    }

    [Fact]
    public void Frama_of_a_flat_market_is_the_price()
    {
        var frama = new Frama(16);
        var bars = PathBars.Create(100, 1.10, 1.10);
        for (var i = 0; i < bars.Count; i++) frama.Update(bars[i]);
        Assert.Equal(1.10, frama.Value, 12);
    }

    [Fact]
    public void Kalman_tracks_a_linear_trend_level_and_slope()
    {
        var k = new KalmanTrend(0.01, 0.01);
        for (var i = 0; i < 2000; i++) k.Update(1.1 + 1e-4 * i);
        Assert.Equal(1.1 + 1e-4 * 1999, k["level"], 9);
        Assert.Equal(1e-4, k["trend"], 9);
    }

    [Fact]
    public void Super_smoother_damps_a_two_bar_cycle_and_passes_a_slow_one()
    {
        // Period-2 zigzag (the Nyquist frequency) is removed almost entirely by a 10-bar smoother.
        var ss = new SuperSmoother(10);
        for (var i = 0; i < 400; i++) ss.Update(i % 2 == 0 ? 1.0 : -1.0);
        Assert.InRange(Math.Abs(ss.Value), 0, 0.01);
        var slow = new SuperSmoother(10);
        double max = 0;
        for (var i = 0; i < 400; i++)
        {
            slow.Update(Math.Sin(2 * Math.PI * i / 100));
            if (i > 300) max = Math.Max(max, slow.Value);
        }
        Assert.InRange(max, 0.9, 1.05);
    }
}
