using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.PortfolioManagement;

public class CurrencyExposureTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 12);

    [Fact]
    public void Long_EURUSD_is_plus_EUR_minus_USD_in_account_currency()
    {
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetPosition(I("EURUSD"), 100_000);
        var x = new CurrencyExposure(Currencies);
        x.Compute(book, prices);
        var mid = prices.Mid(I("EURUSD"));
        Assert.Equal(100_000 * mid, x.NetOf(Currencies.IndexOf(Currency.EUR)), 6);
        Assert.Equal(-100_000 * mid, x.NetOf(Currencies.IndexOf(Currency.USD)), 6);
        Assert.Equal(100_000 * mid, x.GrossOf(Currencies.IndexOf(Currency.USD)), 6);
        Assert.Equal(100_000 * mid, x.GrossNotional, 6);
    }

    [Fact]
    public void Pair_positions_net_into_currencies()
    {
        // Long EURUSD and short EURGBP: EUR nets to zero, leaving long GBP against short USD (a GBPUSD long).
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetPosition(I("EURUSD"), 100_000);
        book.SetPosition(I("EURGBP"), -100_000);
        var x = new CurrencyExposure(Currencies);
        x.Compute(book, prices);
        var eur = Currencies.IndexOf(Currency.EUR);
        var gbp = Currencies.IndexOf(Currency.GBP);
        var usd = Currencies.IndexOf(Currency.USD);
        Assert.Equal(0, x.NetOf(eur), 6);
        Assert.Equal(2 * 100_000 * 1.10, x.GrossOf(eur), 1);
        Assert.Equal(100_000 * 1.10, x.NetOf(gbp), 1);   // 100k EUR worth of GBP
        Assert.Equal(-100_000 * 1.10, x.NetOf(usd), 1);
        double sum = 0;
        foreach (var n in x.Net) sum += n;
        Assert.Equal(0, sum, 6); // exposures of a pair always cancel when valued at consistent mids
    }

    [Fact]
    public void Crosses_and_JPY_are_converted_through_the_USD_pairs()
    {
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetPosition(I("USDJPY"), -200_000);
        var x = new CurrencyExposure(Currencies);
        x.Compute(book, prices);
        var jpyUnits = 200_000 * prices.Mid(I("USDJPY"));
        Assert.Equal(jpyUnits / prices.Mid(I("USDJPY")), x.NetOf(Currencies.IndexOf(Currency.JPY)), 4);
        Assert.Equal(-200_000, x.NetOf(Currencies.IndexOf(Currency.USD)), 6);
    }

    [Fact]
    public void Conversion_routes_through_USD_when_no_direct_pair_exists()
    {
        var catalog = new InstrumentCatalog();
        var eurusd = catalog.AddStandardPair(Currency.EUR, Currency.USD);
        var usdjpy = catalog.AddStandardPair(Currency.USD, Currency.JPY);
        var prices = new MarketPrices(catalog, Currency.EUR);
        prices.Set(eurusd, T.Ticks, 1.0999, 1.1001);
        prices.Set(usdjpy, T.Ticks, 109.99, 110.01);
        Assert.Equal(1.0, prices.ToAccount(Currency.EUR));
        Assert.Equal(1 / 1.1, prices.ToAccount(Currency.USD), 12);
        Assert.Equal(1 / 110.0 / 1.1, prices.ToAccount(Currency.JPY), 12);
    }

    [Fact]
    public void Missing_quotes_make_conversion_NaN_not_zero()
    {
        var prices = new MarketPrices(Currencies, Currency.USD);
        Assert.True(double.IsNaN(prices.ToAccount(Currency.EUR)));
        Assert.Equal(1.0, prices.ToAccount(Currency.USD));
    }

    [Property(MaxTest = 300)]
    public Property WithTrade_matches_a_full_recompute(int seed)
    {
        var rng = new Random(seed);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var n = rng.Next(0, 6); n > 0; n--) book.SetPosition(Catalog[rng.Next(Catalog.Count)], Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000);
        var x = new CurrencyExposure(Currencies);
        x.Compute(book, prices);
        var k = rng.Next(Catalog.Count);
        var delta = Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000;
        var te = x.WithTrade(k, book.Units(k), delta, prices);
        book.SetPosition(Catalog[k], book.Units(k) + delta);
        x.Compute(book, prices);
        return (Math.Abs(te.BaseNet - x.NetOf(te.BaseCurrency)) < 1e-6 && Math.Abs(te.BaseGross - x.GrossOf(te.BaseCurrency)) < 1e-6
                && Math.Abs(te.QuoteNet - x.NetOf(te.QuoteCurrency)) < 1e-6 && Math.Abs(te.QuoteGross - x.GrossOf(te.QuoteCurrency)) < 1e-6
                && Math.Abs(te.GrossNotional - x.GrossNotional) < 1e-6).ToProperty();
    }
}
