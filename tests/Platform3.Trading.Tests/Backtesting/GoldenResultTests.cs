using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Backtesting;

/// <summary>
/// Pins complete backtest results (every trade, order event, fill, ledger entry, margin event, equity
/// sample and the final account) to SHA-256 fingerprints recorded before the engine's performance work,
/// so an optimisation that changes any result, even in the last bit of a double, fails here. The data is
/// generated in this file with integer arithmetic only, so the fingerprints do not depend on other code's
/// random generators. When a deliberate behaviour change moves a fingerprint, record the new value and say
/// why in the commit.
/// </summary>
public class GoldenResultTests
{
    // Recorded on main at 242a5df (before the trading-engine performance changes).
    private const string MaCrossM1 =
        "270 trades, 271 orders, 1084 events, 569 ledger, 0 margin, 40001 equity 4073D93DADB7DCDEAB70FF9C6F2849542919E2D3C5404FC780106DD41600BD6B";
    private const string MaCrossM15 =
        "38 trades, 39 orders, 156 events, 104 ledger, 0 margin, 40001 equity 44F85C357FC0133660699F8F08A96FA9FD3F8C455CB7F47AE20B5C4D545A3F89";
    private const string RandomNetting =
        "307 trades, 2574 orders, 10096 events, 1988 ledger, 0 margin, 12001 equity F0CA3D7224097981291CE2A27A9ABAD0213B000FB019F8522B9445770620B839";
    private const string RandomHedging =
        "229 trades, 2572 orders, 8154 events, 782 ledger, 106 margin, 12001 equity 918C0E3FEF6F6473192ED758DD5CF158C445C1D37065B7C257E739C3164B2BB0";

    [Fact]
    public void Ma_cross_on_M1_with_realistic_costs_matches_the_recorded_result() =>
        Assert.Equal(MaCrossM1, Fingerprint(RunMaCross(null)));

    [Fact]
    public void Ma_cross_on_M15_aggregated_from_M1_matches_the_recorded_result() =>
        Assert.Equal(MaCrossM15, Fingerprint(RunMaCross(Timeframe.M15)));

    [Fact]
    public void Random_orders_of_every_type_netting_match_the_recorded_result() =>
        Assert.Equal(RandomNetting, Fingerprint(RunRandom(PositionMode.Netting, 5)));

    [Fact]
    public void Random_orders_of_every_type_hedging_match_the_recorded_result() =>
        Assert.Equal(RandomHedging, Fingerprint(RunRandom(PositionMode.Hedging, 6)));

    private static SimulationModels Realistic(decimal leverage) => TestModels.Realistic(leverage);

    private static BacktestResult RunMaCross(Timeframe? strategyTimeframe)
    {
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var data = new MarketDataSet().AddBars(eu, Walk(eu, 40_000, 11, 107_000, withAsk: false));
        return new BacktestEngine(new BacktestSettings { Models = Realistic(30m), StrategyTimeframe = strategyTimeframe })
            .Run(data, new MaCrossStrategy(), StrategyParameters.Parse(["fast=10", "slow=50", "lots=0.1"]));
    }

    private static BacktestResult RunRandom(PositionMode mode, int seed)
    {
        var c = InstrumentCatalog.Builtin;
        var data = new MarketDataSet()
            .AddBars(c.Get("EURUSD"), Walk(c.Get("EURUSD"), 12_000, seed, 106_000, withAsk: false))
            .AddBars(c.Get("USDJPY"), Walk(c.Get("USDJPY"), 12_000, seed + 100, 115_000, withAsk: true));
        var models = Realistic(50m) with { Latency = new FixedLatencyModel(TimeSpan.FromSeconds(2)) };
        return new BacktestEngine(new BacktestSettings { Models = models, PositionMode = mode, InitialBalance = 20_000m })
            .Run(data, new RandomTrader(seed, activity: 0.5));
    }

