using Platform3.AI.Features;
using Platform3.AI.Registry;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.AI.Inference;

/// <summary>A prediction for a symbol at an instant, with the bar it used and when that bar became known.</summary>
public sealed record PointInTimePrediction(ModelPrediction Prediction, string Symbol, Timeframe Timeframe, DateTime BarOpenUtc, DateTime KnownAtUtc,
    IReadOnlyList<string> FeatureNames, IReadOnlyList<double> Features);

/// <summary>
/// Predicts from stored bars as of a time: features are rebuilt from bars known at that time (their close is
/// at or before it) with the model's own feature set, after checking the set's definitions still hash to
/// what the model was trained on, and the model scores the latest complete row.
/// </summary>
public sealed class PointInTimePredictor(InferenceEngine engine, FeatureStore features, InstrumentCatalog instruments, FxCalendar calendar)
{
    public PointInTimePrediction Predict(string modelRef, string symbol, Timeframe timeframe, DateTime? atUtc = null)
    {
        var served = engine.Get(modelRef);
        var version = served.Version;
        var sig = version.Signature;
        var set = FeatureSetCatalog.Get(sig.FeatureSet);
        if (sig.Timeframe is { } tfName && tfName != timeframe.Name)
            throw new UsageException($"{version.Ref} was trained on {tfName} bars, not {timeframe}.");
        if (sig.FeatureSetHash is { } hash && hash != set.Hash(timeframe))
            throw new DataException($"{version.Ref} was trained with {sig.FeatureSet} definitions hashing to {hash[..12]}; the code now hashes to {set.Hash(timeframe)[..12]}. Retrain the model.");
        var instrument = instruments.Get(symbol);
        var at = atUtc ?? DateTime.UtcNow;
        // Bars known at 'at' are those whose close is at or before it.
        var lastOpen = new DateTime(at.Ticks - timeframe.DurationTicks + 1, DateTimeKind.Utc);
        var from = at - FeatureStore.Lookback(set, timeframe);
        var inputs = features.LoadInputs(set, symbol, timeframe, from, lastOpen);
        var frame = OfflineFeatureBuilder.Build(set, instrument, inputs.Bars, calendar, inputs.Universe, fingerprint: inputs.Fingerprint.ContentHash);
        var row = -1;
        for (var r = frame.Count - 1; r >= 0; r--)
            if (frame.KnownAt[r] <= at.Ticks) { row = r; break; }
        if (row < 0)
            throw new DataException($"No complete feature row for {symbol} {timeframe} at {at:u}: {inputs.Bars.Count} bars loaded, {frame.WarmUpExcluded} still warming up.");
        if (!frame.Names.SequenceEqual(sig.Inputs))
            throw new DataException($"{version.Ref} expects inputs [{string.Join(", ", sig.Inputs.Take(5))}, ...] but {set.Id} produces [{string.Join(", ", frame.Names.Take(5))}, ...].");
        var values = frame.Row(row).ToArray();
        var x = values.Select(v => (float)v).ToArray();
        var prediction = served.Predict(x);
        return new PointInTimePrediction(prediction, symbol, timeframe, new DateTime(frame.BarTime[row], DateTimeKind.Utc),
            new DateTime(frame.KnownAt[row], DateTimeKind.Utc), frame.Names, values);
    }
}
