using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>
/// The broker skips the walk of a step when the margin level's bounds over the bars' price ranges prove that no margin
/// rule can act. The bounds must hold for the very floating-point margin level the walk computes, at any prices inside
/// the ranges, and skipping must change nothing: every trade, order, event, fill, ledger entry, margin event (calls,
/// stop-outs, recoveries) and equity sample equal to the run that walks every such step.
/// </summary>
public class MarginBoundTests
{
    internal static readonly string[] Symbols = ["EURUSD", "GBPUSD", "USDJPY", "EURGBP"];
    internal static readonly double[] Start = [1.1, 1.3, 110.0, 0.85];

    [Property(MaxTest = 60)]
    public Property The_margin_level_stays_inside_its_bounds_at_any_prices_in_the_ranges(int seed, bool hedging)
    {
        var rng = new Random(seed);
        var f = new KernelFixture(balance: 1_000m + rng.Next(50_000), symbols: Symbols, mode: hedging ? PositionMode.Hedging : PositionMode.Netting,
            models: Harness.Frictionless() with { Margin = new Trading.Simulation.LeverageMarginModel(100m) });
        var prices = new double[Symbols.Length];
        for (var k = 0; k < Symbols.Length; k++)
        {
            var i = f.Catalog.Get(Symbols[k]);
            prices[k] = i.RoundPrice(Start[k] * (1 + (rng.NextDouble() - 0.5) * 0.1)).Value is var p ? (double)p : 0;
            f.Quote(Symbols[k], prices[k], prices[k] + 2 * i.TickSizeD);
        }
        // Random positions, filled at the quotes; some sides partly closed again (float residue in the unit sums).
        for (var n = rng.Next(1, 8); n > 0; n--)
        {
            var i = f.Catalog.Get(Symbols[rng.Next(Symbols.Length)]);
            f.Submit(OrderRequest.Market(i, rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, 1000m * rng.Next(1, 300)));
            f.Broker.FillMarketOrdersAtLastQuotes();
        }
        var account = f.Account;
        var quotes = f.Kernel.Quotes;
        var ranges = new QuoteRanges(quotes);
        var lows = new (double BidLow, double BidHigh, double AskLow, double AskHigh)?[Symbols.Length];
        for (var k = 0; k < Symbols.Length; k++)
        {
            if (rng.Next(4) == 0) continue; // this one stays at its quote
            var i = f.Catalog.Get(Symbols[k]);
            var move = prices[k] * 0.03;
            var bidLow = prices[k] - rng.NextDouble() * move;
            var bidHigh = prices[k] + rng.NextDouble() * move;
            var spread = rng.NextDouble() * 5 * i.TickSizeD;
            lows[k] = (bidLow, bidHigh, bidLow + rng.NextDouble() * spread, bidHigh + spread);
            ranges.Set(i.Id, bidLow, bidHigh, lows[k]!.Value.AskLow, lows[k]!.Value.AskHigh);
        }
        var (low, high) = account.MarginLevelRange(ranges);
        if (account.OpenPositions.Count == 0) return double.IsNaN(low).Label("no positions: no bound");
        var failures = new List<string>();
        for (var t = 0; t < 200; t++)
        {
            for (var k = 0; k < Symbols.Length; k++)
            {
                if (lows[k] is not { } r) continue;
                // Ends of the ranges often, anywhere inside otherwise.
                double Pick(double a, double b) => rng.Next(3) switch { 0 => a, 1 => b, _ => a + rng.NextDouble() * (b - a) };
                var bid = Pick(r.BidLow, r.BidHigh);
                var ask = Math.Max(bid, Pick(r.AskLow, r.AskHigh));
                if (ask > r.AskHigh) ask = r.AskHigh;
                if (bid > ask) bid = ask;
                quotes.Set(f.Catalog.Get(Symbols[k]).Id, bid, ask, 0);
            }
            var level = account.MarginLevelD();
            if (!(level >= low && level <= high)) failures.Add($"level {level:R} outside [{low:R}, {high:R}]");
        }
        return (failures.Count == 0).Label(string.Join("\n", failures.Take(5)))
            .Classify(account.OpenPositions.Count > 2, "three or more positions");
    }

