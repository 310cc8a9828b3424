using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Synthetic;

/// <summary>
/// Each currency's value in US dollars at the start of a synthetic history, and the bloc whose common
/// shock it shares. A pair's price is the ratio of its currencies' values, so crosses stay consistent
/// (EURGBP = EURUSD / GBPUSD) and pairs sharing a bloc or a leg are correlated the way real ones are.
/// </summary>
internal static class CurrencyProfile
{
    public const int NoBloc = -1, EuropeBloc = 0, CommodityBloc = 1, BlocCount = 2;

    /// <summary>Code, USD value, bloc, weight of the bloc shock in the currency's variance.</summary>
    public static readonly (string Code, double UsdValue, int Bloc, double BlocWeight)[] All =
    [
        ("USD", 1.0, NoBloc, 0),
        ("EUR", 1.10, EuropeBloc, 0.55),
        ("GBP", 1.27, EuropeBloc, 0.35),
        ("CHF", 1 / 0.92, EuropeBloc, 0.60),
        ("JPY", 1 / 110.0, NoBloc, 0),
        ("AUD", 0.70, CommodityBloc, 0.60),
        ("NZD", 0.63, CommodityBloc, 0.60),
        ("CAD", 1 / 1.33, CommodityBloc, 0.30),
        ("SEK", 1 / 10.5, EuropeBloc, 0.50),
        ("NOK", 1 / 10.6, EuropeBloc, 0.40),
        ("DKK", 1 / 6.8, EuropeBloc, 0.60),
        ("MXN", 1 / 18.0, CommodityBloc, 0.20),
        ("SGD", 1 / 1.35, NoBloc, 0),
        ("HKD", 1 / 7.8, NoBloc, 0),
        ("ZAR", 1 / 18.0, CommodityBloc, 0.25),
    ];

    public static int IndexOf(Currency c)
    {
        for (var i = 0; i < All.Length; i++)
            if (All[i].Code == c.Code) return i;
        throw new UsageException($"The synthetic market has no profile for {c.Code}. Supported currencies: {string.Join(", ", All.Select(a => a.Code))}.");
    }

    /// <summary>Typical spread in pips at normal liquidity: majors tight, crosses wider.</summary>
    public static double BaseSpreadPips(Instrument instrument) => instrument.Symbol switch
    {
        "EURUSD" => 0.8,
        "USDJPY" => 0.9,
        "GBPUSD" => 1.1,
        "AUDUSD" => 1.0,
        "USDCHF" => 1.3,
        "USDCAD" => 1.4,
        "NZDUSD" => 1.6,
        "EURGBP" or "EURJPY" => 1.4,
        _ when instrument.Base.Code == "USD" || instrument.Quote.Code == "USD" => 2.0,
        _ => 2.5,
    };
}
