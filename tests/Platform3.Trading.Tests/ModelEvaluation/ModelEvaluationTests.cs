using Platform3.AI.Features;
using Platform3.AI.Labels;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.ModelEvaluation;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Tests.ModelEvaluation;

public class ModelEvaluationTests
{
    private static readonly Instrument Eurusd = InstrumentCatalog.Builtin.Get("EURUSD");

    private static BarSeries Flat(params double[] closes)
    {
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M15, closes.Length);
        var t = new DateTime(2024, 1, 2, 8, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < closes.Length; i++)
        {
            var open = i == 0 ? closes[0] : closes[i - 1];
            b.Add(new Bar(t.AddMinutes(15 * i), open, Math.Max(open, closes[i]), Math.Min(open, closes[i]), closes[i]));
        }
        return b.Build();
    }

    [Fact]
    public void A_long_signal_is_bought_at_the_next_bar_and_closed_after_the_holding_period()
    {
        var bars = Flat(1.1000, 1.1000, 1.1010, 1.1020, 1.1030, 1.1040, 1.1040);
        var signals = new PredictionSignals("EURUSD", new Dictionary<long, sbyte> { [bars.Time[1]] = 1 });
        var (stats, result) = ModelTradingEvaluator.Evaluate(Eurusd, bars, signals,
            new EvaluationOptions { Units = 100_000m, HoldBars = 2, Models = SimulationModels.Frictionless() });
        var trade = Assert.Single(result.Trades);
        // Decided at bar 1's close; filled at bar 2's open (1.1000); held for two more bars; the exit is decided at
        // bar 3's close and filled at bar 4's open (1.1020).
        Assert.Equal(bars.TimeAt(2), trade.EntryTime);
        Assert.Equal(1.1000m, trade.EntryPrice);
        Assert.Equal(1.1020m, trade.ExitPrice);
        Assert.Equal(200m, trade.NetPnl);
        Assert.Equal(200m, stats.NetProfit);
        Assert.Null(stats.LedgerProblem);
    }

    [Fact]
    public void Net_statistics_are_after_spread_and_commission()
    {
        var bars = Flat(1.1000, 1.1000, 1.1010, 1.1020, 1.1030, 1.1040, 1.1040);
        var signals = new PredictionSignals("EURUSD", new Dictionary<long, sbyte> { [bars.Time[1]] = 1 });
        var options = new EvaluationOptions { Units = 100_000m, HoldBars = 2 };
        var free = ModelTradingEvaluator.Evaluate(Eurusd, bars, signals, options with { Models = SimulationModels.Frictionless() }).Stats;
        var costly = ModelTradingEvaluator.Evaluate(Eurusd, bars, signals, options with
        {
            Models = SimulationModels.Frictionless(1.0) with { Commission = new PerMillionCommission(30m) },
        }).Stats;
        Assert.True(costly.SpreadCost > 0);
        Assert.True(costly.Commission > 0);
        Assert.Equal(free.NetProfit - costly.SpreadCost - costly.Commission, costly.NetProfit);
    }

    [Fact]
    public void Walk_forward_retraining_scores_each_window_only_with_a_model_trained_before_it()
    {
        var bars = MeanReverting(5200, -0.35, seed: 3);
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, bars, FxCalendar.Default);
        var (data, _) = DatasetBuilder.Build(frame, bars, new LabelSpec { Horizon = 1 }, TaskKind.Binary, Eurusd.PipSizeD, false);
        var trainer = new TrainerSpec
        {
            Kind = TrainerKind.LightGbmBinary, Threads = 1,
            Parameters = new Dictionary<string, double> { ["num_iterations"] = 40, ["num_leaves"] = 7, ["min_data_in_leaf"] = 50 },
        };
        var windows = new List<RetrainWindow>();
        var result = WalkForwardRetrainBacktest.Run(data, "EURUSD", Eurusd, bars,
            new RetrainOptions { Trainer = trainer, TrainWindow = 1500, RetrainEvery = 600, Threshold = 0.55 },
            new EvaluationOptions { HoldBars = 1, Models = SimulationModels.Frictionless() }, windows.Add);

        Assert.Equal(windows.Count, result.Windows.Count);
        Assert.True(windows.Count >= 5);
        for (var w = 0; w < windows.Count; w++)
        {
            // Every training label resolved before the window's first scored row was known.
            Assert.True(windows[w].TrainToTicks < windows[w].ScoreFromTicks);
            Assert.True(windows[w].Purged >= 1, "the label open at the scoring start must be purged");
            if (w > 0) Assert.True(windows[w - 1].ScoreToTicks < windows[w].ScoreFromTicks);
        }
        Assert.True(result.Overall["accuracy"] > 0.55, $"accuracy {result.Overall["accuracy"]}");
        Assert.True(result.Stats.Trades > 100);
        Assert.True(result.Stats.NetProfit > 0, $"the planted edge should pay without costs: {result.Stats}");
    }

    private static BarSeries MeanReverting(int n, double phi, int seed)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M15, n);
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        double price = 1.1, r = 0;
        for (var i = 0; i < n; i++)
        {
            while (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) t = t.AddDays(1);
            r = phi * r + 0.0004 * Gauss();
            var open = Math.Round(price, 5);
            price *= Math.Exp(r);
            var close = Math.Round(price, 5);
            var wiggle = Math.Round(Math.Abs(Gauss()) * 0.0001, 5);
            b.Add(new Bar(t, open, Math.Max(open, close) + wiggle, Math.Min(open, close) - wiggle, close));
            t = t.AddMinutes(15);
        }
        return b.Build();
    }
}
