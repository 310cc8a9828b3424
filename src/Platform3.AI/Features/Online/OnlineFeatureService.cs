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
        var scratch = t_scratch ??= new SliceScratch();
        if (slice.Length > scratch.Engines.Length)
        {
            scratch.Engines = new FeatureEngine[slice.Length];
            scratch.Writers = new IFeatureWriter[slice.Length];
            scratch.Bars = new Bar[slice.Length];
        }
        var (engines, writers, bars) = (scratch.Engines, scratch.Writers, scratch.Bars);
        var n = 0;
        foreach (var (symbol, bar) in slice)
            if (_served.TryGetValue(symbol, out var served))
            {
                engines[n] = served.Engine;
                writers[n] = served.Writer;
                bars[n++] = bar;
            }
        try
        {
            // The served symbols' engines block by block (the same vectors as one engine after the other, a little faster);
            // a slice the engines would refuse goes the one-by-one way, so what was fed and published before the error is as before.
            if (FeatureEngine.TryUpdateSlice(engines.AsSpan(0, n), bars.AsSpan(0, n)))
                for (var i = 0; i < n; i++) Publish(engines[i], writers[i]);
            else
                for (var i = 0; i < n; i++) Advance(engines[i], writers[i], bars[i]);
        }
        finally
        {
            // The scratch outlives the call: it must not keep this service's engines alive.
            Array.Clear(engines, 0, n);
            Array.Clear(writers, 0, n);
        }
    }

    /// <summary>
    /// The served engines, their writers and bars of the slice being applied, per thread (no allocation per slice, and
    /// services fed from several threads do not share it).
    /// </summary>
    [ThreadStatic] private static SliceScratch? t_scratch;

    private sealed class SliceScratch
    {
        public FeatureEngine[] Engines = [];
        public IFeatureWriter[] Writers = [];
        public Bar[] Bars = [];
    }

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
