using System.Globalization;
using System.Text;
using Platform3.AI.Experiments;
using Platform3.AI.Features;
using Platform3.AI.Inference.Onnx;
using Platform3.AI.Labels;
using Platform3.AI.Registry;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.AI.Training.Pipeline;

/// <summary>Everything a training run produced.</summary>
public sealed record TrainingOutcome(
    string RunId,
    ModelConfig Config,
    Dataset Dataset,
    IReadOnlyList<DatasetReport> Reports,
    WalkForwardResult Result,
    DataFingerprint Data,
    ModelVersion? Registered,
    string? OnnxNote,
    IReadOnlyDictionary<string, IReadOnlyDictionary<long, sbyte>>? PrimaryBets = null);

/// <summary>
/// Runs a model config end to end: builds (or reads cached) features for each symbol, labels, the dataset,
/// the purged walk-forward with baselines and the nested search, records the run (params, feature set,
/// data fingerprint, git commit, seeds, metrics per fold and overall, duration, artifacts), and registers
/// the final model with its signature and lineage.
/// </summary>
public sealed class TrainingJob(string dataDir, InstrumentCatalog instruments, FxCalendar calendar)
{
    public FeatureStore Features { get; } = new(dataDir, instruments, calendar);
    public ExperimentStore Experiments { get; } = ExperimentStore.ForDataDir(dataDir);
    public ModelRegistry Registry { get; } = ModelRegistry.ForDataDir(dataDir);

    /// <summary>
    /// Builds the dataset a config describes, with per-symbol reports and the data fingerprint; for meta-labels also
    /// the primary's bets on the dataset's rows (per symbol, by bar open time).
    /// </summary>
    public (Dataset Data, IReadOnlyList<DatasetReport> Reports, DataFingerprint Fingerprint, string FeatureSetHash,
        IReadOnlyDictionary<string, IReadOnlyDictionary<long, sbyte>>? PrimaryBets) BuildDataset(ModelConfig config, Action<string>? progress = null)
    {
        var set = FeatureSetCatalog.Get(config.FeatureSet);
        var parts = new List<Dataset>();
        var reports = new List<DatasetReport>();
        var inputs = new List<BarSeries>();
        var bets = config.Label.Kind == LabelKind.MetaLabel ? new Dictionary<string, IReadOnlyDictionary<long, sbyte>>() : null;
        foreach (var symbol in config.Symbols)
        {
            var input = Features.LoadInputs(set, symbol, config.Timeframe, config.FromUtc, config.ToUtc);
            var frame = Features.Build(set, symbol, config.Timeframe, config.FromUtc, config.ToUtc, out var hit);
            progress?.Invoke($"features {set.Id} {symbol} {config.Timeframe}: {frame.Count} rows × {frame.Width} ({(hit ? "cache" : "built")}), warm-up excluded {frame.WarmUpExcluded}");
            sbyte[]? primary = null;
            if (bets is not null)
            {
                primary = PrimaryBetsOn(config, symbol, input.Bars);
                var inRange = Enumerable.Range(0, input.Bars.Count).Where(i => primary[i] != 0 && input.Bars.Time[i] >= config.FromUtc.Ticks).ToArray();
                bets[symbol] = inRange.ToDictionary(i => input.Bars.Time[i], i => primary[i]);
                progress?.Invoke($"primary {config.Label.Primary} on {symbol}: {inRange.Count(i => primary[i] > 0)} long and {inRange.Count(i => primary[i] < 0)} short bets in range");
            }
            var (part, report) = DatasetBuilder.Build(frame, input.Bars, config.Label, config.Task, instruments.Get(symbol).PipSizeD,
                config.UniquenessWeights, calendar, primary);
            progress?.Invoke("dataset " + report);
            parts.Add(part);
            reports.Add(report);
            inputs.Add(input.Bars);
            inputs.AddRange(input.Universe.Where(u => inputs.All(x => x.Symbol != u.Symbol)));
        }
        var data = DatasetBuilder.Merge(parts);
        if (data.Count <= config.Cv.MinTrain)
            throw new DataException($"{config.Name}: the dataset has {data.Count} rows, not more than cv.min_train = {config.Cv.MinTrain}. " +
                                    "Widen range or lower cv.min_train.");
        return (data, reports, DataFingerprint.Of(inputs, config.FromUtc, config.ToUtc), set.Hash(config.Timeframe), bets);
    }

