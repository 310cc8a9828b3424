using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Kernel;

/// <summary>
/// Everything a strategy may touch. It is the same in backtest, paper and live: only the clock, the data
/// feed and the venue behind it change. Nothing here can reach data later than <see cref="UtcNow"/>.
/// </summary>
public interface IStrategyContext
{
    string StrategyId { get; }
    DateTime UtcNow { get; }
    long UtcNowTicks { get; }
    /// <summary>The engine's clock as a <see cref="TimeProvider"/> (a simulated one in backtests).</summary>
    TimeProvider Clock { get; }
    FxCalendar Calendar { get; }
    InstrumentCatalog Instruments { get; }
    /// <summary>The instruments this run trades (the ones given with --symbols).</summary>
    IReadOnlyList<Instrument> Universe { get; }
    StrategyParameters Parameters { get; }
    /// <summary>The timeframe the run asks strategies to trade on (e.g. --timeframe M5); subscribe to others as needed.</summary>
    Timeframe Timeframe { get; }
    MessageBus Bus { get; }
    Account Account { get; }
    IOrderGateway Orders { get; }
    QuoteBook Quotes { get; }

    /// <summary>Delivers bars of the instrument and timeframe at their close (higher timeframes are built from the run's data).</summary>
    void Subscribe(Instrument instrument, Timeframe timeframe);

    /// <summary>Delivers every quote of the instrument (tick data only).</summary>
    void SubscribeQuotes(Instrument instrument);

    void Schedule(string name, DateTime dueUtc);

    /// <summary>Fires every day at <paramref name="localTime"/> in the IANA zone (e.g. 08:00 Europe/London).</summary>
    void ScheduleDaily(string name, TimeOnly localTime, string zoneId);

    /// <summary>
    /// Records a named value at the current time (an indicator, a signal). Kept only when diagnostics are on
    /// (the lookahead analysis compares them between full and truncated runs); otherwise free.
    /// </summary>
    void Record(string name, double value);

    bool DiagnosticsEnabled { get; }

    void Log(string message);
}

/// <summary>Order commands of one strategy; every order it submits is tagged with its id.</summary>
public interface IOrderGateway
{
    Order Submit(OrderRequest request);
    IReadOnlyList<Order> SubmitOco(params OrderRequest[] requests);
    bool Cancel(OrderId id, string reason = "cancelled by strategy");
    bool Modify(OrderId id, decimal? quantity = null, decimal? limitPrice = null, decimal? stopPrice = null);
    Order ClosePosition(Position position, string? tag = null);
    /// <summary>Cancels the strategy's open orders and closes positions (of one instrument, or all).</summary>
    void Flatten(Instrument? instrument = null, string reason = "flatten");
    /// <summary>The strategy's orders that are not yet done.</summary>
    IEnumerable<Order> OpenOrders(Instrument? instrument = null);
    /// <summary>How many orders <see cref="OpenOrders"/> lists.</summary>
    int OpenOrderCount(Instrument? instrument = null) => OpenOrders(instrument).Count();
}
