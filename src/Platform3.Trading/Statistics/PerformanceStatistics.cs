using Platform3.Trading.Backtesting;

namespace Platform3.Trading.Statistics;

/// <summary>
/// Performance of a backtest. Returns are daily (FX trading days ending 17:00 New York) and annualised with
/// <see cref="PeriodsPerYear"/> = 260 weekdays; the risk-free rate is zero. Drawdowns are measured on every
/// equity sample. Trade figures use net P&amp;L (after commission and swap). Sharpe ratios for PSR and DSR
/// are per day (not annualised), as those formulas require.
/// </summary>
public sealed record PerformanceStatistics
{
    public const int PeriodsPerYear = 260;

    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public required decimal InitialEquity { get; init; }
    public required decimal FinalEquity { get; init; }
    public decimal NetProfit => FinalEquity - InitialEquity;
    public required double TotalReturn { get; init; }
    /// <summary>Compound annual growth rate (the annualised return).</summary>
    public required double Cagr { get; init; }
    /// <summary>Annualised volatility of daily returns.</summary>
    public required double Volatility { get; init; }
    public required double Sharpe { get; init; }
    public required double Sortino { get; init; }
    public required double Calmar { get; init; }
    /// <summary>Largest peak-to-trough fall of equity, as a fraction of the peak.</summary>
    public required double MaxDrawdown { get; init; }
    /// <summary>Longest time from a peak until equity was back at it (or the end).</summary>
    public required TimeSpan MaxDrawdownDuration { get; init; }

    public required int Trades { get; init; }
    public required int Wins { get; init; }
    public required int Losses { get; init; }
    public required double WinRate { get; init; }
    public required double ProfitFactor { get; init; }
    public required decimal Expectancy { get; init; }
    public required decimal AverageWin { get; init; }
    public required decimal AverageLoss { get; init; }
    public required decimal LargestWin { get; init; }
    public required decimal LargestLoss { get; init; }
    public required TimeSpan AverageHolding { get; init; }
    /// <summary>Share of the run's time with at least one position open.</summary>
    public required double Exposure { get; init; }
    /// <summary>Notional traded per year divided by the average equity.</summary>
    public required double Turnover { get; init; }
    public required CostSummary Costs { get; init; }

    public required int Observations { get; init; }
    public required double DailySharpe { get; init; }
    public required double Skewness { get; init; }
    public required double Kurtosis { get; init; }
    /// <summary>Probability that the true Sharpe ratio is above zero.</summary>
    public required double Psr { get; init; }
    /// <summary>PSR against the best Sharpe expected from <see cref="Trials"/> unskilled trials.</summary>
    public required double DeflatedSharpe { get; init; }
    public required int Trials { get; init; }
}
