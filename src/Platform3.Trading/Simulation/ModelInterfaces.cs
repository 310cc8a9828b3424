using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Simulation;

/// <summary>Supplies the ask for bid-only bars: the spread in price units for the bar (≥ 0).</summary>
public interface ISpreadModel
{
    double Spread(Instrument instrument, in Bar bar);
}

/// <summary>Adverse slippage in price units (≥ 0) added to market, stop and stop-out fills. Limits never slip.</summary>
public interface ISlippageModel
{
    double Slippage(Instrument instrument, OrderSide side, OrderType type, in Bar bar);
}

/// <summary>Commission for one fill (one side), in the account currency (≥ 0, not yet rounded).</summary>
public interface ICommissionModel
{
    decimal Commission(Instrument instrument, decimal units, decimal price, CurrencyConverter converter);
}

/// <summary>
/// Overnight financing. The broker asks once per rollover (17:00 New York, Monday to Friday) for each open
/// position; the weekend is paid on <see cref="TripleDay"/>, which counts three days.
/// </summary>
public interface ISwapModel
{
    /// <summary>The trading day (New York date of the 17:00 close) whose rollover counts three days.</summary>
    DayOfWeek TripleDay { get; }

    /// <summary>One day's swap as a signed cash effect in the quote currency (negative = charge).</summary>
    decimal DailySwapInQuote(Instrument instrument, PositionSide side, decimal units, decimal mid);
}

/// <summary>Leverage per pair and the margin-call and stop-out levels (margin level = equity / used margin × 100).</summary>
public interface IMarginModel
{
    decimal Leverage(Instrument instrument);
    /// <summary>Below this margin level (percent) new exposure is refused and a margin call is raised.</summary>
    double MarginCallLevel { get; }
    /// <summary>Below this margin level (percent) positions are closed, biggest loser first.</summary>
    double StopOutLevel { get; }
}

/// <summary>Delay (in UTC ticks) between an order's submission and the moment it can fill.</summary>
public interface ILatencyModel
{
    long LatencyTicks(Order order);
}

/// <summary>
/// How an order meets a bar: the order in which the bar's extremes are visited, and how much of an order
/// can fill in one bar (partial fills).
/// </summary>
public interface IFillModel
{
    /// <summary>True to visit the high before the low (O→H→L→C), false for O→L→H→C.</summary>
    bool HighFirst(in Bar bar);

    /// <summary>How many of <paramref name="leaves"/> units may fill now, given <paramref name="filledThisBar"/> already filled in this bar.</summary>
    decimal FillableUnits(Order order, decimal leaves, decimal filledThisBar);
}

/// <summary>
/// Models that learn from bars (e.g. a volatility estimate) see each bar after it has been traded through. What they
/// learn belongs to one run: every run's broker works on its own fresh copy (<see cref="NewRun"/>), so runs that share
/// one <see cref="SimulationModels"/> (an optimisation, a walk-forward, a lookahead check) do not leak into each other.
/// </summary>
public interface IBarObserver
{
    void Observe(Instrument instrument, in Bar bar);

    /// <summary>A copy with the same settings that has seen no bar yet (of the same type as this model).</summary>
    IBarObserver NewRun();
}
