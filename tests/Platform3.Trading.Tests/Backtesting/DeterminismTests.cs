using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Reports;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Backtesting;

public class DeterminismTests
{
    private static string Fingerprint(BacktestResult r) =>
        BacktestReport.TradesAsJsonLines(r.Trades) + "\n" +
        string.Join("\n", r.OrderEvents.Select(e => e.ToString())) + "\n" +
        string.Join("\n", r.Ledger.Select(e => e.ToString()));

    [Fact]
    public void Same_inputs_give_the_same_trades_events_and_ledger_byte_for_byte()
    {
        static BacktestResult Run()
        {
            var start = new DateTime(2017, 1, 11, 18, 0, 0, DateTimeKind.Utc);
            var c = InstrumentCatalog.Builtin;
            var data = new MarketDataSet()
                .AddBars(c.Get("EURUSD"), RandomBars.Walk(c.Get("EURUSD"), Timeframe.M5, start, 600, 7, 1.06))
                .AddBars(c.Get("USDJPY"), RandomBars.Walk(c.Get("USDJPY"), Timeframe.M5, start, 600, 8, 115));
            return new BacktestEngine(new BacktestSettings
            {
                Models = new SimulationModels { Slippage = new VolatilitySlippage(0.1), Commission = new PerMillionCommission(25m), Latency = new FixedLatencyModel(TimeSpan.FromSeconds(3)) },
                PositionMode = PositionMode.Hedging,
            }).Run(data, new RandomTrader(42));
        }
        var a = Fingerprint(Run());
        var b = Fingerprint(Run());
        Assert.True(a.Length > 10_000);
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_report_json_is_identical_for_identical_runs()
    {
        static byte[] Json()
        {
            var eu = Bars.EURUSD;
            var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), 3000, 3, 1.05));
            var r = new BacktestEngine(new BacktestSettings { StrategyTimeframe = Timeframe.M5 })
                .Run(data, StrategyCatalog.Get("ma-cross").Create(), StrategyParameters.Parse(["fast=5", "slow=20"]));
            return BacktestReport.Build(r).ToJson(includeEvents: true);
        }
        Assert.Equal(Json(), Json());
    }
}
