using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Accounting;

/// <summary>
/// Round trips in crosses and JPY pairs, checked against values computed by hand (exact decimals).
/// Prices are flat bars; the buy fills at bar 1's ask open, the sell at bar 3's bid open.
/// </summary>
public class MultiCurrencyAccountingTests
{
    private static readonly InstrumentCatalog C = InstrumentCatalog.Builtin;

    private static (BacktestResult R, decimal UnrealisedAtBar2, decimal EquityAtBar2, IdentityProbe Probe) RoundTrip(
        Instrument traded, double[] closes, double spread, Currency account, decimal balance, params (string Symbol, double Bid, double Spread)[] conversion)
    {
        var probe = new IdentityProbe();
        decimal unrealised = 0, equity = 0;
        var s = new ScriptedStrategy { OnStarted = x => probe.Attach(x.Context) };
        s.At(0, x => x.Send(OrderRequest.Market(traded, OrderSide.Buy, 100_000)));
        s.At(2, x =>
        {
            unrealised = x.Context.Account.Unrealised();
            equity = x.Context.Account.Equity();
            x.Send(OrderRequest.Market(traded, OrderSide.Sell, 100_000));
        });
        var data = new MarketDataSet().AddBars(traded, Bars.Flat(traded, Timeframe.M1, Bars.T0, spread, closes));
        foreach (var (sym, bid, sp) in conversion)
            data.AddBars(C.Get(sym), Bars.Flat(C.Get(sym), Timeframe.M1, Bars.T0, sp, Enumerable.Repeat(bid, closes.Length).ToArray()), traded: false);
        var r = Harness.Run(s, data, account: account, balance: balance);
        return (r, unrealised, equity, probe);
    }

    [Fact]
    public void EURGBP_in_a_USD_account_converts_GBP_pnl_through_GBPUSD()
    {
        var (r, unrealised, equity, probe) = RoundTrip(C.Get("EURGBP"), [0.85, 0.85, 0.86, 0.86, 0.86], 0.0001, Currency.USD, 100_000m,
            ("GBPUSD", 1.25, 0.0001), ("EURUSD", 1.06, 0.0001));
        // Open: ask 0.85010. Marked at bid 0.86000: 990 GBP × GBPUSD mid 1.25005 = 1237.5495 USD (not rounded while open).
        Assert.Equal(1237.5495m, unrealised);
        Assert.Equal(100_000m + 1237.5495m, equity);
        var e = r.Ledger.Single(x => x.Kind == LedgerEntryKind.RealisedPnl);
        Assert.Equal(Currency.GBP, e.OriginalCurrency);
        Assert.Equal(990m, e.OriginalAmount);
        Assert.Equal(1.25005m, e.Rate);
        Assert.Equal(1237.55m, e.Amount);
        Assert.Equal(101_237.55m, r.Final.Balance);
        Assert.Equal(101_237.55m, r.Final.Equity);
        var t = Assert.Single(r.Trades);
        Assert.Equal(0.85010m, t.EntryPrice);
        Assert.Equal(0.86000m, t.ExitPrice);
        Assert.Equal(1237.55m, t.GrossPnl);
        Assert.Empty(probe.Failures);
        Assert.True(probe.Checks > 8);
    }

    [Fact]
    public void USDJPY_in_a_USD_account_divides_JPY_pnl_by_the_USDJPY_mid()
    {
        var (r, unrealised, _, probe) = RoundTrip(C.Get("USDJPY"), [110, 110, 111, 111, 111], 0.010, Currency.USD, 100_000m);
        // 100,000 × (111.000 − 110.010) = 99,000 JPY; ÷ 111.005 = 891.85171839… USD.
        Assert.Equal(99_000m / 111.005m, unrealised);
        var e = r.Ledger.Single(x => x.Kind == LedgerEntryKind.RealisedPnl);
        Assert.Equal(Currency.JPY, e.OriginalCurrency);
        Assert.Equal(99_000m, e.OriginalAmount);
        Assert.Equal(891.85m, e.Amount);
        Assert.Equal(100_891.85m, r.Final.Balance);
        Assert.Empty(probe.Failures);
    }

    [Fact]
    public void A_synthetic_cross_converts_through_two_USD_pairs()
    {
        // JPY account trading EURGBP with no GBPJPY data: GBP → USD (GBPUSD) → JPY (USDJPY).
        var (r, _, _, probe) = RoundTrip(C.Get("EURGBP"), [0.85, 0.85, 0.86, 0.86, 0.86], 0.0001, Currency.JPY, 10_000_000m,
            ("GBPUSD", 1.25, 0.0001), ("USDJPY", 110.0, 0.010));
        var e = r.Ledger.Single(x => x.Kind == LedgerEntryKind.RealisedPnl);
        // 990 GBP × 1.25005 × 110.005 = 136,136.6327475 JPY → 136,137 (yen have no minor unit).
        Assert.Equal(136_137m, e.Amount);
        Assert.Equal(990m, e.OriginalAmount);
        Assert.Equal(1.25005m * 110.005m, e.Rate);
        Assert.Equal(10_000_000m + 136_137m, r.Final.Balance);
        Assert.Empty(probe.Failures);
    }

