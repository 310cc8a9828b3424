using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Backtesting;

/// <summary>Everything about a backtest except the data and the strategies.</summary>
public sealed record BacktestSettings
{
    public Currency AccountCurrency { get; init; } = Currency.USD;
    public decimal InitialBalance { get; init; } = 100_000m;
    public PositionMode PositionMode { get; init; } = PositionMode.Netting;
    public SimulationModels Models { get; init; } = new();
    public InstrumentCatalog Instruments { get; init; } = InstrumentCatalog.Builtin;
    public FxCalendar Calendar { get; init; } = FxCalendar.Default;
    /// <summary>The timeframe strategies trade on (null: the data's timeframe); must be a multiple of the data's.</summary>
    public Timeframe? StrategyTimeframe { get; init; }
    /// <summary>Cancel open orders and close positions at the last quotes when the data ends.</summary>
    public bool CloseAtEnd { get; init; } = true;
    /// <summary>Keep every order event in the result.</summary>
    public bool RecordEvents { get; init; } = true;
    /// <summary>Keep the values strategies Record (for the lookahead analysis).</summary>
    public bool Diagnostics { get; init; }
    /// <summary>Where strategies' log lines go.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Extra pre-trade checks run by the OMS on every order (e.g. the decision engine's kill switch).</summary>
    public IReadOnlyList<Execution.IPreTradeCheck> PreTradeChecks { get; init; } = [];
    /// <summary>Lets a lone quiet bar take the broker's short way (off only to test that it changes nothing).</summary>
    internal bool QuietStepShortcut { get; init; } = true;
    /// <summary>Runs a one-instrument bar feed in the engine's single-feed loop (off only to test that it changes nothing).</summary>
    internal bool FusedSingleFeed { get; init; } = true;
    /// <summary>Runs quiet bars of the single-feed loop through the broker's armed lane (off only to test that it changes nothing).</summary>
    internal bool QuietLane { get; init; } = true;
    /// <summary>Skips the walk of a step whose margin level provably stays clear of every margin rule (off only to test that it changes nothing).</summary>
    internal bool MarginBoundShortcut { get; init; } = true;
    /// <summary>Ends a walk after its first segment when the rest is proved to change nothing but marks and quotes (off only to test that it changes nothing).</summary>
    internal bool WalkFinishShortcut { get; init; } = true;
    /// <summary>Lets the order path remember what it checked or converted for the previous order (off only to test that it changes nothing).</summary>
    internal bool OrderMemoShortcut { get; init; } = true;
    /// <summary>Records a plain market order's creation and submission in one step when nobody listens (off only to test that it changes nothing).</summary>
    internal bool DirectOrderEvents { get; init; } = true;
}
