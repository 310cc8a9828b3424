using Platform3.AI.Features;
using Platform3.AI.Features.Online;
using Platform3.AI.Inference;
using Platform3.AI.Labels;
using Platform3.AI.Registry;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>From <see cref="FromUtc"/> on, decisions use the model <see cref="Reference"/> (name@alias or name@version).</summary>
public readonly record struct ModelSchedule(DateTime FromUtc, string Reference);

/// <summary>
/// Predictions of registered models as signals. The models' feature set is kept current online from the decision
/// timeframe's closed bars (the same code that built the training matrix), mapped to each model's input order and
/// scored by the inference engine; a signal carries the served <c>name@version</c> and the feature vector's hash.
/// A schedule of models makes a walk-forward: each period is scored only by a model trained before it.
/// Classifiers give P(up) and P(down) (classes +1/−1, or 1/0 for binary); regressors an expected return that
/// saturates at <c>fullScaleReturn</c>.
/// </summary>
public sealed class ModelSignalSource : ISignalSource
{
    private readonly (long FromTicks, string Reference, InputMap InputMap)[] _schedule;
    private readonly ServedModel[] _served;
    private readonly OnlineFeatureService _features;
    private readonly TimeSpan _horizon;
    private readonly double _fullScale;
    private readonly float[] _row;
    private readonly double[] _vector;
    /// <summary>Per served instrument (by <see cref="Instrument.Id"/>, −1 when not served): its slot in the arrays below.</summary>
    private readonly int[] _slotOf;
    private readonly FeatureKey[] _keys;
    private readonly FeatureEngine[] _engines;
    private readonly (SignalInput Signal, Audit.FeatureDigest Hash)?[] _latest;
    /// <summary>Per schedule entry: the source name, and the served version's name and class columns, kept while the version serves.</summary>
    private readonly string[] _sourceNames;
    private readonly (int Version, string Name)[] _modelNames;
    private readonly (ModelVersion? Version, int Up, int Down)[] _classes;
    private (string Symbol, Bar Bar)[] _bars = [];
    private float[] _output = new float[3];

    public string Name { get; }

    public ModelSignalSource(InferenceEngine engine, string reference, IReadOnlyList<Instrument> instruments, Timeframe timeframe,
        FxCalendar calendar, TimeSpan horizon, TimeProvider clock, IReadOnlyList<Instrument>? marketUniverse = null, double fullScaleReturn = 0.002)
        : this(engine, [new ModelSchedule(DateTime.MinValue, reference)], instruments, timeframe, calendar, horizon, clock, marketUniverse, fullScaleReturn) { }

    public ModelSignalSource(InferenceEngine engine, IReadOnlyList<ModelSchedule> schedule, IReadOnlyList<Instrument> instruments, Timeframe timeframe,
        FxCalendar calendar, TimeSpan horizon, TimeProvider clock, IReadOnlyList<Instrument>? marketUniverse = null, double fullScaleReturn = 0.002)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(instruments);
        if (schedule.Count == 0) throw new ArgumentException("a model source needs at least one model", nameof(schedule));
        _horizon = horizon;
        _fullScale = fullScaleReturn;
        FeatureSet? set = null;
        IReadOnlyList<string>? names = null;
        var entries = new List<(long, string, InputMap)>();
        foreach (var (from, reference) in schedule.OrderBy(s => s.FromUtc))
        {
            var sig = engine.Get(reference).Version.Signature;
            if (LabelSpec.DescribesMetaLabel(sig.Label))
                throw new UsageException($"model {reference} is a meta-label model: it says whether its primary signal's bets pay, " +
                    "not which way the price goes, so it cannot be a decision signal source");
            if (sig.Timeframe is { } tf && !string.Equals(tf, timeframe.Name, StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"model {reference} was trained on {tf} bars; the decision timeframe is {timeframe.Name}");
            var s = FeatureSetCatalog.Get(sig.FeatureSet);
            if (set is null)
            {
                set = s;
                names = new FeatureEngine(s, new FeatureContext(instruments[0], timeframe, calendar, null)).Names;
            }
            else if (s.Id != set.Id)
                throw new UsageException($"model {reference} uses feature set {s.Id}; the other scheduled models use {set.Id}");
            var map = sig.Inputs.Select(n =>
            {
                for (var k = 0; k < names!.Count; k++) if (names[k] == n) return k;
                throw new UsageException($"model {reference} needs feature '{n}', which feature set {s.Id} does not produce");
            }).ToArray();
            entries.Add((from.Ticks, reference, new InputMap(map)));
        }
        _schedule = entries.ToArray();
        // Served models are resolved once; an alias that moves is picked up by the engine's Refresh (hot swap).
        _served = _schedule.Select(e => engine.Get(e.Reference)).ToArray();
        _features = new OnlineFeatureService(set!, timeframe, instruments, calendar, new InMemoryOnlineFeatureStore(clock), marketUniverse, clock);
        _row = new float[_schedule.Max(e => e.InputMap.Count)];
        _vector = new double[names!.Count];
        _slotOf = new int[instruments.Count == 0 ? 0 : instruments.Max(i => i.Id) + 1];
        Array.Fill(_slotOf, -1);
        for (var k = 0; k < instruments.Count; k++) if (_slotOf[instruments[k].Id] < 0) _slotOf[instruments[k].Id] = k;
        _keys = instruments.Select(i => _features.KeyOf(i.Symbol)).ToArray();
        _engines = instruments.Select(i => _features.EngineOf(i.Symbol)).ToArray();
        _latest = new (SignalInput, Audit.FeatureDigest)?[instruments.Count];
        _sourceNames = _served.Select(m => "model:" + m.Reference.Name).ToArray();
        _modelNames = new (int, string)[_served.Length];
        _classes = new (ModelVersion?, int, int)[_served.Length];
        Name = "model:" + string.Join(",", _schedule.Select(e => e.Reference));
    }

