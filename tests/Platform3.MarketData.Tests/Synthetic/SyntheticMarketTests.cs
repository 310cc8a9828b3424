using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Synthetic;

public class SyntheticMarketTests
{
    private static readonly DateTime From = Bars.Utc(2024, 3, 1);
    private static readonly DateTime To = Bars.Utc(2024, 4, 1);
    private static readonly IReadOnlyList<BarSeries> Four =
        new SyntheticMarket().M1(["EURUSD", "GBPUSD", "EURGBP", "USDJPY"], From, To, SynthModel.Regime, 42);

    [Fact]
    public void Same_seed_gives_identical_data_and_another_seed_does_not()
    {
        var a = SyntheticMarket.GenerateM1("EURUSD", From, From.AddDays(7), SynthModel.Regime, 42);
        var b = SyntheticMarket.GenerateM1("EURUSD", From, From.AddDays(7), SynthModel.Regime, 42);
        var c = SyntheticMarket.GenerateM1("EURUSD", From, From.AddDays(7), SynthModel.Regime, 43);
        Bars.Equal(a, b);
        Assert.Equal(a.Time, c.Time);
        Assert.NotEqual(a.Close, c.Close);
    }

    [Fact]
    public void A_pair_is_the_same_whether_generated_alone_or_with_others()
    {
        var alone = SyntheticMarket.GenerateM1("GBPUSD", From, To, SynthModel.Regime, 42);
        Bars.Equal(alone, Four[1]);
    }

    [Theory]
    [InlineData(SynthModel.RandomWalk)]
    [InlineData(SynthModel.Regime)]
    public void Bars_follow_the_calendar_and_are_well_formed(SynthModel model)
    {
        var cal = FxCalendar.Default;
        var s = SyntheticMarket.GenerateM1("USDJPY", Bars.Utc(2023, 12, 20), Bars.Utc(2024, 1, 10), model, 5);
        Assert.True(s.HasAsk);
        for (var i = 0; i < s.Count; i++)
        {
            var t = s.Time[i];
            Assert.True(cal.IsOpen(t), $"bar at {s.TimeAt(i):u} while the market is closed");
            Assert.Equal(0, t % TimeSpan.TicksPerMinute);
            Assert.True(s.High[i] >= Math.Max(s.Open[i], s.Close[i]) && s.Low[i] <= Math.Min(s.Open[i], s.Close[i]) && s.Low[i] > 0);
            Assert.True(s.AskClose![i] - s.Close[i] >= 0.001 - 1e-12, $"spread below one tick at {s.TimeAt(i):u}");
            Assert.True(s.AskHigh![i] >= s.AskLow![i]);
            Assert.Equal(s.Close[i], Math.Round(s.Close[i], 3)); // on the 0.001 tick grid
        }
        // Christmas (trading day 25 Dec) and New Year's Day are closed; so are weekends.
        Assert.DoesNotContain(s.Time, t => cal.TradingDayOf(t) == new DateOnly(2023, 12, 25));
        Assert.DoesNotContain(s.Time, t => cal.TradingDayOf(t) == new DateOnly(2024, 1, 1));
        Assert.DoesNotContain(s.Time, t => FxCalendar.IsWeekendDay(cal.TradingDayOf(t)));
        // Every open minute has a bar: 14 full trading days between 20 Dec and 10 Jan after the holidays.
        var openMinutes = 0;
        for (var t = Bars.Utc(2023, 12, 20).Ticks; t < Bars.Utc(2024, 1, 10).Ticks; t += TimeSpan.TicksPerMinute)
            if (cal.IsOpen(t)) openMinutes++;
        Assert.Equal(openMinutes, s.Count);
    }

    [Fact]
    public void Price_levels_are_plausible_per_pair()
    {
        Assert.InRange(Four[0].Close[0], 1.05, 1.15);   // EURUSD
        Assert.InRange(Four[1].Close[0], 1.20, 1.34);   // GBPUSD
        Assert.InRange(Four[2].Close[0], 0.82, 0.91);   // EURGBP
        Assert.InRange(Four[3].Close[0], 105, 115);     // USDJPY
        Assert.InRange(Four[0].Close[^1], 0.9, 1.3);    // still sane after a month
    }

    [Fact]
    public void Crosses_are_consistent_with_their_legs()
    {
        var (eu, gu, eg) = (Four[0], Four[1], Four[2]);
        Assert.Equal(eu.Time, eg.Time);
        double worst = 0;
        for (var i = 0; i < eu.Count; i += 97)
        {
            var implied = MidClose(eu, i) / MidClose(gu, i);
            worst = Math.Max(worst, Math.Abs(implied / MidClose(eg, i) - 1));
        }
        Assert.True(worst < 3e-4, $"EURGBP differs from EURUSD/GBPUSD by up to {worst:P4} (rounding and spreads only)");
    }

