using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Kernel;

public class DataEngineTests
{
    private sealed class Recorder(params Timeframe[] timeframes) : Platform3.Trading.Strategies.Strategy
    {
        public override string Name => "recorder";
        public List<(DateTime Now, Timeframe Tf, DateTime Open, DateTime Close, Bar Bar)> Seen { get; } = [];
        public List<(DateTime Now, string Name, DateTime Due)> Timers { get; } = [];
        public override void OnStart()
        {
            foreach (var tf in timeframes) Context.Subscribe(Context.Universe[0], tf);
            Context.ScheduleDaily("london-open", new TimeOnly(8, 0), "Europe/London");
        }
        public override void OnBar(in BarEvent e) => Seen.Add((Context.UtcNow, e.Timeframe, e.Bar.Time, e.CloseTime, e.Bar));
        public override void OnTimer(in TimerEvent t) => Timers.Add((Context.UtcNow, t.Name, t.Due));
    }

    [Fact]
    public void An_H1_bar_arrives_at_its_close_after_the_M5_bars_inside_it()
    {
        var eu = Bars.EURUSD;
        var start = new DateTime(2017, 1, 9, 9, 0, 0, DateTimeKind.Utc);
        var m5 = RandomBars.Walk(eu, Timeframe.M5, start, 36, seed: 1, startPrice: 1.06);
        var rec = new Recorder(Timeframe.M5, Timeframe.H1);
        Harness.Run(rec, new MarketDataSet().AddBars(eu, m5));
        var h1 = rec.Seen.Where(x => x.Tf == Timeframe.H1).ToArray();
        Assert.Equal(3, h1.Length);
        for (var k = 0; k < 3; k++)
        {
            var (now, _, open, close, bar) = h1[k];
            Assert.Equal(start.AddHours(k), open);
            Assert.Equal(start.AddHours(k + 1), close);
            Assert.Equal(close, now); // delivered at its close, never earlier
            var inside = rec.Seen.Where(x => x.Tf == Timeframe.M5 && x.Open >= open && x.Open < close).ToArray();
            Assert.Equal(12, inside.Length);
            // ... and after all twelve M5 bars.
            Assert.True(rec.Seen.IndexOf(h1[k]) > rec.Seen.IndexOf(inside[^1]));
            Assert.Equal(inside[0].Bar.Open, bar.Open);
            Assert.Equal(inside.Max(x => x.Bar.High), bar.High);
            Assert.Equal(inside.Min(x => x.Bar.Low), bar.Low);
            Assert.Equal(inside[^1].Bar.Close, bar.Close);
            Assert.Equal(inside[^1].Bar.AskClose, bar.AskClose);
        }
        Assert.All(rec.Seen, x => Assert.Equal(x.Close, x.Now));
    }

    [Fact]
    public void A_higher_bar_whose_last_finer_bar_is_missing_is_delivered_when_time_passes_its_close()
    {
        var eu = Bars.EURUSD;
        var start = new DateTime(2017, 1, 9, 9, 0, 0, DateTimeKind.Utc);
        var full = RandomBars.Walk(eu, Timeframe.M5, start, 24, seed: 2, startPrice: 1.06);
        // Drop the 09:55 bar: the 09:00 H1 bar can only be known complete once 10:00 has passed.
        var keep = Enumerable.Range(0, full.Count).Where(i => full.TimeAt(i) != start.AddMinutes(55)).ToArray();
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M5);
        foreach (var i in keep) b.Add(full[i]);
        var rec = new Recorder(Timeframe.M5, Timeframe.H1);
        Harness.Run(rec, new MarketDataSet().AddBars(eu, b.Build()));
        var first = rec.Seen.First(x => x.Tf == Timeframe.H1);
        Assert.Equal(start.AddHours(1), first.Close);
        Assert.Equal(start.AddHours(1), first.Now); // delivered at 10:00 (the next bar's open), stamped with its close
        Assert.Equal(11, rec.Seen.Count(x => x.Tf == Timeframe.M5 && x.Close <= first.Close));
        // It came before the 10:00 M5 bar (which closes at 10:05).
        Assert.True(rec.Seen.IndexOf(first) < rec.Seen.FindIndex(x => x.Tf == Timeframe.M5 && x.Open == start.AddHours(1)));
    }

    [Fact]
    public void Daily_bars_close_at_1700_new_york_and_timers_follow_london_time()
    {
        var eu = Bars.EURUSD;
        // 20 March 2017: New York is on summer time (UTC−4), London still on winter time (UTC+0) until 26 March.
        var start = new DateTime(2017, 3, 19, 21, 0, 0, DateTimeKind.Utc); // Sunday 17:00 New York
        var h1 = RandomBars.Walk(eu, Timeframe.H1, start, 24 * 10, seed: 3, startPrice: 1.07);
        var rec = new Recorder(Timeframe.H1, Timeframe.D1);
        Harness.Run(rec, new MarketDataSet().AddBars(eu, h1));
        var d1 = rec.Seen.Where(x => x.Tf == Timeframe.D1).ToArray();
        Assert.Equal(new DateTime(2017, 3, 20, 21, 0, 0, DateTimeKind.Utc), d1[0].Close); // Monday 17:00 New York
        Assert.All(d1, x => Assert.Equal(21, x.Close.Hour));
        // London 08:00 is 08:00 UTC before 26 March and 07:00 UTC after.
        Assert.Contains(rec.Timers, t => t.Due == new DateTime(2017, 3, 24, 8, 0, 0, DateTimeKind.Utc));
        Assert.Contains(rec.Timers, t => t.Due == new DateTime(2017, 3, 27, 7, 0, 0, DateTimeKind.Utc));
        Assert.All(rec.Timers, t => Assert.True(t.Now >= t.Due && t.Now - t.Due < TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Subscribing_to_an_impossible_timeframe_is_a_usage_error()
    {
        var eu = Bars.EURUSD;
        var rec = new Recorder(Timeframe.M1);
        var ex = Assert.Throws<Core.Errors.UsageException>(() =>
            Harness.Run(rec, new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M5, Bars.T0, 10, 1, 1.1))));
        Assert.Contains("cannot deliver EURUSD M1 from M5 data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bus_delivers_in_subscription_order_and_unsubscribes()
    {
        var bus = new MessageBus();
        var seen = new List<string>();
        var a = bus.Subscribe<int>(i => seen.Add($"a{i}"));
        bus.Subscribe<int>(i => seen.Add($"b{i}"));
        bus.Subscribe<string>(s => seen.Add(s));
        bus.Publish(1);
        a.Dispose();
        bus.Publish(2);
        bus.Publish("x");
        bus.Publish(3.0); // no subscriber: nothing happens
        Assert.Equal(["a1", "b1", "b2", "x"], seen);
        Assert.False(bus.HasSubscribers<double>());
    }
}
