using Platform3.AI.Features;
using Platform3.AI.Features.Online;
using Platform3.AI.Inference;
using Platform3.AI.Training;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>
/// Predictions of a registered model (<c>name@alias</c>) as signals. The model's own feature set is kept current
/// online from the decision timeframe's closed bars (the same code that built its training matrix), mapped to the
/// model's input order, and scored by the inference engine; the signal carries the served <c>name@version</c>
/// and the feature vector's hash. Classifiers give P(up) and P(down) (classes +1/−1, or 1/0 for binary);
/// regressors an expected return saturating at <paramref name="fullScaleReturn"/>.
/// </summary>
public sealed class ModelSignalSource : ISignalSource
{
    private readonly InferenceEngine _engine;
    private readonly string _reference;
    private readonly OnlineFeatureService _features;
    private readonly TimeSpan _horizon;
    private readonly double _fullScale;
    private readonly int[] _inputMap;
    private readonly float[] _row;
    private readonly double[] _vector;
    private readonly Dictionary<int, (SignalInput Signal, string Hash)> _latest = [];
    private readonly HashSet<int> _symbols;

    public string Name => "model:" + _reference;

    public ModelSignalSource(InferenceEngine engine, string reference, IReadOnlyList<Instrument> instruments, Timeframe timeframe,
        FxCalendar calendar, TimeSpan horizon, TimeProvider clock, IReadOnlyList<Instrument>? marketUniverse = null, double fullScaleReturn = 0.002)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(instruments);
        _engine = engine;
        _reference = reference;
        _horizon = horizon;
        _fullScale = fullScaleReturn;
        var served = engine.Get(reference);
        var sig = served.Version.Signature;
        if (sig.Timeframe is { } tf && !string.Equals(tf, timeframe.Name, StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"model {reference} was trained on {tf} bars; the decision timeframe is {timeframe.Name}");
        var set = FeatureSetCatalog.Get(sig.FeatureSet);
        _features = new OnlineFeatureService(set, timeframe, instruments, calendar, new InMemoryOnlineFeatureStore(clock), marketUniverse, clock);
        var names = new FeatureEngine(set, new FeatureContext(instruments[0], timeframe, calendar, null)).Names;
        _inputMap = sig.Inputs.Select(n =>
        {
            var k = names.ToList().IndexOf(n);
            return k >= 0 ? k : throw new UsageException($"model {reference} needs feature '{n}', which feature set {set.Id} does not produce");
        }).ToArray();
        _row = new float[_inputMap.Length];
        _vector = new double[names.Count];
        _symbols = instruments.Select(i => i.Id).ToHashSet();
    }

    public void OnSlice(ReadOnlySpan<SliceBar> slice, DateTime closeUtc)
    {
        var bars = new (string Symbol, Bar Bar)[slice.Length];
        for (var i = 0; i < slice.Length; i++) bars[i] = (slice[i].Instrument.Symbol, slice[i].Bar);
        _features.OnSlice(bars);
        foreach (var (instrument, _) in slice)
        {
            if (!_symbols.Contains(instrument.Id)) continue;
            if (!_features.Store.TryRead(_features.KeyOf(instrument.Symbol), _vector, out _, out var knownAt) || knownAt > closeUtc.Ticks) continue;
            for (var k = 0; k < _inputMap.Length; k++) _row[k] = (float)_vector[_inputMap[k]];
            var hash = Audit.FeatureHash.Of(_row);
            var p = _engine.Predict(_reference, _row);
            _latest[instrument.Id] = (ToSignal(instrument, closeUtc, p), hash);
        }
    }

    private SignalInput ToSignal(Instrument instrument, DateTime time, ModelPrediction p)
    {
        var source = "model:" + _reference.Split('@')[0];
        if (p.ClassValues.Count == 0)
            return SignalInput.FromExpectedReturn(source, instrument.Symbol, time, _horizon, p.ExpectedValue, _fullScale, p.Model);
        double up = p.ProbabilityOf(1), down = p.ProbabilityOf(-1);
        if (float.IsNaN((float)down)) down = p.ProbabilityOf(0); // binary 0/1 labels: 0 is "down"
        if (double.IsNaN(up) || double.IsNaN(down))
            throw new DataException($"model {p.Model} has classes [{string.Join(", ", p.ClassValues)}]; expected +1/−1 (or 1/0)");
        return SignalInput.FromProbabilities(source, instrument.Symbol, time, _horizon, up, down, p.Model);
    }

    public void Collect(Instrument instrument, DateTime nowUtc, List<SignalInput> into)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(into);
        if (_latest.TryGetValue(instrument.Id, out var l) && l.Signal.IsActiveAt(nowUtc)) into.Add(l.Signal);
    }

    public string? FeatureHash(Instrument instrument) =>
        instrument is not null && _latest.TryGetValue(instrument.Id, out var l) ? l.Hash : null;
}
