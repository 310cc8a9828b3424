using FsCheck;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Core.Signals;
using Platform3.Engines.SignalProcessing;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.Tests.ChartPatterns;
using Platform3.Engines.Tests.Properties;

namespace Platform3.Engines.Tests.SignalProcessing;

public sealed class SignalGeneratorTests
{
    private static readonly string[] Specs =
        ["ma-cross(5,20)", "ma-cross(5,20,ma=sma)", "rsi-threshold(14,30,70)", "bb-reversion(20,2)", "donchian-breakout(20)"];

    [Fact]
    public void Ma_crossover_fires_long_on_the_bar_the_fast_ema_closes_above_the_slow_one()
    {
        var bars = PathBars.Create(40, 1.20, 1.10, 1.20);
        var gen = SignalGenerators.Create("ma-cross(5,20)", "EURUSD", Timeframe.H1);
        var signals = gen.Run(bars);
        var fast = new Ema(5).Compute(bars).Values;
        var slow = new Ema(20).Compute(bars).Values;
        var cross = Enumerable.Range(20, bars.Count - 20).First(i => fast[i - 1] < slow[i - 1] && fast[i] > slow[i]);
        var s = Assert.Single(signals);
        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(bars.TimeAt(cross).AddHours(1), s.Time);
        Assert.Equal("ma-cross(5,20)", s.Source);
        Assert.Equal(TimeSpan.FromHours(10), s.Horizon);
        Assert.InRange(s.Strength, 0, 1);
    }

    [Fact]
    public void Rsi_threshold_fires_when_rsi_leaves_the_oversold_zone()
    {
        var bars = PathBars.Create(30, 1.20, 1.10, 1.15);
        var signals = new RsiThreshold("EURUSD", Timeframe.H1).Run(bars);
        var rsi = new Rsi(14).Compute(bars).Values;
        var exit = Enumerable.Range(15, bars.Count - 15).First(i => rsi[i - 1] < 30 && rsi[i] >= 30);
        var s = Assert.Single(signals);
        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(bars.TimeAt(exit).AddHours(1), s.Time);
        Assert.True(s.Strength > 0.5); // RSI went to ~0 on a straight fall
    }

    [Fact]
    public void Bollinger_reversion_fires_short_when_price_returns_inside_from_above()
    {
        var bars = PathBars.Create(30, 1.10, 1.1005, 1.0995, 1.1003, 1.12, 1.10);
        var signals = new BollingerReversion("EURUSD", Timeframe.H1).Run(bars);
        Assert.Contains(signals, s => s.Direction == SignalDirection.Short);
        var bb = new Bollinger(20, 2).Compute(bars);
        var s = signals.First(x => x.Direction == SignalDirection.Short);
        var i = (int)((s.Time - bars.TimeAt(0)).Ticks / TimeSpan.TicksPerHour) - 1;
        Assert.True(bars.Close[i] <= bb["upper"][i] && bars.Close[i - 1] > bb["upper"][i - 1]);
    }

    [Fact]
    public void Donchian_breakout_fires_on_the_first_close_above_the_prior_high()
    {
        var bars = PathBars.Create(10, 1.10, 1.105, 1.10, 1.105, 1.10, 1.12);
        var signals = new DonchianBreakout("EURUSD", Timeframe.H1).Run(bars);
        var s = Assert.Single(signals);
        Assert.Equal(SignalDirection.Long, s.Direction);
        var i = (int)((s.Time - bars.TimeAt(0)).Ticks / TimeSpan.TicksPerHour) - 1;
        var priorHigh = Enumerable.Range(i - 20, 20).Max(j => bars.High[j]);
        Assert.True(bars.Close[i] > priorHigh);
        Assert.True(bars.Close[i - 1] <= Enumerable.Range(i - 21, 20).Max(j => bars.High[j]));
    }

    [Fact]
    public void London_open_range_breakout_in_summer_time()
    {
        // 10 July 2024: London opens 08:00 BST = 07:00 UTC. M15 bars from 06:30 UTC.
        var t0 = new DateTime(2024, 7, 10, 6, 30, 0, DateTimeKind.Utc);
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M15);
        double[] closes = [1.0800, 1.0802, /* range 07:00–08:00 UTC */ 1.0805, 1.0810, 1.0798, 1.0806, /* after */ 1.0807, 1.0809, 1.0815, 1.0830];
        for (var i = 0; i < closes.Length; i++)
        {
            var c = closes[i];
            b.Add(new Bar(t0.AddMinutes(15 * i), c, c + 0.0001, c - 0.0001, c));
        }
        var bars = b.Build();
        var s = Assert.Single(new SessionBreakout("EURUSD", Timeframe.M15).Run(bars));
        // Range high = 1.0811 (the 07:15 bar); the 08:30 UTC bar closes at 1.0815 above it.
        Assert.Equal(SignalDirection.Long, s.Direction);
        Assert.Equal(new DateTime(2024, 7, 10, 8, 45, 0, DateTimeKind.Utc), s.Time);
        Assert.Equal(new DateTime(2024, 7, 10, 16, 0, 0, DateTimeKind.Utc) - s.Time, s.Horizon); // to 17:00 BST
        Assert.Equal("session-breakout(60,session=london)", s.Source);
    }

    [Fact]
    public void Bad_specs_name_the_valid_generators()
    {
        var e = Assert.Throws<UsageException>(() => SignalGenerators.Create("ma-cros(5,20)", "EURUSD", Timeframe.H1));
        Assert.Contains("ma-cross(fast=10", e.Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => SignalGenerators.Create("ma-cross(20,5)", "EURUSD", Timeframe.H1));
        Assert.Throws<UsageException>(() => SignalGenerators.Create("session-breakout(60)", "EURUSD", Timeframe.H4));
    }

    [FsCheck.Xunit.Property(MaxTest = 30, Replay = "(4242,99)")]
    public Property Signals_are_causal_stamped_at_bar_close_and_bounded() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(50, 600).ToArbitrary(), (seed, n) =>
        {
            var bars = RandomBars.Create(seed, n, step: 6e-4);
            var cut = n / 2;
            foreach (var spec in Specs)
            {
                var all = SignalGenerators.Create(spec, "EURUSD", Timeframe.H1).Run(bars);
                var prefix = SignalGenerators.Create(spec, "EURUSD", Timeframe.H1).Run(bars.Range(0, cut));
                var cutTime = bars.TimeAt(cut - 1).AddHours(1);
                if (!all.Where(s => s.Time <= cutTime).SequenceEqual(prefix)) return false;
                if (all.Any(s => s.Strength is < 0 or > 1 || s.Source != spec || (s.Time - bars.TimeAt(0)).Ticks % TimeSpan.TicksPerHour != 0
                        || s.Time <= bars.TimeAt(0))) return false;
            }
            return true;
        });
}
