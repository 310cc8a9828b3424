using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.TestSupport;

internal static class Harness
{
    /// <summary>Frictionless models (spread from the data, no commission, no swap, generous margin).</summary>
    public static SimulationModels Frictionless(double spreadPips = 0) => SimulationModels.Frictionless(spreadPips) with
    {
        Margin = new LeverageMarginModel(100m),
    };

    public static BacktestResult Run(ScriptedStrategy strategy, BarSeries series, SimulationModels? models = null,
        bool closeAtEnd = false, PositionMode mode = PositionMode.Netting, decimal balance = 100_000m, Currency? account = null)
    {
        var data = new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get(series.Symbol), series);
        return Run(strategy, data, models, closeAtEnd, mode, balance, account);
    }

    public static BacktestResult Run(Strategy strategy, MarketDataSet data, SimulationModels? models = null,
        bool closeAtEnd = false, PositionMode mode = PositionMode.Netting, decimal balance = 100_000m, Currency? account = null)
    {
        if (strategy is ScriptedStrategy s && data.Feeds.Count > 0) s.FeedTimeframe ??= data.Feeds[0].Timeframe;
        var engine = new BacktestEngine(new BacktestSettings
        {
            Models = models ?? Frictionless(),
            CloseAtEnd = closeAtEnd,
            PositionMode = mode,
            InitialBalance = balance,
            AccountCurrency = account ?? Currency.USD,
        });
        return engine.Run(data, strategy);
    }

    /// <summary>The fills of an order, in order.</summary>
    public static IReadOnlyList<Fill> FillsOf(this BacktestResult r, Order order) =>
        r.OrderEvents.Where(e => e.Order.Id == order.Id && e.Fill is not null).Select(e => e.Fill!).ToArray();

    public static IReadOnlyList<OrderEventKind> KindsOf(this BacktestResult r, Order order) =>
        r.OrderEvents.Where(e => e.Order.Id == order.Id).Select(e => e.Kind).ToArray();
}
