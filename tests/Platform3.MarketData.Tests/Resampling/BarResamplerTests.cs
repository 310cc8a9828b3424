using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Resampling;

public class BarResamplerTests
{
    private static readonly FxCalendar Cal = FxCalendar.Default;

    private static BarSeries Series(Timeframe tf, params Bar[] bars)
    {
        var b = new BarSeriesBuilder("EURUSD", tf);
        foreach (var bar in bars) b.Add(bar);
        return b.Build();
    }

    [Fact]
    public void M1_to_M5_matches_hand_computed_bars()
    {
        var t = Bars.Utc(2024, 7, 10, 10, 0);
        var src = Series(Timeframe.M1,
            new Bar(t, 1.10000, 1.10020, 1.09990, 1.10010, 1.10008, 1.10028, 1.09998, 1.10018, 5),
            new Bar(t.AddMinutes(1), 1.10010, 1.10050, 1.10000, 1.10040, 1.10018, 1.10058, 1.10008, 1.10048, 7),
            // 10:02 missing (no trade)
            new Bar(t.AddMinutes(3), 1.10040, 1.10045, 1.09970, 1.09980, 1.10049, 1.10054, 1.09979, 1.09989, 2),
            new Bar(t.AddMinutes(4), 1.09980, 1.10000, 1.09975, 1.09995, 1.09990, 1.10010, 1.09985, 1.10005, 1),
            new Bar(t.AddMinutes(6), 1.09995, 1.10100, 1.09990, 1.10090, 1.10003, 1.10108, 1.09998, 1.10098, 9));
        var m5 = BarResampler.Resample(src, Timeframe.M5, Cal);
        Assert.Equal(2, m5.Count);
        Assert.True(Bars.Same(new Bar(t, 1.10000, 1.10050, 1.09970, 1.09995, 1.10008, 1.10058, 1.09979, 1.10005, 15), m5[0]), Bars.Describe(m5[0]));
        Assert.True(Bars.Same(new Bar(t.AddMinutes(5), 1.09995, 1.10100, 1.09990, 1.10090, 1.10003, 1.10108, 1.09998, 1.10098, 9), m5[1]), Bars.Describe(m5[1]));
    }

    [Fact]
    public void Bid_only_bars_keep_the_last_known_spread()
    {
        var t = Bars.Utc(2024, 7, 10, 10, 0);
        var src = Series(Timeframe.M1,
            new Bar(t, 1.1, 1.2, 1.0, 1.1, 0) { Spread = 0.0001 },
            new Bar(t.AddMinutes(1), 1.1, 1.3, 1.05, 1.2, 0) { Spread = 0.0003 },
            new Bar(t.AddMinutes(2), 1.2, 1.2, 1.1, 1.15, 0) { Spread = double.NaN });
        var h1 = BarResampler.Resample(src, Timeframe.H1, Cal);
        Assert.Single(h1.Time);
        Assert.False(h1.HasAsk);
        Assert.Equal(0.0003, h1.Spread![0]);
        Assert.Equal((1.1, 1.3, 1.0, 1.15), (h1.Open[0], h1.High[0], h1.Low[0], h1.Close[0]));
    }

    [Theory]
    // Summer (EDT, UTC-4): the trading day closes at 21:00 UTC.
    [InlineData("2024-07-10T20:59:00Z", "2024-07-09T21:00:00Z")]
    [InlineData("2024-07-10T21:00:00Z", "2024-07-10T21:00:00Z")]
    // Winter (EST, UTC-5): 22:00 UTC.
    [InlineData("2024-01-10T21:59:00Z", "2024-01-09T22:00:00Z")]
    [InlineData("2024-01-10T22:00:00Z", "2024-01-10T22:00:00Z")]
    // The week of the March switch: Friday 8 March opens Thursday 17:00 EST, Monday 11 March opens Sunday 17:00 EDT.
    [InlineData("2024-03-08T12:00:00Z", "2024-03-07T22:00:00Z")]
    [InlineData("2024-03-11T12:00:00Z", "2024-03-10T21:00:00Z")]
    // November: the Monday after the switch opens Sunday 17:00 EST.
    [InlineData("2024-11-04T12:00:00Z", "2024-11-03T22:00:00Z")]
    public void D1_bars_open_at_17_00_New_York(string minute, string expectedOpen)
    {
        var t = DateTime.Parse(minute, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var d1 = BarResampler.Resample(Series(Timeframe.M1, new Bar(t, 1, 1, 1, 1, 1)), Timeframe.D1, Cal);
        Assert.Equal(DateTime.Parse(expectedOpen, null, System.Globalization.DateTimeStyles.AdjustToUniversal), d1.TimeAt(0));
    }

    [Fact]
    public void Higher_frames_make_no_weekend_bars_and_align_to_New_York()
    {
        var m1 = SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2024, 2, 26), Bars.Utc(2024, 3, 30), SynthModel.RandomWalk, 11);
        var ny = Platform3.Core.Time.FastZone.NewYork;
        var d1 = BarResampler.Resample(m1, Timeframe.D1, Cal);
        Assert.All(d1.Time, t => Assert.Equal(17, ny.UtcToLocal(new DateTime(t, DateTimeKind.Utc)).Hour));
        Assert.All(d1.Time, t => Assert.False(FxCalendar.IsWeekendDay(Cal.TradingDayOf(t))));
        Assert.Equal(Enumerable.Range(0, 34).Select(i => new DateOnly(2024, 2, 26).AddDays(i))
            .Count(d => Cal.IsTradingDay(d) && d <= new DateOnly(2024, 3, 29)), d1.Count);

