namespace Platform3.Trading.Monitoring;

public enum MonitoringEventKind
{
    /// <summary>An order of the trade filled (open, add, reduce or close).</summary>
    Fill,
    /// <summary>A mark-to-market of an open trade (each bar in a backtest).</summary>
    Mark,
}

/// <summary>Portfolio risk at the moment of the event (multiples and fractions of equity).</summary>
public readonly record struct MonitoringRisk(double GrossExposure, double MaxNetCurrencyExposure, string MaxNetCurrency, double Leverage, double VarFraction, double Drawdown);

/// <summary>How well a fill was executed: slippage against the decision price (pips, positive = worse) and the latency from decision to fill.</summary>
public readonly record struct ExecutionQuality(string DecisionId, double DecisionPrice, double FillPrice, double SlippagePips, TimeSpan Latency);

/// <summary>
/// The trade monitor's input: for one trade (a position from flat back to flat in one symbol), its position,
/// realised and unrealised P&amp;L in account currency, the portfolio's risk figures and, on fills, execution quality.
/// </summary>
public sealed record TradeMonitoringEvent(
    string TradeId,
    MonitoringEventKind Kind,
    DateTime Timestamp,
    string Symbol,
    double Position,
    double AveragePrice,
    double RealisedPnl,
    double UnrealisedPnl,
    MonitoringRisk RiskMetrics,
    ExecutionQuality? Execution);
