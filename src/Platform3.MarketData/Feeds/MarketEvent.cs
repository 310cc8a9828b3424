using Platform3.Core.Domain;

namespace Platform3.MarketData.Feeds;

public enum MarketEventKind : byte { Bar = 1, Tick = 2 }

/// <summary>What a feed subscribes to: a symbol's bars of one timeframe, or its ticks (<see cref="Timeframe.Tick"/>).</summary>
public sealed record FeedSubscription(string Symbol, Timeframe Timeframe);

/// <summary>
/// One market data event. <see cref="TimeUtcTicks"/> is when the event becomes known: a tick's own time, or
/// a bar's <b>close</b> (a bar stamped with its open time is only known once it has closed), so consumers that
/// act at <see cref="TimeUtcTicks"/> never look ahead. A struct: feeds hand these out without allocating.
/// </summary>
public readonly struct MarketEvent
{
    public MarketEventKind Kind { get; init; }
    /// <summary>Index of the subscription this event belongs to (stable, usable as an array index).</summary>
    public int Stream { get; init; }
    public string Symbol { get; init; }
    public Timeframe Timeframe { get; init; }
    public long TimeUtcTicks { get; init; }
    public Bar Bar { get; init; }
    public Quote Quote { get; init; }

    public DateTime TimeUtc => new(TimeUtcTicks, DateTimeKind.Utc);

    public override string ToString() => Kind == MarketEventKind.Bar ? $"{TimeUtc:u} {Symbol} {Timeframe} {Bar}" : $"{TimeUtc:u} {Symbol} {Quote}";
}

/// <summary>
/// A source of market data events in time order. The replay feed implements it over stored data; a live broker
/// feed implements it over a connection. Strategies consume it the same way in backtest, paper and live.
/// </summary>
public interface IMarketDataFeed : IAsyncDisposable
{
    IReadOnlyList<FeedSubscription> Subscriptions { get; }

    /// <summary>Waits for the next event; false when the feed has ended.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);

    /// <summary>The event <see cref="MoveNextAsync"/> moved to.</summary>
    MarketEvent Current { get; }
}