    /// <summary>
    /// A meta-label's primary side at every bar of <paramref name="bars"/>: a signal generator run over them, or a
    /// registered model's predictions on its own feature set. A model must have been trained on data that ended
    /// before the config's range starts (read from its lineage), or its sides there would be in-sample.
    /// </summary>
    public sbyte[] PrimaryBetsOn(ModelConfig config, string symbol, BarSeries bars)
    {
        var p = config.Label.Primary ?? throw new UsageException($"{config.Name}: a meta-label needs label.primary.");
        var side = p.Generator is not null ? PrimarySides.FromGenerator(bars, p.Generator, calendar) : ModelSides(config, p, symbol, bars);
        return PrimarySides.Keep(side, p.Sides);
    }

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sbyte[] ModelSides(ModelConfig config, PrimarySignalSpec p, string symbol, BarSeries bars)
    {
        var version = Registry.Resolve(p.Model!);
        var from = Day(config.FromUtc);
        if (version.RunId is null)
            throw new DataException($"label.primary.model: {version.Ref} was imported without lineage, so its training data is unknown and its sides " +
                                    $"from {from} could be in-sample. Use a model trained by p3 train on data ending by {from}.");
        var trained = Experiments.Get(version.RunId).Data;
        if (trained.ToUtc is not { } trainedTo || trainedTo > config.FromUtc)
            throw new DataException($"label.primary.model: {version.Ref} was trained on data up to {(trained.ToUtc is { } t ? Day(t) : "an unknown date")}, " +
                                    $"after this range starts ({from}): its sides there would be in-sample. Start range.from at or after its training end.");
        var sig = version.Signature;
        if (sig.Timeframe is { } tf && !string.Equals(tf, config.Timeframe.Name, StringComparison.OrdinalIgnoreCase))
            throw new DataException($"label.primary.model: {version.Ref} predicts on {tf} bars, this config is on {config.Timeframe}.");
        var set = FeatureSetCatalog.Get(sig.FeatureSet);
        if (sig.FeatureSetHash is { } h && h != set.Hash(config.Timeframe))
            throw new DataException($"label.primary.model: {version.Ref} was trained on a different definition of {set.Id} (hash {h[..12]}).");
        var frame = Features.Build(set, symbol, config.Timeframe, config.FromUtc, config.ToUtc, out _);
        if (!frame.Names.SequenceEqual(sig.Inputs))
            throw new DataException($"label.primary.model: {version.Ref}'s inputs are not {set.Id}'s columns.");
        using var predictor = Inference.ModelLoader.Load(Registry, version);
        var f = frame.Width;
        var w = predictor.OutputWidth;
        var x = new float[frame.Count * f];
        var finite = new bool[frame.Count];
        for (var r = 0; r < frame.Count; r++)
        {
            finite[r] = true;
            var row = frame.Row(r);
            for (var j = 0; j < f; j++)
            {
                x[r * f + j] = (float)row[j];
                finite[r] &= double.IsFinite(row[j]);
            }
        }
        var y = new float[frame.Count * w];
        predictor.PredictBatch(x, frame.Count, y);
        var side = new sbyte[bars.Count];
        for (var r = 0; r < frame.Count; r++)
        {
            var i = bars.LowerBound(frame.BarTime[r]);
            if (finite[r] && i < bars.Count && bars.Time[i] == frame.BarTime[r])
                side[i] = PrimarySides.OfOutput(y.AsSpan(r * w, w), sig.Task, sig.ClassValues, p.Threshold);
        }
        return side;
    }

