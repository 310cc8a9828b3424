using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>Shared fixtures: the built-in catalog and a consistent set of quotes derived from currency values in USD.</summary>
internal static class DecisionTestKit
{
    public static readonly InstrumentCatalog Catalog = InstrumentCatalog.Builtin;
    public static readonly CurrencyIndex Currencies = new(Catalog);

    /// <summary>USD value of one unit of each major (roughly 2017 levels).</summary>
    public static readonly Dictionary<string, double> UsdValue = new()
    {
        ["EUR"] = 1.10, ["GBP"] = 1.30, ["AUD"] = 0.75, ["NZD"] = 0.70, ["USD"] = 1.0, ["CAD"] = 0.78, ["CHF"] = 1.02, ["JPY"] = 0.009,
    };

    public static Instrument I(string symbol) => Catalog.Get(symbol);

    /// <summary>Quotes for all 28 pairs, mid = value(base)/value(quote), spread of one pip.</summary>
    public static MarketPrices Prices(Currency account, DateTime time, Func<string, double>? value = null)
    {
        var prices = new MarketPrices(Currencies, account);
        SetAll(prices, time, value);
        return prices;
    }

    public static void SetAll(MarketPrices prices, DateTime time, Func<string, double>? value = null)
    {
        value ??= c => UsdValue[c];
        foreach (var i in Catalog.All)
        {
            var mid = value(i.Base.Code) / value(i.Quote.Code);
            var half = i.PipSizeD / 2;
            prices.Set(i, time.Ticks, mid - half, mid + half);
        }
    }

    public static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);
}
