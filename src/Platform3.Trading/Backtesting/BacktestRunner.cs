using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Backtesting;

/// <summary>A named strategy run with its parameters and account settings (what the CLI and the research tools ask for).</summary>
public sealed record BacktestRequest
{
    public required string Strategy { get; init; }
    public StrategyParameters Parameters { get; init; } = new();
    public required Timeframe Timeframe { get; init; }
    public decimal Balance { get; init; } = 100_000m;
    public Currency AccountCurrency { get; init; } = Currency.USD;
    public PositionMode PositionMode { get; init; } = PositionMode.Netting;
    public SimulationModels Models { get; init; } = new();
    public bool Diagnostics { get; init; }
    public bool RecordEvents { get; init; } = true;
}

/// <summary>Runs a registered strategy by name over a loaded data set.</summary>
public sealed class BacktestRunner(InstrumentCatalog catalog, FxCalendar calendar)
{
    public BacktestResult Run(BacktestRequest request, MarketDataSet data)
    {
        var descriptor = StrategyCatalog.Get(request.Strategy);
        var engine = new BacktestEngine(new BacktestSettings
        {
            AccountCurrency = request.AccountCurrency,
            InitialBalance = request.Balance,
            PositionMode = request.PositionMode,
            Models = request.Models,
            Instruments = catalog,
            Calendar = calendar,
            StrategyTimeframe = request.Timeframe,
            Diagnostics = request.Diagnostics,
            RecordEvents = request.RecordEvents,
        });
        // Each run gets fresh parameters: the strategy marks what it reads, and unknown names are refused.
        return engine.Run(data, descriptor.Create(), new StrategyParameters(request.Parameters.Values));
    }
}
