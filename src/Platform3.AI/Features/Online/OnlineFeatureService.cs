using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.AI.Features.Online;

/// <summary>
/// Keeps feature vectors current as bars close: one <see cref="FeatureEngine"/> per symbol, one O(features)
/// update per bar, the result published to an <see cref="IOnlineFeatureStore"/> once the engine is warm.
/// Feed a whole time slice at once (every symbol's bar that closed at t) so cross-pair features see the
/// same market state as the offline build.
/// </summary>
public sealed class OnlineFeatureService
{
    /// <summary>Each served symbol's engine, store key and the store's writer for that key, found with one lookup per bar.</summary>
    private readonly Dictionary<string, (FeatureEngine Engine, FeatureKey Key, IFeatureWriter Writer)> _served = new(StringComparer.Ordinal);
    private readonly CrossMarket? _market;
    private readonly TimeProvider _clock;

    public FeatureSet Set { get; }
    public Timeframe Timeframe { get; }
    public IOnlineFeatureStore Store { get; }

    public OnlineFeatureService(FeatureSet set, Timeframe timeframe, IReadOnlyList<Instrument> symbols, FxCalendar calendar,
        IOnlineFeatureStore store, IReadOnlyList<Instrument>? marketUniverse = null, TimeProvider? clock = null)
    {
        Set = set;
        Timeframe = timeframe;
        Store = store;
        _clock = clock ?? TimeProvider.System;
        if (set.UsesCrossMarket) _market = new CrossMarket((marketUniverse ?? symbols).Concat(symbols));
        foreach (var s in symbols)
        {
            var engine = new FeatureEngine(set, new FeatureContext(s, timeframe, calendar, _market));
            var key = new FeatureKey(s.Symbol, timeframe.Name, set.Id);
            _served[s.Symbol] = (engine, key, store.Writer(key, engine.Names));
        }
    }

    public FeatureKey KeyOf(string symbol) => _served.TryGetValue(symbol, out var s) ? s.Key
        : throw new UsageException($"{symbol} is not served by this feature service ({string.Join(", ", _served.Keys)}).");

    /// <summary>The engine that keeps <paramref name="symbol"/>'s vector: while it <see cref="FeatureEngine.IsReady"/>, its
    /// <see cref="FeatureEngine.Values"/> are what this service last published for the symbol.</summary>
    public FeatureEngine EngineOf(string symbol) => _served.TryGetValue(symbol, out var s) ? s.Engine
        : throw new UsageException($"{symbol} is not served by this feature service ({string.Join(", ", _served.Keys)}).");

    /// <summary>Applies one time slice: every bar (any symbol of the universe) that closed at the same time.</summary>
    public void OnSlice(ReadOnlySpan<(string Symbol, Bar Bar)> slice)
    {
        if (_market is not null)
            foreach (var (symbol, bar) in slice) _market.Update(symbol, bar);
        if (slice.Length > _sliceEngines.Length)
        {
            _sliceEngines = new FeatureEngine[slice.Length];
            _sliceWriters = new IFeatureWriter[slice.Length];
            _sliceBars = new Bar[slice.Length];
        }
        var n = 0;
        foreach (var (symbol, bar) in slice)
            if (_served.TryGetValue(symbol, out var served))
            {
                _sliceEngines[n] = served.Engine;
                _sliceWriters[n] = served.Writer;
                _sliceBars[n++] = bar;
            }
        // The served symbols' engines block by block (the same vectors as one engine after the other, a little faster);
        // a slice the engines would refuse goes the one-by-one way, so what was fed and published before the error is as before.
        if (FeatureEngine.TryUpdateSlice(_sliceEngines.AsSpan(0, n), _sliceBars.AsSpan(0, n)))
        {
            for (var i = 0; i < n; i++) Publish(_sliceEngines[i], _sliceWriters[i]);
            return;
        }
        for (var i = 0; i < n; i++) Advance(_sliceEngines[i], _sliceWriters[i], _sliceBars[i]);
    }

    /// <summary>The served engines, their writers and bars of the slice being applied (reused: no allocation per slice).</summary>
    private FeatureEngine[] _sliceEngines = [];
    private IFeatureWriter[] _sliceWriters = [];
    private Bar[] _sliceBars = [];

    /// <summary>One bar of one symbol (for feature sets without cross-pair features).</summary>
    public void OnBar(string symbol, in Bar bar)
    {
        if (_market is not null) throw new InvalidOperationException($"{Set.Id} has cross-pair features: feed whole time slices with OnSlice.");
        if (!_served.TryGetValue(symbol, out var served)) throw new UsageException($"{symbol} is not served by this feature service.");
        Advance(served.Engine, served.Writer, bar);
    }

    private static void Advance(FeatureEngine engine, IFeatureWriter writer, in Bar bar)
    {
        engine.Update(in bar);
        Publish(engine, writer);
    }

    private static void Publish(FeatureEngine engine, IFeatureWriter writer)
    {
        if (engine.IsReady) writer.Put(engine.Values, engine.LastBarTicks, engine.KnownAtTicks);
    }

    /// <summary>The latest vector if it is no older than <paramref name="maxAge"/>; otherwise a clear error saying how stale it is.</summary>
    public FeatureVector GetFresh(string symbol, TimeSpan maxAge)
    {
        var v = Store.Get(KeyOf(symbol)) ?? throw new DataException($"No features yet for {KeyOf(symbol)} (still warming up?).");
        var age = v.Age(_clock.GetUtcNow().UtcDateTime);
        if (age > maxAge)
            throw new DataException($"Features for {v.Key} are stale: known at {v.KnownAtUtc:u}, {age.TotalMinutes:F0} min old (limit {maxAge.TotalMinutes:F0} min).");
        return v;
    }
}