    public void OnSlice(ReadOnlySpan<SliceBar> slice, DateTime closeUtc)
    {
        if (_bars.Length != slice.Length) _bars = new (string, Bar)[slice.Length];
        for (var i = 0; i < slice.Length; i++) _bars[i] = (slice[i].Instrument.Symbol, slice[i].Bar);
        _features.OnSlice(_bars);
        var entry = Current(closeUtc.Ticks);
        if (entry < 0) return;
        var map = _schedule[entry].InputMap;
        var row = _row.AsSpan(0, map.Count);
        foreach (var (instrument, _) in slice)
        {
            var slot = SlotOf(instrument);
            if (slot < 0) continue;
            // The store holds what the service last published: the engine's own vector while the engine is ready (read in
            // place, without the store's lookup, lock and copy); an older one, or none, while it is not.
            var engine = _engines[slot];
            ReadOnlySpan<double> vector = _vector;
            long knownAt;
            if (engine.IsReady) { vector = engine.Values; knownAt = engine.KnownAtTicks; }
            else if (!_features.Store.TryRead(_keys[slot], _vector, out _, out knownAt)) continue;
            if (knownAt > closeUtc.Ticks) continue;
            map.Fill(vector, row);
            // The fingerprint is kept as its digest value: its text is made only when asked for (FeatureHash).
            _latest[slot] = (Score(instrument, entry, closeUtc, row), Audit.FeatureDigest.Of(row));
        }
    }

    private int SlotOf(Instrument instrument) => (uint)instrument.Id < (uint)_slotOf.Length ? _slotOf[instrument.Id] : -1;

    /// <summary>The schedule entry in force at the instant (the last one starting at or before it), or −1.</summary>
    private int Current(long ticks)
    {
        var found = -1;
        for (var i = 0; i < _schedule.Length && _schedule[i].FromTicks <= ticks; i++) found = i;
        return found;
    }

    /// <summary>Scores one row without allocating (beyond the signal): the served version is pinned for the call.</summary>
    private SignalInput Score(Instrument instrument, int entry, DateTime time, ReadOnlySpan<float> row)
    {
        var served = _served[entry];
        var version = served.Version;
        var sig = version.Signature;
        if (_output.Length < served.OutputWidth) _output = new float[served.OutputWidth];
        var info = served.Predict(row, _output);
        var model = ModelName(entry, info.Version);
        var source = _sourceNames[entry];
        if (sig.ClassValues.Count == 0)
            return SignalInput.FromExpectedReturn(source, instrument.Symbol, time, _horizon, info.ExpectedValue, _fullScale, model);
        var (up, down) = ClassColumns(entry, version, model);
        return SignalInput.FromProbabilities(source, instrument.Symbol, time, _horizon, _output[up], _output[down], model);
    }

    /// <summary>name@version of the version that scored, kept while that version serves.</summary>
    private string ModelName(int entry, int version)
    {
        var (v, name) = _modelNames[entry];
        if (v != version || name is null) _modelNames[entry] = (version, name = $"{_served[entry].Reference.Name}@{version}");
        return name;
    }

    /// <summary>The output columns of P(up) and P(down) for a classifier version (looked up once per version).</summary>
    private (int Up, int Down) ClassColumns(int entry, ModelVersion version, string model)
    {
        var cached = _classes[entry];
        if (ReferenceEquals(cached.Version, version)) return (cached.Up, cached.Down);
        var classes = version.Signature.ClassValues;
        int up = -1, down = -1;
        for (var k = 0; k < classes.Count; k++)
        {
            if (classes[k] == 1) up = k;
            else if (classes[k] == -1 || (classes[k] == 0 && classes.Count == 2)) down = k;
        }
        if (up < 0 || down < 0)
            throw new DataException($"model {model} has classes [{string.Join(", ", classes)}]; expected +1/−1 (or 1/0)");
        _classes[entry] = (version, up, down);
        return (up, down);
    }

    public void Collect(Instrument instrument, DateTime nowUtc, List<SignalInput> into)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(into);
        var slot = SlotOf(instrument);
        if (slot >= 0 && _latest[slot] is { } l && l.Signal.IsActiveAt(nowUtc)) into.Add(l.Signal);
    }

    public string? FeatureHash(Instrument instrument)
    {
        if (instrument is null) return null;
        var slot = SlotOf(instrument);
        return slot >= 0 ? _latest[slot]?.Hash.Text : null;
    }

    public Audit.FeatureDigest FeatureDigestOf(Instrument instrument)
    {
        if (instrument is null) return default;
        var slot = SlotOf(instrument);
        return slot >= 0 && _latest[slot] is { } l ? l.Hash : default;
    }
}