    public TrainingOutcome Run(ModelConfig config, Action<string>? progress = null, Action<FoldResult>? onFold = null, bool? register = null,
        CancellationToken cancel = default)
    {
        var (data, reports, fingerprint, setHash, bets) = BuildDataset(config, progress);
        var seeds = new Dictionary<string, int> { ["training"] = config.TrainingSeed, ["hpo"] = config.HpoSeed };
        var parameters = new Dictionary<string, string>
        {
            ["trainer"] = config.Trainer.ToString(),
            ["threads"] = config.Trainer.Threads.ToString(CultureInfo.InvariantCulture),
            ["label"] = config.Label.ToString(),
            ["cv"] = $"{config.Cv.Mode} folds={config.Cv.Folds} min_train={config.Cv.MinTrain} test_size={config.Cv.TestSize} embargo={config.Cv.Embargo}",
            ["hpo"] = config.Hpo is null ? "none" : $"{config.Hpo.Method} budget={config.Hpo.Budget} inner_folds={config.Hpo.InnerFolds} metric={config.Hpo.Metric} space={string.Join("; ", config.Hpo.Space)}",
            ["symbols"] = string.Join(",", config.Symbols),
            ["timeframe"] = config.Timeframe.Name,
            ["weights"] = config.UniquenessWeights ? "uniqueness" : "none",
            ["rows"] = data.Count.ToString(CultureInfo.InvariantCulture),
        };
        var runId = Experiments.StartRun(config.Name, config.SourceText, parameters, config.FeatureSet, setHash, fingerprint,
            GitInfo.CurrentCommit(), seeds);
        progress?.Invoke($"run {runId}: {data.Count} rows × {data.FeatureCount} features, {config.Trainer}");
        try
        {
            var result = WalkForwardPipeline.Run(data, new PipelineOptions { Trainer = config.Trainer, Cv = config.Cv, Hpo = config.Hpo },
                f => { LogFold(runId, f); onFold?.Invoke(f); }, cancel);
            LogOverall(runId, result);
            Experiments.AddArtifact(runId, "config.yaml", s => s.Write(Encoding.UTF8.GetBytes(config.SourceText)));
            Experiments.AddArtifact(runId, "oos_predictions.csv", s => WriteOos(s, data, result));
            Experiments.AddArtifact(runId, "feature_importance.csv", s => WriteImportance(s, data, result));
            Experiments.AddArtifact(runId, "model.zip", s => result.FinalModel!.Context.Model.Save(result.FinalModel.Transformer, result.FinalModel.InputSchema, s));
            string? onnxNote;
            if (OnnxExporter.TryExport(result.FinalModel!, out var onnx, out _, out var reason))
            {
                Experiments.AddArtifact(runId, "model.onnx", s => s.Write(onnx));
                onnxNote = "exported model.onnx";
            }
            else onnxNote = "no ONNX export: " + reason;

            ModelVersion? registered = null;
            if (register ?? config.Register)
            {
                var signature = new ModelSignature
                {
                    FeatureSet = config.FeatureSet, FeatureSetHash = setHash, Inputs = data.FeatureNames.ToArray(), Task = data.Task,
                    ClassValues = data.ClassValues.ToArray(), Symbols = config.Symbols, Timeframe = config.Timeframe.Name,
                    Label = config.Label.ToString(),
                };
                var metrics = result.Overall.Items.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value);
                foreach (var (b, m) in result.BaselineOverall)
                    foreach (var key in new[] { "accuracy", "auc", "log_loss", "ic" })
                        if (m.TryGet(key, out var v) && double.IsFinite(v)) metrics[$"baseline.{b}.{key}"] = v;
                registered = Registry.Register(config.Name, Experiments.ArtifactPath(runId, "model.zip"), ArtifactFormat.MlNet, signature, runId,
                    metrics, new Dictionary<string, string> { ["trainer"] = config.Trainer.Kind.Name(), ["git"] = GitInfo.CurrentCommit() ?? "unknown" },
                    config.Description);
            }
            Experiments.Finish(runId, RunStatus.Finished);
            return new TrainingOutcome(runId, config, data, reports, result, fingerprint, registered, onnxNote, bets);
        }
        catch (Exception ex)
        {
            Experiments.Finish(runId, RunStatus.Failed, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Retrains from a registered version's lineage (its run's stored config, on the same data — checked by
    /// fingerprint) without registering, and returns the largest absolute difference between the registered
    /// model's and the retrained model's predictions on the run's dataset (0 means identical).
    /// </summary>
    public (double MaxDifference, int Rows, string RunId) Reproduce(ModelVersion version, Action<string>? progress = null)
    {
        if (version.RunId is null) throw new UsageException($"{version.Ref} has no lineage (it was imported), so it cannot be retrained.");
        var run = Experiments.Get(version.RunId);
        var config = ModelConfigLoader.Parse(run.ConfigText, $"{run.Id}/config.yaml", instruments);
        var (data, _, fingerprint, _, _) = BuildDataset(config, progress);
        if (fingerprint.ContentHash != run.Data.ContentHash)
            throw new DataException($"The data changed since run {run.Id}: fingerprint {fingerprint.Short} now, {run.Data.ContentHash[..12]} then.");
        progress?.Invoke($"retraining {version.Ref} from run {run.Id} ({config.Trainer}, threads {config.Trainer.Threads})");
        var result = WalkForwardPipeline.Run(data, new PipelineOptions { Trainer = config.Trainer, Cv = config.Cv, Hpo = config.Hpo });
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var retrained = result.FinalModel!.Score(data, rows);
        using var registered = Inference.ModelLoader.Load(Registry, version);
        var original = new float[retrained.Length];
        registered.PredictBatch(data.Features, data.Count, original);
        var max = 0.0;
        for (var i = 0; i < original.Length; i++) max = Math.Max(max, Math.Abs(original[i] - retrained[i]));
        return (max, data.Count, run.Id);
    }

    private void LogFold(string runId, FoldResult f)
    {
        var records = new List<MetricRecord>();
        records.AddRange(f.Model.Items.Select(m => new MetricRecord(f.Index, "model", m.Key, m.Value)));
        foreach (var (b, ms) in f.Baselines) records.AddRange(ms.Items.Select(m => new MetricRecord(f.Index, b, m.Key, m.Value)));
        records.Add(new MetricRecord(f.Index, "fold", "train_rows", f.TrainRows));
        records.Add(new MetricRecord(f.Index, "fold", "test_rows", f.TestRows));
        records.Add(new MetricRecord(f.Index, "fold", "purged", f.Purged));
        records.Add(new MetricRecord(f.Index, "fold", "embargoed", f.Embargoed));
        records.Add(new MetricRecord(f.Index, "fold", "seconds", f.Duration.TotalSeconds));
        foreach (var (k, v) in f.Parameters) records.Add(new MetricRecord(f.Index, "param", k, v));
        Experiments.LogMetrics(runId, records);
    }

    private void LogOverall(string runId, WalkForwardResult r)
    {
        var records = r.Overall.Items.Select(m => new MetricRecord(-1, "model", m.Key, m.Value)).ToList();
        foreach (var (b, ms) in r.BaselineOverall) records.AddRange(ms.Items.Select(m => new MetricRecord(-1, b, m.Key, m.Value)));
        foreach (var (k, v) in r.FinalSpec.Parameters) records.Add(new MetricRecord(-1, "param", k, v));
        records.Add(new MetricRecord(-1, "fold", "final_train_rows", r.FinalTrainRows));
        Experiments.LogMetrics(runId, records);
    }

    private static void WriteOos(Stream s, Dataset data, WalkForwardResult r)
    {
        using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
        var oos = r.OutOfSample;
        var names = data.Task == TaskKind.Regression ? ["prediction"] : ClassNames.For(data.ClassValues).Select(n => "p_" + n).ToArray();
        w.WriteLine("bar_time_utc,symbol,fold,label,outcome," + string.Join(",", names));
        var ic = CultureInfo.InvariantCulture;
        for (var k = 0; k < oos.Rows.Length; k++)
        {
            var i = oos.Rows[k];
            var label = data.Task == TaskKind.Regression ? data.Target[i] : data.ClassValues[data.Class[i]];
            w.Write(string.Create(ic, $"{new DateTime(data.BarTime[i], DateTimeKind.Utc):yyyy-MM-dd HH:mm},{data.Symbol[i]},{oos.Fold[k]},{label},{data.Outcome[i]:R}"));
            foreach (var p in oos.At(k)) w.Write(string.Create(ic, $",{p:R}"));
            w.WriteLine();
        }
    }

    private static void WriteImportance(Stream s, Dataset data, WalkForwardResult r)
    {
        using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
        w.WriteLine("feature,importance");
        foreach (var (name, v) in data.FeatureNames.Zip(r.FeatureImportance.Count == data.FeatureCount ? r.FeatureImportance : new double[data.FeatureCount])
                     .OrderByDescending(p => p.Second))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name},{v:G6}"));
    }
}
