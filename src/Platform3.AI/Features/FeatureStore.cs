using System.Globalization;
using Platform3.AI.Features.Storage;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Storage;

namespace Platform3.AI.Features;

/// <summary>The bars a build reads: the symbol's, its cross-pair universe, and the warm-up start.</summary>
public sealed record FeatureInputs(BarSeries Bars, IReadOnlyList<BarSeries> Universe, DateTime LoadFromUtc, DataFingerprint Fingerprint);

/// <summary>
/// The offline feature store over the bar store: loads a symbol's bars with enough history before the
/// requested range to warm every feature up, builds the matrix, and caches it as Parquet under
/// DATA_DIR/features/SET@V/, keyed by the feature-set hash and the fingerprint of the input bars.
/// </summary>
public sealed class FeatureStore(string dataDir, InstrumentCatalog instruments, FxCalendar calendar)
{
    public string DataDir { get; } = dataDir;
    public string CacheDir => Path.Combine(DataDir, "features");

    /// <summary>History loaded before the range: three times the longest warm-up, stretched for weekends.</summary>
    public static TimeSpan Lookback(FeatureSet set, Timeframe tf) =>
        TimeSpan.FromTicks(Math.Max(set.MaxWarmUp(tf) * 3L * tf.DurationTicks * 7 / 5, TimeSpan.TicksPerDay * 4));

    public FeatureInputs LoadInputs(FeatureSet set, string symbol, Timeframe tf, DateTime fromUtc, DateTime toUtc)
    {
        set.CheckTimeframe(tf);
        var store = BarStore.Open(DataDir);
        var loadFrom = fromUtc - Lookback(set, tf);
        var bars = LoadBars(store, symbol, tf, loadFrom, toUtc);
        if (bars.Count == 0)
            throw new DataException($"No {symbol} {tf} bars in {DataDir} between {loadFrom:yyyy-MM-dd} and {toUtc:yyyy-MM-dd}. Import or generate data first.");
        IReadOnlyList<BarSeries> universe = [];
        if (set.UsesCrossMarket)
        {
            universe = store.List().Where(i => i.Timeframe == tf && i.Symbol != symbol && instruments.TryGet(i.Symbol, out _))
                .Select(i => i.Symbol).Distinct().Select(s => LoadBars(store, s, tf, loadFrom, toUtc)).Where(s => s.Count > 0).ToArray();
        }
        return new FeatureInputs(bars, universe, loadFrom, DataFingerprint.Of([bars, .. universe], loadFrom, toUtc));
    }

    /// <summary>
    /// Bars of <paramref name="tf"/> opening in [from, to): stored ones, or else built from the finest stored
    /// timeframe that divides it (e.g. M15 from imported M1). A bucket is kept only when complete — its close is
    /// no later than the last finer bar's close — so a forming bar is never taken for a closed one.
    /// </summary>
    public BarSeries LoadBars(BarStore store, string symbol, Timeframe tf, DateTime fromUtc, DateTime toUtc)
    {
        var bars = store.LoadBars(symbol, tf, fromUtc, toUtc);
        if (bars.Count > 0) return bars;
        var finer = store.List().Where(i => i.Symbol == symbol && !i.Timeframe.IsTick && i.Timeframe < tf && tf.IsMultipleOf(i.Timeframe))
            .OrderByDescending(i => i.Timeframe).FirstOrDefault();
        if (finer is null) return bars;
        var fine = store.LoadBars(symbol, finer.Timeframe, fromUtc, toUtc + tf.Duration);
        if (fine.Count == 0) return bars;
        var coarse = Platform3.MarketData.Resampling.BarResampler.Resample(fine, tf, calendar);
        var lastKnown = fine.Time[^1] + finer.Timeframe.DurationTicks;
        var n = coarse.Count;
        while (n > 0 && (coarse.Time[n - 1] >= toUtc.Ticks || calendar.BarCloseUtcTicks(tf, coarse.Time[n - 1]) > lastKnown)) n--;
        return coarse.Range(0, n);
    }

    /// <summary>Builds (or reads from the cache) the matrix for bars opening in [from, to).</summary>
    public FeatureFrame Build(FeatureSet set, string symbol, Timeframe tf, DateTime fromUtc, DateTime toUtc, out bool cacheHit, bool useCache = true) =>
        Build(set, symbol, tf, fromUtc, toUtc, out cacheHit, out _, useCache);

    /// <summary>As <see cref="Build(FeatureSet, string, Timeframe, DateTime, DateTime, out bool, bool)"/>, also giving the cache file's path.</summary>
    public FeatureFrame Build(FeatureSet set, string symbol, Timeframe tf, DateTime fromUtc, DateTime toUtc, out bool cacheHit, out string cachePath, bool useCache = true)
    {
        var inputs = LoadInputs(set, symbol, tf, fromUtc, toUtc);
        var instrument = instruments.Get(symbol);
        var path = cachePath = CachePath(set, symbol, tf, fromUtc, toUtc, inputs.Fingerprint);
        if (useCache && File.Exists(path))
        {
            var cached = FeatureFile.Read(path);
            if (cached.FeatureSetHash == set.Hash(tf) && cached.DataFingerprint == inputs.Fingerprint.ContentHash)
            {
                cacheHit = true;
                return cached;
            }
        }
        var frame = OfflineFeatureBuilder.Build(set, instrument, inputs.Bars, calendar, inputs.Universe, fromUtc, toUtc, inputs.Fingerprint.ContentHash);
        if (useCache) FeatureFile.Write(path, frame);
        cacheHit = false;
        return frame;
    }

    public string CachePath(FeatureSet set, string symbol, Timeframe tf, DateTime fromUtc, DateTime toUtc, DataFingerprint fingerprint) =>
        Path.Combine(CacheDir, set.Id, string.Create(CultureInfo.InvariantCulture,
            $"{symbol}_{tf}_{fromUtc:yyyyMMddHHmm}_{toUtc:yyyyMMddHHmm}_{set.Hash(tf)[..12]}_{fingerprint.Short}.parquet"));
}