    private static MarketDataSet Data(int seed, int count)
    {
        var data = new MarketDataSet();
        for (var k = 0; k < Symbols.Length; k++)
        {
            var i = InstrumentCatalog.Builtin.Get(Symbols[k]);
            data.AddBars(i, RandomBars.Walk(i, Timeframe.M1, Bars.T0, count, seed * 7 + k, Start[k], volPips: 6));
        }
        return data;
    }

    [Property(MaxTest = 10)]
    public Property Skipping_provably_quiet_steps_changes_nothing(int seed, bool hedging, bool tight)
    {
        var data = Data(seed, 2_500);
        var settings = new BacktestSettings
        {
            Models = TestModels.Realistic(tight ? 400m : 100m) with
            {
                Swap = new Trading.Simulation.SwapTable().SetPoints("EURUSD", -6.9m, 1.4m).SetPoints("USDJPY", 3.1m, -9.2m)
                    .SetPoints("GBPUSD", -4.2m, 0.8m).SetPoints("EURGBP", -3.5m, 0.6m),
            },
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = tight ? 1_500m : 8_000m,
        };
        var withBound = new BacktestEngine(settings).Run(data, new RandomTrader(seed, activity: 0.5));
        var walked = new BacktestEngine(settings with { MarginBoundShortcut = false }).Run(data, new RandomTrader(seed, activity: 0.5));
        var on = GoldenResultTests.Fingerprint(withBound);
        var off = GoldenResultTests.Fingerprint(walked);
        return (on == off && walked.StepsProvedQuiet == 0 && walked.WalksProvedQuiet == 0).Label($"on {on}\noff {off}")
            .Classify(withBound.MarginEvents.Count > 0, "with margin events")
            .Classify(withBound.StepsProvedQuiet > 0, "with steps proved quiet")
            .Classify(withBound.WalksProvedQuiet > 0, "with walks whose margin checks were proved idle");
    }

    [Fact]
    public void A_single_pair_under_margin_calls_gives_the_same_result_either_way()
    {
        var eu = Bars.EURUSD;
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, Bars.T0, 20_000, 11, 1.1, volPips: 4));
        var settings = new BacktestSettings { Models = TestModels.Realistic(100m), InitialBalance = 1_100m };
        var p = StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"]);
        var on = new BacktestEngine(settings).Run(data, new MaCrossStrategy(), p);
        var off = new BacktestEngine(settings with { MarginBoundShortcut = false }).Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"]));
        Assert.Equal(GoldenResultTests.Fingerprint(off), GoldenResultTests.Fingerprint(on));
        Assert.Contains(on.MarginEvents, e => e.Kind == MarginEventKind.MarginCall);
        Assert.Contains(on.MarginEvents, e => e.Kind == MarginEventKind.StopOut);
        Assert.True(on.StepsProvedQuiet > 100, $"only {on.StepsProvedQuiet} steps proved quiet");
    }

    /// <summary>
    /// A walked step whose first segment filled the only order (the usual market order) lets one bound over the paths stand for
    /// the margin checks at the later segment ends: with room to spare it is taken on most fills, and the result is the same as
    /// checking at every segment end, margin calls and stop-outs included (the smaller balances leave little room some of the time).
    /// </summary>
    [Theory]
    [InlineData(2_500, true)]
    [InlineData(5_000, true)]
    [InlineData(10_000, false)]
    public void Margin_checks_after_a_fill_proved_idle_give_the_same_result(int balance, bool marginEvents)
    {
        var eu = Bars.EURUSD;
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, Bars.T0, 20_000, 11, 1.1, volPips: 4));
        var settings = new BacktestSettings { Models = TestModels.Realistic(100m), InitialBalance = balance };
        var on = new BacktestEngine(settings).Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"]));
        var off = new BacktestEngine(settings with { MarginBoundShortcut = false }).Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=5", "slow=30", "lots=1"]));
        Assert.Equal(GoldenResultTests.Fingerprint(off), GoldenResultTests.Fingerprint(on));
        Assert.Equal(0, off.WalksProvedQuiet);
        Assert.True(on.WalksProvedQuiet > 10, $"only {on.WalksProvedQuiet} walks had their margin checks proved idle");
        Assert.Equal(marginEvents, on.MarginEvents.Count > 0);
    }
}
