using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Accounting;

public class AccountingPropertyTests
{
    private static readonly InstrumentCatalog C = InstrumentCatalog.Builtin;

    /// <summary>Four pairs (a cross and a JPY pair among them) over a weekend and a Wednesday rollover, M5 random walks.</summary>
    internal static MarketDataSet Market(int seed, int bars = 400)
    {
        var start = new DateTime(2017, 1, 11, 18, 0, 0, DateTimeKind.Utc); // Wednesday, before the 17:00 NY rollover
        return new MarketDataSet()
            .AddBars(C.Get("EURUSD"), RandomBars.Walk(C.Get("EURUSD"), Timeframe.M5, start, bars, seed, 1.06))
            .AddBars(C.Get("USDJPY"), RandomBars.Walk(C.Get("USDJPY"), Timeframe.M5, start, bars, seed + 1, 115.0))
            .AddBars(C.Get("EURGBP"), RandomBars.Walk(C.Get("EURGBP"), Timeframe.M5, start, bars, seed + 2, 0.86))
            .AddBars(C.Get("GBPUSD"), RandomBars.Walk(C.Get("GBPUSD"), Timeframe.M5, start, bars, seed + 3, 1.23), traded: false);
    }

    internal static SimulationModels Models(double stopOut) => new()
    {
        Spread = new FixedSpreadModel(1.0),
        Slippage = new FixedSlippage(0.2),
        Commission = new PerMillionCommission(25m),
        Swap = new SwapTable(markupPercent: 0.5m).SetRate(Currency.USD, 1.5m).SetRate(Currency.EUR, -0.4m)
            .SetRate(Currency.GBP, 0.5m).SetRate(Currency.JPY, -0.1m),
        Margin = new LeverageMarginModel(50m, marginCallLevel: Math.Max(100, stopOut), stopOutLevel: stopOut),
        Fill = new StandardFillModel(maxUnitsPerBar: 100_000),
    };

    private static (BacktestResult R, RandomTrader T) Run(int seed, bool hedging, double stopOut, decimal balance)
    {
        var trader = new RandomTrader(seed);
        var r = new BacktestEngine(new BacktestSettings
        {
            Models = Models(stopOut),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = balance,
        }).Run(Market(seed), trader);
        return (r, trader);
    }

    [Property(MaxTest = 40)]
    public Property Ledger_identities_hold_after_every_event_for_random_order_sequences(int seed, bool hedging)
    {
        var (r, t) = Run(seed, hedging, stopOut: 50, balance: 20_000m);
        return (t.Probe.Failures.Count == 0 && t.Probe.Checks > 0 && r.LedgerProblem is null
                && r.Final.Equity == r.Final.Balance + r.Final.Unrealised
                && r.Final.OpenPositions == 0)
            .Label($"seed {seed}: {t.Probe.Checks} checks, failures: {string.Join(" | ", t.Probe.Failures.Take(3))} {r.LedgerProblem}");
    }

    [Property(MaxTest = 30)]
    public Property No_negative_free_margin_survives_without_a_stop_out(int seed, bool hedging)
    {
        // Stop-out at 100%: free margin below zero is exactly margin level below the stop-out level.
        var (r, t) = Run(seed, hedging, stopOut: 100, balance: 2_000m);
        var stopOuts = r.Trades.Count(x => x.ClosedByStopOut);
        return (t.MarginViolations.Count == 0 && t.Probe.Failures.Count == 0)
            .Label($"seed {seed}: {string.Join(" | ", t.MarginViolations.Take(3))}; {stopOuts} stop-outs")
            .Classify(stopOuts > 0, "with stop-outs");
    }

    [Fact]
    public void The_margin_property_is_not_vacuous_stop_outs_do_happen_in_these_runs()
    {
        var stopOuts = Enumerable.Range(1, 8).Sum(seed => Run(seed, hedging: seed % 2 == 0, stopOut: 100, balance: 2_000m).R.Trades.Count(t => t.ClosedByStopOut));
        Assert.True(stopOuts > 0, "no stop-out in eight random runs: the property above would test nothing");
    }

    [Fact]
    public void Stop_out_happens_and_closes_the_biggest_loser_first()
    {
        // Two longs: EURUSD (will lose a lot) and USDJPY (flat); 1:50, stop-out 50%.
        var eu = C.Get("EURUSD");
        var uj = C.Get("USDJPY");
        var euBars = Bars.WithSpread(eu, Timeframe.M1, Bars.T0, 0.0001,
            (1.1, 1.1, 1.1, 1.1), (1.1, 1.1, 1.1, 1.1), (1.1, 1.1, 1.05, 1.06), (1.06, 1.06, 1.06, 1.06));
        var ujBars = Bars.WithSpread(uj, Timeframe.M1, Bars.T0, 0.01,
            (110, 110, 110, 110), (110, 110, 110, 110), (110, 110, 110, 110), (110, 110, 110, 110));
        var s = new ScriptedStrategy();
        s.At(0, x =>
        {
            x.Send(OrderRequest.Market(eu, OrderSide.Buy, 200_000));
            x.Send(OrderRequest.Market(uj, OrderSide.Buy, 100_000));
        });
        var models = Harness.Frictionless() with { Margin = new LeverageMarginModel(50m, stopOutLevel: 50) };
        var data = new MarketDataSet().AddBars(eu, euBars).AddBars(uj, ujBars);
        var r = Harness.Run(s, data, models, balance: 10_000m);
        var first = r.Trades.First(t => t.ClosedByStopOut);
        Assert.Equal("EURUSD", first.Symbol);
        Assert.Contains(r.MarginEvents, e => e.Kind == MarginEventKind.MarginCall);
        Assert.Contains(r.MarginEvents, e => e.Kind == MarginEventKind.StopOut && e.PositionId == first.PositionId);
        Assert.Contains(r.OrderEvents, e => e.Order.Tag == "stop-out" && e.Kind == OrderEventKind.Filled);
        Assert.Null(r.LedgerProblem);
    }
}
