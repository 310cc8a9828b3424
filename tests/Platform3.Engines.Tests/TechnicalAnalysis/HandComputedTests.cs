using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.Tests.Properties;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

/// <summary>Indicators the reference files do not cover, checked against values worked out by hand.</summary>
public sealed class HandComputedTests
{
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Bar B(int i, double o, double h, double l, double c, long v = 0) => new(T0.AddHours(i), o, h, l, c, v);

    private static double[] Feed(Indicator indicator, IEnumerable<Bar> bars, string output)
    {
        var k = indicator.IndexOf(output);
        return bars.Select(b => { indicator.Update(b); return indicator[k]; }).ToArray();
    }

    private static double[] FeedCloses(string spec, params double[] closes)
    {
        var ind = (ValueIndicator)IndicatorFactory.Create(spec);
        return closes.Select(c => { ind.Update(c); return ind.Value; }).ToArray();
    }

    [Fact]
    public void Linear_regression_of_1_2_4()
    {
        // x = 0,1,2 (oldest first): slope = Σ(x−1)(y−7/3)/2 = 1.5, line at the oldest bar = 7/3 − 1.5.
        var ind = new LinearRegression(3);
        foreach (var y in new[] { 1.0, 2, 4 }) ind.Update(y);
        Assert.Equal(7.0 / 3 - 1.5 + 3, ind["value"], 12);
        Assert.Equal(1.5, ind["slope"], 12);
        Assert.Equal(Math.Atan(1.5) * 180 / Math.PI, ind["angle"], 12);
        Assert.Equal(7.0 / 3 - 1.5, ind["intercept"], 12);
        Assert.Equal(7.0 / 3 - 1.5 + 4.5, ind["forecast"], 12);
        Assert.Equal(7.0 / 3 - 1.5 + 4.5, FeedCloses("tsf(3)", 1, 2, 4)[2], 12);
    }

    [Fact]
    public void Linear_regression_stays_exact_on_fx_prices_over_many_updates()
    {
        // A straight line at FX scale: every window's slope is exactly the step, whatever the running sums did.
        var ind = new LinearRegression(20);
        for (var i = 0; i < 200_000; i++) ind.Update(1.1 + 1e-6 * i);
        Assert.Equal(1e-6, ind["slope"], 1e-15);
        Assert.Equal(1.1 + 1e-6 * 199_999, ind["value"], 1e-12);
    }

    [Fact]
    public void Historical_volatility_is_the_sample_deviation_of_log_returns()
    {
        // Returns ln 2 and ln 4 = 2 ln 2: sample σ = ln2/√2.
        var hv = FeedCloses("hv(2,1)", 1, 2, 8);
        Assert.True(double.IsNaN(hv[1]));
        Assert.Equal(Math.Log(2) / Math.Sqrt(2), hv[2], 12);
        Assert.Equal(Math.Log(2) / Math.Sqrt(2) * Math.Sqrt(252), FeedCloses("hv(2,252)", 1, 2, 8)[2], 12);
    }

    [Fact]
    public void Ulcer_index_of_a_drawdown()
    {
        // Closes 10, 8, 9 with n = 2: R = −20 % (8 vs 10), then 0 % (9 is the max of 8, 9): UI = √((400 + 0)/2).
        var ui = FeedCloses("ulcer(2)", 10, 8, 9);
        Assert.True(double.IsNaN(ui[1]));
        Assert.Equal(Math.Sqrt(200), ui[2], 12);
    }

    [Fact]
    public void Z_score_of_1_2_3()
    {
        Assert.Equal(1 / Math.Sqrt(2.0 / 3), FeedCloses("zscore(3)", 1, 2, 3)[2], 12);
        Assert.Equal(0, FeedCloses("zscore(3)", 5, 5, 5)[2]);
    }

    [Fact]
    public void Rates_of_change()
    {
        Assert.Equal(0.25, FeedCloses("rocp(2)", 4, 9, 5)[2], 12);
        Assert.Equal(1.25, FeedCloses("rocr(2)", 4, 9, 5)[2], 12);
        Assert.Equal(25, FeedCloses("roc(2)", 4, 9, 5)[2], 12);
        Assert.Equal(1, FeedCloses("mom(2)", 4, 9, 5)[2], 12);
    }

