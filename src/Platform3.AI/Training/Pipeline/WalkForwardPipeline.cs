using System.Diagnostics;
using Platform3.AI.Training.Baselines;
using Platform3.AI.Training.Hpo;
using Platform3.AI.Training.Metrics;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Training.Pipeline;

/// <summary>
/// Purged walk-forward training: per outer fold, (optionally) pick parameters by a nested purged
/// walk-forward on the fold's training rows only, fit processors and the model on those rows, score the
/// test block, and score the baselines the same way. Overall metrics are computed on the concatenated
/// out-of-sample predictions, never on training rows.
/// </summary>
public static class WalkForwardPipeline
{
    public static WalkForwardResult Run(Dataset data, PipelineOptions options, Action<FoldResult>? onFold = null,
        CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var folds = PurgedWalkForward.Split(data.Start, data.End, options.Cv);
        var baselines = Baselines.Baselines.For(data.Task);
        var width = data.Task == TaskKind.Regression ? 1 : data.ClassCount;
        var testCount = folds.Sum(f => f.Test.Length);
        var rows = new int[testCount];
        var foldOf = new int[testCount];
        var preds = new float[testCount * width];
        var basePreds = baselines.ToDictionary(b => b.Name, _ => new float[testCount * width]);
        var results = new List<FoldResult>();
        TrainedModel? last = null;
        var offset = 0;
        foreach (var fold in folds)
        {
            cancel.ThrowIfCancellationRequested();
            var foldClock = Stopwatch.StartNew();
            var spec = options.Hpo is null ? options.Trainer : Tune(data, fold.Train, options.Trainer, options.Hpo, options.Cv.Embargo);
            var model = ModelTrainer.Fit(data, fold.Train, spec);
            last = model;
            var p = model.Score(data, fold.Test);
            p.CopyTo(preds, offset * width);
            var baseMetrics = new Dictionary<string, MetricSet>();
            foreach (var b in baselines)
            {
                var bp = b.Predict(data, fold.Train, fold.Test);
                bp.CopyTo(basePreds[b.Name], offset * width);
                baseMetrics[b.Name] = Evaluation.Evaluate(data, fold.Test, bp);
            }
            for (var k = 0; k < fold.Test.Length; k++) { rows[offset + k] = fold.Test[k]; foldOf[offset + k] = fold.Index; }
            offset += fold.Test.Length;
            var result = new FoldResult
            {
                Index = fold.Index,
                TrainRows = fold.Train.Length,
                TestRows = fold.Test.Length,
                Purged = fold.Purged,
                Embargoed = fold.Embargoed,
                TrainFromTicks = data.Start[fold.Train[0]],
                TrainToTicks = data.Start[fold.Train[^1]],
                TestFromTicks = data.Start[fold.Test[0]],
                TestToTicks = data.Start[fold.Test[^1]],
                Parameters = spec.Parameters,
                Model = Evaluation.Evaluate(data, fold.Test, p),
                Baselines = baseMetrics,
                Duration = foldClock.Elapsed,
            };
            results.Add(result);
            onFold?.Invoke(result);
        }

        TrainedModel? final = null;
        var finalSpec = options.Trainer;
        var finalRows = 0;
        if (options.TrainFinalModel)
        {
            var from = options.Cv.Mode == WindowMode.Rolling ? Math.Max(0, data.Count - options.Cv.MinTrain) : 0;
            var window = Enumerable.Range(from, data.Count - from).ToArray();
            finalSpec = options.Hpo is null ? options.Trainer : Tune(data, window, options.Trainer, options.Hpo, options.Cv.Embargo);
            final = ModelTrainer.Fit(data, window, finalSpec);
            finalRows = window.Length;
        }

        return new WalkForwardResult
        {
            Folds = results,
            Overall = Evaluation.Evaluate(data, rows, preds),
            BaselineOverall = basePreds.ToDictionary(b => b.Key, b => Evaluation.Evaluate(data, rows, b.Value)),
            OutOfSample = new OutOfSample { Rows = rows, Fold = foldOf, Predictions = preds, Width = width, Baselines = basePreds },
            FinalModel = final,
            FinalSpec = finalSpec,
            FinalTrainRows = finalRows,
            FeatureImportance = (final ?? last)?.FeatureImportance() ?? [],
            Duration = clock.Elapsed,
        };
    }

    /// <summary>
    /// Nested search: candidates are scored by a purged walk-forward inside <paramref name="trainRows"/>
    /// only (the outer test block is never seen), then the best is returned.
    /// </summary>
    public static TrainerSpec Tune(Dataset data, int[] trainRows, TrainerSpec baseSpec, HpoOptions hpo, int embargo)
    {
        var candidates = CandidateGenerator.Generate(hpo);
        if (candidates.Count == 1) return baseSpec.WithParameters(candidates[0]);
        var start = trainRows.Select(i => data.Start[i]).ToArray();
        var end = trainRows.Select(i => data.End[i]).ToArray();
        var inner = PurgedWalkForward.Split(start, end, new WalkForwardOptions
        {
            Folds = hpo.InnerFolds,
            Mode = WindowMode.Expanding,
            MinTrain = Math.Max(1, trainRows.Length / 2),
            Embargo = embargo,
        });
        var minimise = HpoOptions.Minimise(hpo.Metric);
        TrainerSpec? best = null;
        var bestScore = double.NaN;
        foreach (var c in candidates)
        {
            var spec = baseSpec.WithParameters(c);
            double sum = 0; var count = 0;
            foreach (var f in inner)
            {
                var tr = f.Train.Select(k => trainRows[k]).ToArray();
                var te = f.Test.Select(k => trainRows[k]).ToArray();
                if (tr.Length == 0) continue;
                var m = Evaluation.Evaluate(data, te, ModelTrainer.Fit(data, tr, spec).Score(data, te)).GetOrNaN(hpo.Metric);
                if (double.IsNaN(m)) continue;
                sum += m; count++;
            }
            if (count == 0) continue;
            var score = sum / count;
            if (best is null || (minimise ? score < bestScore : score > bestScore)) { best = spec; bestScore = score; }
        }
        return best ?? baseSpec.WithParameters(candidates[0]);
    }
}
