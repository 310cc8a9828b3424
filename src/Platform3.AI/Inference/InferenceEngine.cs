using System.Collections.Concurrent;
using System.Diagnostics;
using Platform3.AI.Registry;

namespace Platform3.AI.Inference;

/// <summary>A served reference moved to another version.</summary>
public sealed record SwapEvent(string Reference, int FromVersion, int ToVersion, TimeSpan LoadTime, TimeSpan SwapTime);

/// <summary>
/// Loads registered models by NAME@ALIAS or NAME@VERSION and serves them. <see cref="Refresh"/> (or the
/// background watcher) re-resolves every served reference; when an alias has moved, the new version is
/// loaded, verified and warmed up first, then swapped in atomically.
/// </summary>
public sealed class InferenceEngine : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly ConcurrentDictionary<string, ServedModel> _served = new(StringComparer.Ordinal);
    private readonly Lock _refreshLock = new();
    private readonly InferenceOptions _options;
    private long _generation = -1;
    private Timer? _timer;

    public event Action<SwapEvent>? Swapped;
    public event Action<string, Exception>? RefreshFailed;

    public InferenceEngine(ModelRegistry registry, int onnxThreads = 1)
        : this(registry, InferenceOptions.Default with { OnnxThreads = onnxThreads })
    {
    }

    /// <summary>An engine loading models as <paramref name="options"/> says (runtime choice, threads, load log).</summary>
    public InferenceEngine(ModelRegistry registry, InferenceOptions options)
    {
        _registry = registry;
        _options = options;
    }

    public ModelRegistry Registry => _registry;

    /// <summary>The served model for a reference, loading it on first use.</summary>
    public ServedModel Get(string reference)
    {
        var r = ModelRef.Parse(reference);
        return _served.GetOrAdd(r.ToString(), _ =>
        {
            var version = _registry.Resolve(r);
            var (predictor, note) = Load(version);
            return new ServedModel(r, version, predictor, note);
        });
    }

    /// <summary>One-shot convenience: predict with a reference's current version.</summary>
    public ModelPrediction Predict(string reference, ReadOnlySpan<float> features) => Get(reference).Predict(features);

    /// <summary>Re-resolves every served reference and swaps those whose version changed. Returns the swaps made.</summary>
    public IReadOnlyList<SwapEvent> Refresh()
    {
        lock (_refreshLock)
        {
            _generation = _registry.Generation();
            var swaps = new List<SwapEvent>();
            foreach (var (key, served) in _served)
            {
                try
                {
                    var target = _registry.Resolve(served.Reference);
                    if (target.Version == served.Version.Version) continue;
                    var load = Stopwatch.StartNew();
                    var (predictor, note) = Load(target);
                    load.Stop();
                    var swap = Stopwatch.StartNew();
                    var from = served.Swap(target, predictor, note);
                    swap.Stop();
                    var e = new SwapEvent(key, from.Version, target.Version, load.Elapsed, swap.Elapsed);
                    swaps.Add(e);
                    Swapped?.Invoke(e);
                }
                catch (Exception ex) when (ex is Core.Errors.UsageException or Core.Errors.DataException or IOException)
                {
                    // Keep serving the current version; a bad new version must not take the service down.
                    RefreshFailed?.Invoke(key, ex);
                }
            }
            return swaps;
        }
    }

    /// <summary>Polls the registry's generation counter and refreshes when it changes.</summary>
    public void StartWatching(TimeSpan interval)
    {
        _timer?.Dispose();
        _timer = new Timer(_ =>
        {
            try
            {
                if (_registry.Generation() != Interlocked.Read(ref _generation)) Refresh();
            }
            catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                RefreshFailed?.Invoke("(registry)", ex);
            }
        }, null, interval, interval);
    }

    /// <summary>Loads and warms a version, keeping the loader's note (runtime, fallback reason) for the served model.</summary>
    private (IPredictor Predictor, string? Note) Load(ModelVersion version)
    {
        string? note = null;
        var predictor = ModelLoader.Load(_registry, version, _options with
        {
            Log = m =>
            {
                note = m;
                _options.Log?.Invoke(m);
            },
        });
        return (Warm(predictor), note);
    }

    /// <summary>Runs one prediction on zeros so engines, pools and native sessions are built before the swap.</summary>
    private static IPredictor Warm(IPredictor p)
    {
        Span<float> output = stackalloc float[p.OutputWidth];
        p.Predict(new float[p.FeatureCount], output);
        return p;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        foreach (var s in _served.Values) s.Dispose();
        _served.Clear();
    }
}
