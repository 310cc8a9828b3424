using Platform3.Core.Domain;

namespace Platform3.Trading.Backtesting;

/// <summary>One instrument's data for a run: bars of one timeframe, or ticks.</summary>
public sealed record Feed(Instrument Instrument, Timeframe Timeframe, BarSeries? Bars, TickSeries? Ticks, bool Traded)
{
    public int Count => Bars?.Count ?? Ticks!.Count;
}

/// <summary>
/// The data a backtest runs on: traded instruments plus instruments used only for currency conversion.
/// All bar feeds share one timeframe so every time step is one bar of each instrument that has one.
/// </summary>
public sealed class MarketDataSet
{
    private readonly List<Feed> _feeds = [];

    public IReadOnlyList<Feed> Feeds => _feeds;

    public MarketDataSet AddBars(Instrument instrument, BarSeries bars, bool traded = true)
    {
        Check(instrument);
        if (_feeds.FirstOrDefault(f => f.Bars is not null) is { } other && other.Timeframe != bars.Timeframe)
            throw new ArgumentException($"All bar feeds must share one timeframe: {instrument.Symbol} is {bars.Timeframe}, {other.Instrument.Symbol} is {other.Timeframe}.");
        if (_feeds.Any(f => f.Ticks is not null)) throw new ArgumentException("Bars and ticks cannot be mixed in one run.");
        _feeds.Add(new Feed(instrument, bars.Timeframe, bars, null, traded));
        return this;
    }

    public MarketDataSet AddTicks(Instrument instrument, TickSeries ticks, bool traded = true)
    {
        Check(instrument);
        if (_feeds.Any(f => f.Bars is not null)) throw new ArgumentException("Bars and ticks cannot be mixed in one run.");
        _feeds.Add(new Feed(instrument, Timeframe.Tick, null, ticks, traded));
        return this;
    }

    private void Check(Instrument instrument)
    {
        if (_feeds.Any(f => f.Instrument.Id == instrument.Id))
            throw new ArgumentException($"{instrument.Symbol} is already in the data set.");
    }

    public IReadOnlyList<Instrument> Traded => _feeds.Where(f => f.Traded).Select(f => f.Instrument).ToArray();
    public IReadOnlyList<Instrument> ConversionOnly => _feeds.Where(f => !f.Traded).Select(f => f.Instrument).ToArray();
    public long TotalPoints => _feeds.Sum(f => (long)f.Count);

    /// <summary>A copy with bars (or ticks) whose time is in [from, to).</summary>
    public MarketDataSet Slice(DateTime fromUtc, DateTime toUtc)
    {
        var copy = new MarketDataSet();
        foreach (var f in _feeds)
        {
            if (f.Bars is { } b) copy._feeds.Add(f with { Bars = b.Slice(fromUtc, toUtc) });
            else
            {
                var t = f.Ticks!;
                int a = LowerBound(t.Time, fromUtc.Ticks), z = LowerBound(t.Time, toUtc.Ticks);
                copy._feeds.Add(f with { Ticks = new TickSeries(t.Symbol, t.Time[a..z], t.Bid[a..z], t.Ask[a..z], t.Volume[a..z]) });
            }
        }
        return copy;
    }

    private static int LowerBound(long[] times, long value)
    {
        var i = Array.BinarySearch(times, value);
        if (i < 0) return ~i;
        while (i > 0 && times[i - 1] == value) i--;
        return i;
    }

    /// <summary>First and last timestamps over all feeds.</summary>
    public (DateTime First, DateTime Last) Span()
    {
        long a = long.MaxValue, b = long.MinValue;
        foreach (var f in _feeds)
        {
            var t = f.Bars?.Time ?? f.Ticks!.Time;
            if (t.Length == 0) continue;
            a = Math.Min(a, t[0]);
            b = Math.Max(b, t[^1]);
        }
        return a > b ? (DateTime.MinValue, DateTime.MinValue) : (new DateTime(a, DateTimeKind.Utc), new DateTime(b, DateTimeKind.Utc));
    }

    /// <summary>A copy with every feed cut to data known at <paramref name="untilUtc"/> (bars closed by then, ticks up to it).</summary>
    public MarketDataSet TruncatedAt(DateTime untilUtc, Core.Calendar.FxCalendar calendar)
    {
        var copy = new MarketDataSet();
        foreach (var f in _feeds)
        {
            if (f.Bars is { } b)
            {
                var n = 0;
                while (n < b.Count && calendar.BarCloseUtcTicks(b.Timeframe, b.Time[n]) <= untilUtc.Ticks) n++;
                copy._feeds.Add(f with { Bars = b.Range(0, n) });
            }
            else
            {
                var t = f.Ticks!;
                var n = 0;
                while (n < t.Count && t.Time[n] <= untilUtc.Ticks) n++;
                copy._feeds.Add(f with { Ticks = new TickSeries(t.Symbol, t.Time[..n], t.Bid[..n], t.Ask[..n], t.Volume[..n]) });
            }
        }
        return copy;
    }
}
