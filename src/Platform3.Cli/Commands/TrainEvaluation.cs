using System.Globalization;
using Platform3.AI.Experiments;
using Platform3.AI.Training.Pipeline;
using Platform3.MarketData.Storage;
using Platform3.Trading.ModelEvaluation;
using Platform3.Trading.Simulation;

namespace Platform3.Cli.Commands;

/// <summary>
/// After training: trades the out-of-sample predictions through the simulation engine (net of spread,
/// slippage, commission and swap), then runs the walk-forward retraining backtest; both are printed and
/// recorded with the run (subjects "trading.oos" and "trading.retrain").
/// </summary>
internal static class TrainEvaluation
{
    public static void Run(CliContext ctx, TrainingOutcome outcome, TextWriter o)
    {
        var cfg = outcome.Config;
        var ev = cfg.Evaluation;
        var swapsFile = Path.Combine(ctx.ConfigDir, "swaps.yaml");
        var swaps = File.Exists(swapsFile) ? SwapTable.Load(swapsFile) : SwapTable.Zero();
        var models = SimulationModels.Realistic(ctx.Calendar, swaps) with { Commission = new PerMillionCommission(ev.CommissionPerMillion) };
        var hold = ev.HoldBars ?? cfg.Label.Horizon;
        var options = new EvaluationOptions { Units = ev.Lots * 100_000m, HoldBars = hold, Models = models };
        var store = BarStore.Open(ctx.DataDir);
        var features = new Platform3.AI.Features.FeatureStore(ctx.DataDir, ctx.Instruments, ctx.Calendar);
        var experiments = ExperimentStore.ForDataDir(ctx.DataDir);
        o.WriteLine();
        o.WriteLine($"trading evaluation: threshold {ev.Threshold.ToString(CultureInfo.InvariantCulture)}, hold {hold} bars, {ev.Lots.ToString(CultureInfo.InvariantCulture)} lot(s), " +
                    $"realistic spreads, 0.1 pip slippage, commission {ev.CommissionPerMillion.ToString(CultureInfo.InvariantCulture)}/million, swaps {(File.Exists(swapsFile) ? "config/swaps.yaml" : "none")}");
        foreach (var symbol in cfg.Symbols)
        {
            var instrument = ctx.Instruments.Get(symbol);
            // Stored bars of the model's timeframe, or built from finer stored bars (as the features were).
            var bars = features.LoadBars(store, symbol, cfg.Timeframe, cfg.FromUtc, cfg.ToUtc);
            if (bars.Count == 0) { o.WriteLine($"  {symbol}: no {cfg.Timeframe} bars to trade on"); continue; }
            var data = outcome.Dataset;
            var oos = outcome.Result.OutOfSample;
            var meta = outcome.PrimaryBets is not null;
            var signals = meta ? PredictionSignals.FromMetaOutOfSample(data, oos, symbol, outcome.PrimaryBets![symbol], ev.Threshold)
                : PredictionSignals.FromOutOfSample(data, oos, symbol, ev.Threshold);
            var firstOos = oos.Rows.Where(i => data.Symbol[i] == symbol).Select(i => data.BarTime[i]).DefaultIfEmpty(bars.Time[0]).Min();
            var oosBars = bars.Range(bars.LowerBound(firstOos), bars.Count);
            var (stats, _) = ModelTradingEvaluator.Evaluate(instrument, oosBars, signals, options, ctx.Instruments);
            o.WriteLine($"  {symbol} out-of-sample ({signals.Longs} long / {signals.Shorts} short signals): {stats}");
            experiments.LogMetrics(outcome.RunId, stats.Metrics().Select(m => new MetricRecord(-1, $"trading.oos.{symbol}", m.Name, m.Value)));

            if (meta)
            {
                o.WriteLine($"  {symbol} walk-forward retraining: not run for meta-labels (it trades the model's own side; a meta-model only filters the primary's bets)");
                continue;
            }
            if (data.Count <= ev.TrainWindow + 10)
            {
                o.WriteLine($"  {symbol} walk-forward retraining: skipped ({data.Count} rows, train_window {ev.TrainWindow})");
                continue;
            }
            var retrain = WalkForwardRetrainBacktest.Run(data, symbol, instrument, bars,
                new RetrainOptions
                {
                    Trainer = outcome.Result.FinalSpec, TrainWindow = ev.TrainWindow, RetrainEvery = ev.RetrainEvery,
                    Embargo = cfg.Cv.Embargo, Threshold = ev.Threshold,
                }, options);
            o.WriteLine($"  {symbol} walk-forward retraining every {ev.RetrainEvery} bars on the trailing {ev.TrainWindow}: " +
                        $"{retrain.Windows.Count} windows, accuracy {AiCli.F(retrain.Overall.GetOrNaN("accuracy"))}, auc {AiCli.F(retrain.Overall.GetOrNaN("auc"))}");
            o.WriteLine($"    {retrain.Stats}");
            experiments.LogMetrics(outcome.RunId, retrain.Stats.Metrics().Select(m => new MetricRecord(-1, $"trading.retrain.{symbol}", m.Name, m.Value))
                .Concat(retrain.Overall.Items.Select(m => new MetricRecord(-1, $"retrain.{symbol}", m.Key, m.Value))));
        }
    }
}
