using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Time;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.Strategies;

public class ExampleStrategyTests
{
    private static readonly MarketDataSet Data = new MarketDataLoader(InstrumentCatalog.Builtin, FxCalendar.Default).Load(new DataRequest
    {
        Symbols = ["EURUSD", "GBPUSD"], StrategyTimeframe = Timeframe.M15, DataTimeframe = Timeframe.M5,
        FromUtc = new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2017, 4, 29, 0, 0, 0, DateTimeKind.Utc),
        Source = DataSource.Synthetic, Seed = 21,
    });

    private static BacktestResult Run(string name, params string[] parameters) =>
        new BacktestRunner(InstrumentCatalog.Builtin, FxCalendar.Default).Run(new BacktestRequest
        {
            Strategy = name,
            Timeframe = Timeframe.M15,
            Parameters = StrategyParameters.Parse(parameters),
            Models = SimulationModels.Realistic(FxCalendar.Default, SwapTable.Zero()),
        }, Data);

    [Theory]
    [InlineData("ma-cross", new[] { "fast=8", "slow=40", "lots=0.5" })]
    [InlineData("rsi-mr", new[] { "period=14", "lower=25", "upper=75", "atr_stop=2" })]
    [InlineData("donchian", new[] { "entry=40", "exit=20" })]
    [InlineData("london-breakout", new[] { "buffer=1", "min_range=5" })]
    public void Every_example_strategy_trades_both_pairs_and_reconciles(string name, string[] parameters)
    {
        var r = Run(name, parameters);
        Assert.Null(r.LedgerProblem);
        Assert.Equal(0, r.Final.OpenPositions);
        Assert.Contains(r.Trades, t => t.Symbol == "EURUSD");
        Assert.Contains(r.Trades, t => t.Symbol == "GBPUSD");
        Assert.Equal(r.Final.Balance - 100_000m, r.Trades.Sum(t => t.NetPnl));
        Assert.DoesNotContain(r.Orders, o => o.State == OrderState.Rejected);
    }

    [Fact]
    public void Donchian_enters_with_resting_oco_stops_and_exits_with_a_trailing_stop()
    {
        var r = Run("donchian", "entry=40", "exit=20");
        var entries = r.Orders.Where(o => o.Tag?.StartsWith("donchian breakout", StringComparison.Ordinal) == true && o.State == OrderState.Filled).ToArray();
        Assert.NotEmpty(entries);
        Assert.All(entries, o => Assert.Equal(OrderType.Stop, o.Type));
        Assert.All(entries, o => Assert.NotEqual(0, o.OcoGroup));
        // The exit stops were moved bar by bar (Updated events), not re-sent.
        Assert.Contains(r.OrderEvents, e => e.Kind == OrderEventKind.Updated && e.Order.Tag == "donchian exit");
    }

    [Fact]
    public void London_breakout_places_its_brackets_at_the_london_open_as_day_orders()
    {
        var r = Run("london-breakout", "buffer=1", "min_range=5");
        var london = FastZone.For("Europe/London");
        var entries = r.Orders.Where(o => o.Tag?.StartsWith("london breakout", StringComparison.Ordinal) == true).ToArray();
        Assert.NotEmpty(entries);
        foreach (var o in entries)
        {
            var local = new DateTime(london.UtcToLocalTicks(o.CreatedAt.Ticks));
            Assert.Equal(new TimeSpan(8, 0, 0), local.TimeOfDay); // 08:00 London, before and after the clocks change on 26 March
            Assert.Equal(TimeInForce.Day, o.TimeInForce);
            Assert.Equal(2, o.Children.Count);
            Assert.Equal(FxCalendar.Default.TradingDayEndUtc(FxCalendar.Default.TradingDayOf(o.CreatedAt)), o.ExpireAt);
        }
        Assert.Contains(entries, o => o.CreatedAt.Hour == 8);  // winter: 08:00 UTC
        Assert.Contains(entries, o => o.CreatedAt.Hour == 7);  // summer: 07:00 UTC
    }

    [Fact]
    public void Catalog_lists_the_examples_and_refuses_unknown_names()
    {
        Assert.Equal(["donchian", "london-breakout", "ma-cross", "rsi-mr"], StrategyCatalog.All.Select(d => d.Name).Where(n => n is "donchian" or "london-breakout" or "ma-cross" or "rsi-mr"));
        var ex = Assert.Throws<Core.Errors.UsageException>(() => StrategyCatalog.Get("macross"));
        Assert.Contains("Known strategies:", ex.Message, StringComparison.Ordinal);
        Assert.All(StrategyCatalog.All, d => Assert.NotEmpty(d.Description));
    }
}