    [Fact]
    public void Pairs_sharing_a_leg_are_positively_correlated()
    {
        var rho = Correlation(Returns(Four[0]), Returns(Four[1]));
        Assert.InRange(rho, 0.3, 0.9); // EURUSD vs GBPUSD
        var rhoJpy = Correlation(Returns(Four[0]), Returns(Four[3]));
        Assert.True(rhoJpy < rho, $"EURUSD/USDJPY correlation {rhoJpy} should be below EURUSD/GBPUSD's {rho}");
    }

    [Fact]
    public void Regime_model_clusters_volatility_and_random_walk_does_not()
    {
        var regime = Returns(SyntheticMarket.GenerateM1("EURUSD", From, To, SynthModel.Regime, 9));
        var walk = Returns(SyntheticMarket.GenerateM1("EURUSD", From, To, SynthModel.RandomWalk, 9));
        var acRegime = Autocorrelation(regime.Select(Math.Abs).ToArray(), 5);
        var acWalk = Autocorrelation(walk.Select(Math.Abs).ToArray(), 5);
        Assert.True(acRegime > 0.1, $"|r| autocorrelation of the regime model is {acRegime}");
        Assert.InRange(acWalk, -0.03, 0.03);
        // The null model has nothing to predict: lag-1 return autocorrelation is ~0.
        Assert.InRange(Autocorrelation(walk, 1), -0.03, 0.03);
        // About 7% annualised for EURUSD in the random walk (√2 × 5% per currency, partly shared bloc shocks).
        var annual = StdDev(walk) * Math.Sqrt(260 * 1440);
        Assert.InRange(annual, 0.04, 0.09);
    }

    [Fact]
    public void Regime_spreads_widen_at_rollover()
    {
        var s = Four[0];
        var cal = FxCalendar.Default;
        var atRollover = new List<double>();
        var london = new List<double>();
        for (var i = 0; i < s.Count; i++)
        {
            var spread = s.AskClose![i] - s.Close[i];
            var close = cal.NextDailyCloseUtcTicks(s.Time[i]);
            if (close - s.Time[i] <= TimeSpan.FromMinutes(5).Ticks) atRollover.Add(spread);
            else if ((cal.ActiveSessions(s.Time[i]) & (TradingSession.London | TradingSession.NewYork)) == (TradingSession.London | TradingSession.NewYork))
                london.Add(spread);
        }
        Assert.True(atRollover.Average() > 2 * london.Average(), $"rollover {atRollover.Average()} vs overlap {london.Average()}");
        Assert.InRange(london.Average() / 0.0001, 0.5, 1.5); // EURUSD about one pip in the busiest hours
    }

    [Fact]
    public void Ticks_follow_the_calendar_and_never_cross()
    {
        var ticks = SyntheticMarket.GenerateTicks("EURUSD", Bars.Utc(2024, 3, 1, 20), Bars.Utc(2024, 3, 4, 2), SynthModel.Regime, 1);
        var cal = FxCalendar.Default;
        Assert.True(ticks.Count > 1000);
        for (var i = 0; i < ticks.Count; i++)
        {
            Assert.True(cal.IsOpen(ticks.Time[i]));
            Assert.True(ticks.Ask[i] > ticks.Bid[i]);
            if (i > 0) Assert.True(ticks.Time[i] >= ticks.Time[i - 1]);
        }
    }

    [Fact]
    public void Unknown_pairs_are_refused_with_the_valid_list()
    {
        var ex = Assert.Throws<UsageException>(() => SyntheticMarket.GenerateM1("EURXYZ", From, To, SynthModel.Regime, 1));
        Assert.Contains("EURUSD", ex.Message);
        Assert.Throws<UsageException>(() => SynthModels.Parse("garch"));
    }

    private static double MidClose(BarSeries s, int i) => 0.5 * (s.Close[i] + s.AskClose![i]);

    internal static double[] Returns(BarSeries s)
    {
        var r = new double[s.Count - 1];
        for (var i = 1; i < s.Count; i++) r[i - 1] = Math.Log(MidClose(s, i) / MidClose(s, i - 1));
        return r;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    private static double Autocorrelation(double[] x, int lag) => Correlation(x[..^lag], x[lag..]);

    private static double StdDev(double[] x)
    {
        var m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }
}