        var h4 = BarResampler.Resample(m1, Timeframe.H4, Cal);
        Assert.All(h4.Time, t => Assert.Contains(ny.UtcToLocal(new DateTime(t, DateTimeKind.Utc)).Hour, new[] { 17, 21, 1, 5, 9, 13, 2, 6 }));
        var w1 = BarResampler.Resample(m1, Timeframe.W1, Cal);
        Assert.All(w1.Time, t =>
        {
            var local = ny.UtcToLocal(new DateTime(t, DateTimeKind.Utc));
            Assert.Equal((DayOfWeek.Sunday, 17), (local.DayOfWeek, local.Hour));
        });
        // Each W1 bar aggregates exactly the M1 bars of its week.
        for (var i = 0; i < w1.Count; i++)
        {
            var close = Cal.BarCloseUtcTicks(Timeframe.W1, w1.Time[i]);
            var a = m1.LowerBound(w1.Time[i]);
            var b = m1.LowerBound(close);
            Assert.Equal(m1.Open[a], w1.Open[i]);
            Assert.Equal(m1.Close[b - 1], w1.Close[i]);
            Assert.Equal(m1.High[a..b].Max(), w1.High[i]);
            Assert.Equal(m1.Volume[a..b].Sum(), w1.Volume[i]);
        }
    }

    [Fact]
    public void Invalid_targets_are_refused_with_the_valid_ones()
    {
        var m5 = Series(Timeframe.M5, new Bar(Bars.Utc(2024, 1, 2), 1, 1, 1, 1));
        var ex = Assert.Throws<UsageException>(() => BarResampler.Resample(m5, Timeframe.M1, Cal));
        Assert.Contains("M15", ex.Message);
        Assert.Throws<UsageException>(() => BarResampler.Resample(m5, Timeframe.M5, Cal));
    }

    public static Arbitrary<(int Seed, int DropPercent, int StartDay)> Cases =>
        Gen.Choose(1, 1_000_000).SelectMany(seed => Gen.Choose(0, 95).SelectMany(drop => Gen.Choose(0, 340)
            .Select(day => (seed, drop, day)))).ToArbitrary();

    private static BarSeries RandomM1((int Seed, int DropPercent, int StartDay) c, bool bidOnly = false)
    {
        var from = Bars.Utc(2024, 1, 1).AddDays(c.StartDay);
        var full = SyntheticMarket.GenerateM1("GBPUSD", from, from.AddDays(12), SynthModel.Regime, c.Seed);
        var thin = Bars.Thin(full, c.DropPercent / 100.0, c.Seed);
        if (!bidOnly) return thin;
        var spread = thin.AskClose!.Select((a, i) => i % 7 == 3 ? double.NaN : a - thin.Close[i]).ToArray();
        return new BarSeries(thin.Symbol, thin.Timeframe, thin.Time, thin.Open, thin.High, thin.Low, thin.Close, thin.Volume, spread: spread);
    }

    [Property(MaxTest = 25)]
    public Property Resampling_in_steps_equals_resampling_at_once() =>
        Prop.ForAll(Cases, c =>
        {
            var m1 = RandomM1(c);
            Bars.Equal(BarResampler.Resample(m1, Timeframe.H1, Cal),
                BarResampler.Resample(BarResampler.Resample(m1, Timeframe.M5, Cal), Timeframe.H1, Cal));
            Bars.Equal(BarResampler.Resample(m1, Timeframe.H4, Cal),
                BarResampler.Resample(BarResampler.Resample(m1, Timeframe.M30, Cal), Timeframe.H4, Cal));
            Bars.Equal(BarResampler.Resample(m1, Timeframe.D1, Cal),
                BarResampler.Resample(BarResampler.Resample(m1, Timeframe.H1, Cal), Timeframe.D1, Cal));
            Bars.Equal(BarResampler.Resample(m1, Timeframe.W1, Cal),
                BarResampler.Resample(BarResampler.Resample(m1, Timeframe.D1, Cal), Timeframe.W1, Cal));
        });

    [Property(MaxTest = 25)]
    public Property Streaming_aggregation_equals_batch_resampling() =>
        Prop.ForAll(Cases, c =>
        {
            foreach (var bidOnly in new[] { false, true })
            {
                var m1 = RandomM1(c, bidOnly);
                foreach (var tf in new[] { Timeframe.M5, Timeframe.H1, Timeframe.H4, Timeframe.D1, Timeframe.W1 })
                    Bars.Equal(BarResampler.Resample(m1, tf, Cal), Stream(m1, tf));
            }
        });

    private static BarSeries Stream(BarSeries m1, Timeframe tf)
    {
        var agg = new StreamingBarAggregator(Timeframe.M1, tf, Cal, m1.HasAsk);
        var outB = new BarSeriesBuilder(m1.Symbol, tf);
        var spread = new List<double>();
        void Drain()
        {
            while (agg.TryTake(out var b)) { outB.Add(b); spread.Add(b.Spread); }
        }
        for (var i = 0; i < m1.Count; i++)
        {
            agg.Push(m1[i]);
            Drain();
        }
        agg.Flush();
        Drain();
        var built = outB.Build();
        // The builder drops an all-NaN spread column; rebuild it as batch would (bid-only source with a spread column).
        return m1.Spread is null || m1.HasAsk ? built
            : new BarSeries(built.Symbol, tf, built.Time, built.Open, built.High, built.Low, built.Close, built.Volume, spread: spread.ToArray());
    }

    [Fact]
    public void Streaming_emits_a_bar_as_soon_as_its_last_minute_arrives()
    {
        var t = Bars.Utc(2024, 7, 10, 10, 0);
        var agg = new StreamingBarAggregator(Timeframe.M1, Timeframe.M5, Cal);
        agg.Push(new Bar(t.AddMinutes(3), 1, 1, 1, 1, 1.1, 1.1, 1.1, 1.1, 1));
        Assert.False(agg.TryTake(out _));
        agg.Push(new Bar(t.AddMinutes(4), 1, 2, 1, 2, 1.1, 2.1, 1.1, 2.1, 1));
        Assert.True(agg.TryTake(out var done)); // 10:04 is the bucket's last minute: complete at 10:05, not later
        Assert.Equal(t, done.Time);
        Assert.Equal(2, done.High);
        // A bucket whose last minute is missing completes when the clock passes its close.
        agg.Push(new Bar(t.AddMinutes(6), 1, 1, 1, 1, 1.1, 1.1, 1.1, 1.1, 1));
        agg.AdvanceTo(t.AddMinutes(9).Ticks);
        Assert.False(agg.TryTake(out _));
        agg.AdvanceTo(t.AddMinutes(10).Ticks);
        Assert.True(agg.TryTake(out done));
        Assert.Equal(t.AddMinutes(5), done.Time);
        Assert.Throws<InvalidOperationException>(() => agg.Push(new Bar(t, 1, 1, 1, 1)));
    }

    [Fact]
    public void Ticks_become_bid_ask_M1_bars_with_spread_statistics()
    {
        var t0 = Bars.Utc(2024, 7, 10, 10, 0).Ticks;
        var ms = TimeSpan.TicksPerMillisecond;
        var ticks = new TickSeries("EURUSD",
            [t0 + 100 * ms, t0 + 20_000 * ms, t0 + 20_000 * ms, t0 + 59_999 * ms, t0 + 61_000 * ms],
            [1.10000, 1.10010, 1.09990, 1.10005, 1.10020],
            [1.10002, 1.10013, 1.09991, 1.10009, 1.10021],
            [0, 0, 0, 0, 0]);
        var r = TickBarAggregator.Aggregate(ticks, Cal);
        Assert.Equal(2, r.Bars.Count);
        var b = r.Bars[0];
        Assert.True(Bars.Same(new Bar(new DateTime(t0, DateTimeKind.Utc), 1.10000, 1.10010, 1.09990, 1.10005, 1.10002, 1.10013, 1.09991, 1.10009, 4), b), Bars.Describe(b));
        Assert.Equal((0.00002 + 0.00003 + 0.00001 + 0.00004) / 4, r.SpreadMean[0], 12);
        Assert.Equal(0.00001, r.SpreadMin[0], 12);
        Assert.Equal(0.00004, r.SpreadMax[0], 12);
        Assert.Equal(1, r.Bars.Volume[1]);
    }
}
