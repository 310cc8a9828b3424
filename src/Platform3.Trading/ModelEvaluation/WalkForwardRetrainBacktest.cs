using Platform3.AI.Training;
using Platform3.AI.Training.Metrics;
using Platform3.AI.Training.Pipeline;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Domain;

namespace Platform3.Trading.ModelEvaluation;

/// <summary>Retraining schedule for the walk-forward backtest, in dataset rows (≈ bars).</summary>
public sealed record RetrainOptions
{
    public required TrainerSpec Trainer { get; init; }
    /// <summary>Rows in the trailing training window.</summary>
    public int TrainWindow { get; init; } = 8000;
    /// <summary>Retrain after this many scored rows.</summary>
    public int RetrainEvery { get; init; } = 2000;
    /// <summary>Rows dropped at the end of each training window after purging.</summary>
    public int Embargo { get; init; }
    public double Threshold { get; init; } = 0.55;
}

/// <summary>One retraining: the window it learned from and the span it then scored.</summary>
public sealed record RetrainWindow(int Index, long TrainFromTicks, long TrainToTicks, int TrainRows, int Purged, long ScoreFromTicks,
    long ScoreToTicks, int ScoredRows, MetricSet Metrics);

/// <summary>The windows, the signals their models produced, and the trading result of those signals.</summary>
public sealed record RetrainBacktestResult(IReadOnlyList<RetrainWindow> Windows, MetricSet Overall, PredictionSignals Signals, TradingStats Stats);

/// <summary>
/// Walk-forward retraining inside a backtest, as FreqAI does: every <c>RetrainEvery</c> rows a model is
/// trained on the trailing <c>TrainWindow</c> rows whose labels had resolved by then (purged: a label still
/// open when scoring starts has seen scoring-period prices) and scores only the rows that follow, until the
/// next retraining. The stitched predictions then trade through the simulation engine.
/// </summary>
public static class WalkForwardRetrainBacktest
{
    public static RetrainBacktestResult Run(Dataset data, string symbol, Instrument instrument, BarSeries bars, RetrainOptions options,
        EvaluationOptions trading, Action<RetrainWindow>? progress = null)
    {
        var rows = Enumerable.Range(0, data.Count).Where(i => data.Symbol[i] == symbol || data.Symbol[i].Length == 0).ToArray();
        if (rows.Length <= options.TrainWindow)
            throw new Core.Errors.DataException($"Walk-forward retraining needs more than train_window = {options.TrainWindow} rows of {symbol}; there are {rows.Length}.");
        var windows = new List<RetrainWindow>();
        var width = data.Task == TaskKind.Regression ? 1 : data.ClassCount;
        var scored = new List<int>();
        var predictions = new List<float>();
        var signals = new Dictionary<long, sbyte>();
        for (int k = options.TrainWindow, w = 0; k < rows.Length; k += options.RetrainEvery, w++)
        {
            var scoreStart = data.Start[rows[k]];
            var candidates = rows[(k - options.TrainWindow)..k];
            var train = candidates.Where(i => data.End[i] < scoreStart).ToList();
            var purged = candidates.Length - train.Count;
            if (options.Embargo > 0) train.RemoveRange(Math.Max(0, train.Count - options.Embargo), Math.Min(options.Embargo, train.Count));
            var score = rows[k..Math.Min(rows.Length, k + options.RetrainEvery)];
            var model = ModelTrainer.Fit(data, train, options.Trainer);
            var p = model.Score(data, score);
            for (var j = 0; j < score.Length; j++)
                signals[data.BarTime[score[j]]] = PredictionSignals.Side(p.AsSpan(j * width, width), data.Task, data.ClassValues, options.Threshold);
            scored.AddRange(score);
            predictions.AddRange(p);
            var window = new RetrainWindow(w, data.Start[train[0]], data.Start[train[^1]], train.Count, purged, scoreStart,
                data.Start[score[^1]], score.Length, Evaluation.Evaluate(data, score, p));
            windows.Add(window);
            progress?.Invoke(window);
        }
        var sig = new PredictionSignals(symbol, signals);
        var (stats, _) = ModelTradingEvaluator.Evaluate(instrument, bars, sig, trading);
        return new RetrainBacktestResult(windows, Evaluation.Evaluate(data, scored, predictions.ToArray()), sig, stats);
    }
}
