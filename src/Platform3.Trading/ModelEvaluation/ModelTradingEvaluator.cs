using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.ModelEvaluation;

/// <summary>How model signals are traded: size, holding period, and the broker models (spread, commission, swap).</summary>
public sealed record EvaluationOptions
{
    public decimal Units { get; init; } = 100_000m;
    public int HoldBars { get; init; } = 4;
    public decimal InitialBalance { get; init; } = 100_000m;
    public SimulationModels Models { get; init; } = new();
}

/// <summary>
/// The trading evaluation of predictions: the threshold strategy runs through the same backtest engine and
/// simulated broker as any strategy, so the statistics are net of spread, slippage, commission and swap.
/// </summary>
public static class ModelTradingEvaluator
{
    public static (TradingStats Stats, BacktestResult Result) Evaluate(Instrument instrument, BarSeries bars, PredictionSignals signals,
        EvaluationOptions options, InstrumentCatalog? instruments = null, IReadOnlyList<(Instrument, BarSeries)>? conversion = null)
    {
        var data = new MarketDataSet().AddBars(instrument, bars);
        foreach (var (i, b) in conversion ?? []) data.AddBars(i, b, traded: false);
        var settings = new BacktestSettings
        {
            InitialBalance = options.InitialBalance,
            Models = options.Models,
            Instruments = instruments ?? InstrumentCatalog.Builtin,
            RecordEvents = false,
        };
        var result = new BacktestEngine(settings).Run(data,
            new ThresholdStrategy(instrument, bars.Timeframe, signals, options.Units, Math.Max(1, options.HoldBars)));
        return (TradingStats.From(result), result);
    }
}
