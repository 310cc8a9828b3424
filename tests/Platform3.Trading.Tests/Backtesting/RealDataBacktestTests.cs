using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Storage;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Simulation;
using Platform3.Trading.Statistics;
using Platform3.Trading.Strategies;
using Platform3.Tests.Shared;

namespace Platform3.Trading.Tests.Backtesting;

public class RealDataBacktestTests
{
    [SkippableFact]
    public void Ma_cross_on_EURUSD_2017_M1_runs_reconciles_and_pays_costs()
    {
        var file = SharedData.Require("data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz");
        var tmp = Directory.CreateTempSubdirectory("p3-real");
        try
        {
            var importer = new MarketDataImporter(BarStore.Open(tmp.FullName), FxCalendar.Default, InstrumentCatalog.Builtin);
            var bars = importer.Parse(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] }).Bars!;
            Assert.InRange(bars.Count, 370_000, 372_000);
            var swaps = SwapTable.Load(Path.Combine(SharedData.RepoRoot, "config", "swaps.yaml"));
            var r = new BacktestEngine(new BacktestSettings
            {
                Models = SimulationModels.Realistic(FxCalendar.Default, swaps),
                StrategyTimeframe = Timeframe.M15,
            }).Run(new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get("EURUSD"), bars),
                StrategyCatalog.Get("ma-cross").Create(), StrategyParameters.Parse(["fast=10", "slow=50", "lots=0.1"]));
            Assert.Null(r.LedgerProblem);
            Assert.Equal(r.Final.Balance, r.Final.Equity); // closed out at the end
            Assert.Equal(0, r.Final.OpenPositions);
            Assert.True(r.Trades.Count > 100, $"{r.Trades.Count} trades");
            Assert.True(r.Costs.Spread > 0 && r.Costs.Slippage > 0 && r.Costs.Commission > 0 && r.Costs.Swap != 0, r.Costs.ToString());
            // Everything adds up: P&L of the trades is the change in balance.
            Assert.Equal(r.Final.Balance - 100_000m, r.Trades.Sum(t => t.NetPnl));
            var stats = PerformanceAnalyzer.Compute(r);
            Assert.InRange(stats.Observations, 250, 262);
            Assert.True(stats.MaxDrawdown > 0);
            // Fills happen at real quotes: every entry price lies within its bar's bid range plus the modelled spread.
            Assert.All(r.Trades, t => Assert.InRange((double)t.EntryPrice, 1.03, 1.21));
        }
        finally { tmp.Delete(true); }
    }
}