    /// <summary>
    /// M1 bars over market hours from Monday 2 January 2017, as a random walk in whole ticks (xorshift, integers
    /// only). Bid-only bars leave the ask to the spread model; with <paramref name="withAsk"/> the ask is the bid
    /// plus 3..12 ticks.
    /// </summary>
    private static BarSeries Walk(Instrument instrument, int count, int seed, long startTicks, bool withAsk)
    {
        var state = 0x9E3779B97F4A7C15UL ^ (ulong)seed;
        int Next(int range)
        {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            return (int)(state % (ulong)range);
        }
        var tick = instrument.TickSizeD;
        var b = new BarSeriesBuilder(instrument.Symbol, Timeframe.M1, count);
        var t = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var p = startTicks;
        var drift = 0;
        while (b.Count < count)
        {
            if (FxCalendar.Default.IsOpen(t.Ticks))
            {
                if (Next(500) == 0) drift = Next(3) - 1; // regimes make the averages cross in runs
                var o = p;
                long h = o, l = o;
                for (var k = 0; k < 4; k++)
                {
                    p += Next(9) - 4 + drift;
                    h = Math.Max(h, p);
                    l = Math.Min(l, p);
                }
                if (withAsk)
                {
                    var s = 3 + Next(10);
                    b.Add(new Bar(t, o * tick, h * tick, l * tick, p * tick, (o + s) * tick, (h + s) * tick, (l + s) * tick, (p + s) * tick));
                }
                else b.Add(new Bar(t, o * tick, h * tick, l * tick, p * tick, 1 + Next(50)));
            }
            t = t.AddMinutes(1);
        }
        return b.Build();
    }

    /// <summary>Every field of everything the result keeps, in a fixed text form, hashed.</summary>
    internal static string Fingerprint(BacktestResult r)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        void D(double v) => sb.Append(BitConverter.DoubleToInt64Bits(v).ToString("X16", inv)).Append(' ');
        void M(decimal v) => sb.Append(v.ToString(inv)).Append(' ');
        void T(DateTime v) => sb.Append(v.Ticks.ToString(inv)).Append(' ');
        void S(object? v) => sb.Append(Convert.ToString(v, inv)).Append(' ');
        foreach (var t in r.Trades)
        {
            S(t.PositionId); S(t.Symbol); S(t.Side); M(t.Quantity); T(t.EntryTime); M(t.EntryPrice); T(t.ExitTime); M(t.ExitPrice);
            M(t.GrossPnl); M(t.Commission); M(t.Swap); M(t.SpreadCost); M(t.SlippageCost); D(t.MaePips); D(t.MfePips); M(t.Mae); M(t.Mfe);
            S(t.EntryOrderId); S(t.EntryTag); S(t.ExitTag); S(t.ClosedByStopOut);
            sb.Append('\n');
        }
        foreach (var o in r.Orders)
        {
            S(o.Id); S(o.Instrument.Symbol); S(o.Side); S(o.Type); S(o.TimeInForce); M(o.Quantity); M(o.FilledQuantity); S(o.LimitPrice); S(o.StopPrice);
            S(o.State); S(o.RejectReason); M(o.AvgFillPrice); S(o.Tag); T(o.CreatedAt); S(o.ClosedAt?.Ticks); S(o.ExpireAt?.Ticks);
            S(o.PositionId); S(o.ParentId); S(o.OcoGroup); S(o.LastReason); S(o.TrailingOffset); S(o.IsTriggered);
            sb.Append('\n');
        }
        foreach (var e in r.OrderEvents)
        {
            S(e.Sequence); T(e.Time); S(e.OrderId); S(e.Kind); S(e.State); S(e.Reason); S(e.RejectReason); M(e.Quantity); M(e.FilledQuantity); S(e.LimitPrice); S(e.StopPrice);
            if (e.Fill is { } f)
            {
                S(f.Side); M(f.Quantity); M(f.Price); T(f.Time); M(f.QuotePrice); M(f.Mid); M(f.Commission); M(f.SpreadCost); M(f.SlippageCost); M(f.Notional); S(f.IsLiquidation);
            }
            sb.Append('\n');
        }
        foreach (var e in r.Ledger)
        {
            S(e.Sequence); T(e.Time); S(e.Kind); M(e.Amount); M(e.BalanceAfter); S(e.OriginalCurrency); M(e.OriginalAmount); M(e.Rate); S(e.PositionId); S(e.OrderId); S(e.Symbol); S(e.Note);
            sb.Append('\n');
        }
        foreach (var m in r.MarginEvents) { S(m); sb.Append('\n'); }
        var eq = r.Equity;
        for (var i = 0; i < eq.Count; i++) { S(eq.Time[i]); D(eq.Equity[i]); D(eq.Balance[i]); }
        sb.Append('\n');
        var a = r.Final;
        T(a.Time); M(a.Balance); M(a.Unrealised); M(a.Equity); M(a.MarginUsed); M(a.FreeMargin); S(a.MarginLevelPercent); S(a.OpenPositions);
        M(r.Costs.Spread); M(r.Costs.Slippage); M(r.Costs.Commission); M(r.Costs.Swap); S(r.Steps); S(r.LedgerProblem ?? "holds");
        var summary = $"{r.Trades.Count} trades, {r.Orders.Count} orders, {r.OrderEvents.Count} events, {r.Ledger.Count} ledger, {r.MarginEvents.Count} margin, {eq.Count} equity";
        return summary + " " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