    [Fact]
    public void Vortex_over_two_bars()
    {
        Bar[] bars = [B(0, 10, 11, 9, 10), B(1, 10, 12, 10, 11), B(2, 11, 13, 10.5, 12)];
        // VM+ = |12−9| + |13−10| = 6, VM− = |10−11| + |10.5−12| = 2.5, TR = max(2, 2, 0)=2 and max(2.5, 2, 0.5)=2.5.
        var plus = Feed(new Vortex(2), bars, "plus");
        var minus = Feed(new Vortex(2), bars, "minus");
        Assert.True(double.IsNaN(plus[1]));
        Assert.Equal(6 / 4.5, plus[2], 12);
        Assert.Equal(2.5 / 4.5, minus[2], 12);
    }

    [Fact]
    public void Choppiness_over_two_bars()
    {
        Bar[] bars = [B(0, 10, 11, 9, 10), B(1, 10, 12, 10, 11), B(2, 11, 13, 10.5, 12)];
        // ΣTR = 2 + 2.5, range = 13 − 10 = 3: 100·log10(4.5/3)/log10(2).
        Assert.Equal(100 * Math.Log10(1.5) / Math.Log10(2), Feed(new Choppiness(2), bars, "chop")[2], 12);
    }

    [Fact]
    public void Heikin_ashi_first_and_second_candle()
    {
        Bar[] bars = [B(0, 10, 12, 9, 11), B(1, 11, 14, 10, 13)];
        var ha = new HeikinAshi();
        ha.Update(bars[0]);
        Assert.Equal(10.5, ha["open"]);
        Assert.Equal(10.5, ha["close"]);
        ha.Update(bars[1]);
        Assert.Equal(10.5, ha["open"]);
        Assert.Equal(12, ha["close"]);
        Assert.Equal(14, ha["high"]);
        Assert.Equal(10, ha["low"]);
    }

    [Fact]
    public void Ichimoku_reports_today_the_cloud_computed_displacement_bars_ago()
    {
        var bars = RandomBars.Create(7, 300);
        var r = new Ichimoku(3, 5, 8, 4).Compute(bars);
        for (var i = 0; i < bars.Count; i++)
        {
            if (i < 4 || double.IsNaN(r["leada"][i - 4])) continue;
            Assert.Equal(r["leada"][i - 4], r["senkoua"][i]);
            Assert.Equal(r["leadb"][i - 4], r["senkoub"][i]);
            Assert.Equal((r["tenkan"][i - 4] + r["kijun"][i - 4]) / 2, r["senkoua"][i]);
        }
    }

    [Fact]
    public void Ichimoku_chikou_compares_the_close_with_the_close_displacement_bars_ago()
    {
        var bars = RandomBars.Create(8, 300);
        var ichimoku = new Ichimoku(3, 5, 8, 4);
        var r = ichimoku.Compute(bars);
        Assert.Equal(6, ichimoku.IndexOf("chikoudiff"));
        var ready = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            if (i + 1 < ichimoku.WarmUpPeriod)
            {
                Assert.True(double.IsNaN(r["chikoudiff"][i]));
                continue;
            }
            Assert.Equal(bars.Close[i] - bars.Close[i - 4], r["chikoudiff"][i]);
            ready++;
        }
        Assert.Equal(bars.Count - ichimoku.WarmUpPeriod + 1, ready);
    }

    [Fact]
    public void Supertrend_and_sar_trend_outputs_agree_with_their_levels()
    {
        var bars = RandomBars.Create(11, 500);
        var st = new Supertrend(5, 2).Compute(bars);
        var sar = new ParabolicSar().Compute(bars);
        for (var i = 10; i < bars.Count; i++)
        {
            Assert.Equal(st["trend"][i] > 0 ? st["lower"][i] : st["upper"][i], st["supertrend"][i]);
            Assert.Equal(sar["trend"][i] * sar["sar"][i], sar["signed"][i]);
        }
    }

    [Fact]
    public void Kama_er_is_one_on_a_straight_line_and_zero_when_price_returns()
    {
        var kama = new Kama(4, 2, 30);
        foreach (var x in new[] { 1.0, 2, 3, 4, 5 }) kama.Update(x);
        Assert.Equal(1, kama["er"]);
        foreach (var x in new[] { 6.0, 5, 6, 5 }) kama.Update(x);
        Assert.Equal(0, kama["er"]);
    }
}
