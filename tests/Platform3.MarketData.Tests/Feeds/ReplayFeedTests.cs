using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Feeds;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Feeds;

public class ReplayFeedTests
{
    private static readonly BarSeries M1 = SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2024, 3, 8, 20), Bars.Utc(2024, 3, 11, 2), SynthModel.RandomWalk, 2);

    [Fact]
    public async Task Events_come_in_order_of_when_they_are_known_bars_at_their_close()
    {
        var h1 = BarResampler.Resample(M1, Timeframe.H1, FxCalendar.Default);
        var ticks = SyntheticMarket.GenerateTicks("EURUSD", Bars.Utc(2024, 3, 8, 20), Bars.Utc(2024, 3, 8, 21), SynthModel.RandomWalk, 2);
        await using var feed = new ReplayFeed([M1, h1], [ticks]);
        Assert.Equal([new FeedSubscription("EURUSD", Timeframe.M1), new FeedSubscription("EURUSD", Timeframe.H1), new FeedSubscription("EURUSD", Timeframe.Tick)],
            feed.Subscriptions);
        var events = new List<MarketEvent>();
        while (await feed.MoveNextAsync()) events.Add(feed.Current);
        Assert.Equal(M1.Count + h1.Count + ticks.Count, events.Count);
        for (var i = 1; i < events.Count; i++) Assert.True(events[i].TimeUtcTicks >= events[i - 1].TimeUtcTicks);
        foreach (var e in events.Where(e => e.Kind == MarketEventKind.Bar))
            Assert.Equal(e.Bar.Time.Ticks + e.Timeframe.DurationTicks, e.TimeUtcTicks); // known at the close, never at the open
        // The H1 bar of 20:00 arrives after the M1 bar of 20:59 (both known at 21:00; M1 is listed first).
        var iM1 = events.FindIndex(e => e.Timeframe == Timeframe.M1 && e.Bar.Time == Bars.Utc(2024, 3, 8, 20, 59));
        var iH1 = events.FindIndex(e => e.Timeframe == Timeframe.H1 && e.Bar.Time == Bars.Utc(2024, 3, 8, 20));
        Assert.Equal(iM1 + 1, iH1);
        Assert.All(events.Where(e => e.Kind == MarketEventKind.Tick), e => Assert.Equal(e.Quote.Time.Ticks, e.TimeUtcTicks));
    }

    [Fact]
    public async Task Paced_replay_waits_the_time_difference_divided_by_the_speed()
    {
        var waits = new List<TimeSpan>();
        var bars = M1.Range(0, 10);
        await using var feed = new ReplayFeed([bars], speed: ReplaySpeed.TimesRealTime(60), delay: (t, _) => { waits.Add(t); return ValueTask.CompletedTask; });
        var n = 0;
        while (await feed.MoveNextAsync()) n++;
        Assert.Equal(10, n);
        Assert.Equal(9, waits.Count);
        Assert.All(waits, w => Assert.Equal(TimeSpan.FromSeconds(1), w)); // one minute at 60×
    }

    [Fact]
    public async Task Weekend_pauses_are_capped()
    {
        var waits = new List<TimeSpan>();
        await using var feed = new ReplayFeed([M1], speed: ReplaySpeed.TimesRealTime(1, TimeSpan.FromSeconds(2)), delay: (t, _) => { waits.Add(t); return ValueTask.CompletedTask; });
        while (await feed.MoveNextAsync()) { }
        Assert.Equal(TimeSpan.FromSeconds(2), waits.Max());
    }

    [Fact]
    public void Replays_from_the_store()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        store.WriteBars(M1);
        var feed = ReplayFeed.FromStore(store, [new FeedSubscription("EURUSD", Timeframe.M1)], Bars.Utc(2024, 3, 10), null);
        var count = 0;
        while (feed.TryNext(out var e))
        {
            Assert.True(e.Bar.Time >= Bars.Utc(2024, 3, 10));
            count++;
        }
        Assert.Equal(M1.Slice(Bars.Utc(2024, 3, 10), null).Count, count);
    }
}