    [Fact]
    public void An_instrument_does_not_trade_until_its_conversion_pairs_have_quoted()
    {
        // EURGBP from 10:00, GBPUSD (needed for GBP → USD) only from 10:03: a market order sent at 10:00's close waits.
        var eg = C.Get("EURGBP");
        var gu = C.Get("GBPUSD");
        var s = new ScriptedStrategy();
        Order? o = null;
        s.At(0, x => o = x.Send(OrderRequest.Market(eg, OrderSide.Buy, 10_000)));
        var data = new MarketDataSet()
            .AddBars(eg, Bars.Flat(eg, Timeframe.M1, Bars.T0, 0.0001, 0.85, 0.851, 0.852, 0.853, 0.854, 0.855))
            .AddBars(gu, Bars.Flat(gu, Timeframe.M1, Bars.T0.AddMinutes(3), 0.0001, 1.25, 1.25, 1.25), traded: false)
            .AddBars(C.Get("EURUSD"), Bars.Flat(C.Get("EURUSD"), Timeframe.M1, Bars.T0, 0.0001, 1.06, 1.06, 1.06, 1.06, 1.06, 1.06), traded: false);
        var r = Harness.Run(s, data);
        var f = Assert.Single(r.FillsOf(o!));
        Assert.Equal(Bars.T0.AddMinutes(3), f.Time);   // the first moment GBPUSD had quoted (its first bar's open)
        Assert.Equal(0.8531m, f.Price);                // EURGBP ask at bar 3's open (0.853 + 1 pip)
    }

    [Fact]
    public void Converter_finds_direct_inverse_and_two_leg_routes()
    {
        var quotes = new QuoteBook(C.Count);
        void Q(string s, double bid, double ask) => quotes.Set(C.Get(s).Id, bid, ask, 0);
        Q("GBPUSD", 1.25, 1.2501); Q("USDJPY", 110.0, 110.01); Q("EURGBP", 0.85, 0.8501);
        var usd = new CurrencyConverter(Currency.USD, quotes, [C.Get("GBPUSD"), C.Get("USDJPY"), C.Get("EURGBP")]);
        Assert.Equal(["GBPUSD"], usd.RouteSymbols(Currency.GBP));
        Assert.Equal(["USDJPY"], usd.RouteSymbols(Currency.JPY));
        Assert.Equal(["EURGBP", "GBPUSD"], usd.RouteSymbols(Currency.EUR));
        Assert.Equal(125.005m, usd.Convert(100m, Currency.GBP));
        Assert.Equal(1_000_000m / 110.005m, usd.Convert(1_000_000m, Currency.JPY));
        var ex = Assert.Throws<Core.Errors.DataException>(() => usd.Convert(1m, Currency.CHF));
        Assert.Contains("Cannot convert CHF to the account currency USD", ex.Message, StringComparison.Ordinal);

        // What a run needs: EURGBP in USD needs GBPUSD (P&L) and EURUSD (margin on EUR) — a direct pair each.
        var need = CurrencyConverter.RequiredConversionInstruments(Currency.USD, [C.Get("EURGBP")], C);
        Assert.Equal(["EURUSD", "GBPUSD"], need.Select(i => i.Symbol).Order());
        Assert.Empty(CurrencyConverter.RequiredConversionInstruments(Currency.USD, [C.Get("EURUSD")], C));
    }

    [Fact]
    public void Flip_and_partial_close_split_commissions_exactly_and_trades_add_up_to_the_ledger()
    {
        var probe = new IdentityProbe();
        var eu = Bars.EURUSD;
        var s = new ScriptedStrategy { OnStarted = x => probe.Attach(x.Context) };
        s.At(0, x => x.Send(OrderRequest.Market(eu, OrderSide.Buy, 30_000)));
        s.At(1, x => x.Send(OrderRequest.Market(eu, OrderSide.Buy, 20_000)));   // add: avg price
        s.At(2, x => x.Send(OrderRequest.Market(eu, OrderSide.Sell, 10_000)));  // partial close
        s.At(3, x => x.Send(OrderRequest.Market(eu, OrderSide.Sell, 70_000)));  // flip to short 30k
        s.At(4, x => x.Send(OrderRequest.Market(eu, OrderSide.Buy, 30_000)));   // close
        var models = Harness.Frictionless() with { Commission = new Platform3.Trading.Simulation.PerLotCommission(7.77m) };
        var r = Harness.Run(s, Bars.Flat(eu, Timeframe.M1, Bars.T0, 0.0001, 1.1, 1.1013, 1.1007, 1.1021, 1.0999, 1.1004, 1.1004), models);
        Assert.Empty(probe.Failures);
        Assert.Equal(2, r.Trades.Count);
        Assert.Equal(r.Ledger.Where(e => e.Kind == LedgerEntryKind.Commission).Sum(e => -e.Amount), r.Trades.Sum(t => t.Commission));
        Assert.Equal(r.Ledger.Where(e => e.Kind == LedgerEntryKind.RealisedPnl).Sum(e => e.Amount), r.Trades.Sum(t => t.GrossPnl));
        // Buys 30k @ ask 1.1014 and 20k @ 1.1008 → avg 1.10116; sells 10k @ bid 1.1021, then 70k @ 1.0999
        // (40k close the long, 30k open a short), bought back @ ask 1.1005.
        var longTrade = r.Trades[0];
        Assert.Equal(50_000m, longTrade.Quantity);
        Assert.Equal(1.10116m, longTrade.EntryPrice);
        Assert.Equal(10_000m * (1.1021m - 1.10116m) + 40_000m * (1.0999m - 1.10116m), longTrade.GrossPnl);
        var shortTrade = r.Trades[1];
        Assert.Equal(30_000m * (1.0999m - 1.1005m), shortTrade.GrossPnl);
        // 7.77 per lot per side. The flip's 5.44 splits 3.11 (4/7, closing) + 2.33 (opening); the buy-back costs 2.33.
        Assert.Equal(2.33m + 1.55m + 0.78m + 3.11m, longTrade.Commission);
        Assert.Equal(2.33m + 2.33m, shortTrade.Commission);
    }
}
