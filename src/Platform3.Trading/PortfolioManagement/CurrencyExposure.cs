using System.Runtime.CompilerServices;
namespace Platform3.Trading.PortfolioManagement;

/// <summary>
/// Pair positions netted into currency exposures, in account currency: a long of u units of EURUSD at mid m
/// is +u EUR and −u·m USD. Net is the signed sum per currency, gross the sum of absolute contributions.
/// Also the gross notional (Σ |units| valued in account currency) for leverage.
/// Computed into reused arrays; <see cref="WithTrade"/> answers "what if" for one pair in O(1).
/// </summary>
public sealed class CurrencyExposure
{
    private readonly double[] _net;
    private readonly double[] _gross;
    private readonly double[] _baseContribution;  // per instrument, account ccy
    private readonly double[] _quoteContribution; // per instrument, account ccy

    public CurrencyIndex Currencies { get; }
    public double GrossNotional { get; private set; }
    /// <summary>False when some held position could not be valued (no quote for a conversion leg).</summary>
    public bool Valued { get; private set; }

    public CurrencyExposure(CurrencyIndex currencies)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        Currencies = currencies;
        _net = new double[currencies.Count];
        _gross = new double[currencies.Count];
        _baseContribution = new double[currencies.Catalog.Count];
        _quoteContribution = new double[currencies.Catalog.Count];
    }

    public ReadOnlySpan<double> Net => _net;
    public ReadOnlySpan<double> Gross => _gross;
    public double NetOf(int currencyIndex) => _net[currencyIndex];
    public double GrossOf(int currencyIndex) => _gross[currencyIndex];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(PortfolioSnapshot portfolio, MarketPrices prices)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(prices);
        Array.Clear(_net);
        Array.Clear(_gross);
        GrossNotional = 0;
        Valued = true;
        var units = portfolio.AllUnits;
        for (var k = 0; k < units.Length; k++)
        {
            _baseContribution[k] = 0;
            _quoteContribution[k] = 0;
            var u = units[k];
            if (u == 0) continue;
            var (b, q) = Contributions(k, u, prices);
            if (!double.IsFinite(b) || !double.IsFinite(q)) { Valued = false; continue; }
            _baseContribution[k] = b;
            _quoteContribution[k] = q;
            var bi = Currencies.BaseOf(k);
            var qi = Currencies.QuoteOf(k);
            _net[bi] += b;
            _gross[bi] += Math.Abs(b);
            _net[qi] += q;
            _gross[qi] += Math.Abs(q);
            GrossNotional += Math.Abs(b);
        }
    }

    /// <summary>Account-currency exposure of <paramref name="units"/> of instrument k in its base and quote.</summary>
    public (double Base, double Quote) Contributions(int instrumentId, double units, MarketPrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var mid = prices.Mid(instrumentId);
        var b = units * prices.ToAccount(Currencies.BaseOf(instrumentId));
        var q = -units * mid * prices.ToAccount(Currencies.QuoteOf(instrumentId));
        return (b, q);
    }

    /// <summary>
    /// Exposure after adding <paramref name="deltaUnits"/> (signed) to instrument k: only its base and quote
    /// currencies and the gross notional change.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TradeExposure WithTrade(int instrumentId, double currentUnits, double deltaUnits, MarketPrices prices)
    {
        var bi = Currencies.BaseOf(instrumentId);
        var qi = Currencies.QuoteOf(instrumentId);
        var (nb, nq) = Contributions(instrumentId, currentUnits + deltaUnits, prices);
        var ob = _baseContribution[instrumentId];
        var oq = _quoteContribution[instrumentId];
        return new TradeExposure(
            bi, _net[bi] - ob + nb, _gross[bi] - Math.Abs(ob) + Math.Abs(nb),
            qi, _net[qi] - oq + nq, _gross[qi] - Math.Abs(oq) + Math.Abs(nq),
            GrossNotional - Math.Abs(ob) + Math.Abs(nb));
    }
}

/// <summary>Post-trade exposure of the two currencies a trade touches, and the post-trade gross notional.</summary>
public readonly record struct TradeExposure(
    int BaseCurrency, double BaseNet, double BaseGross,
    int QuoteCurrency, double QuoteNet, double QuoteGross,
    double GrossNotional);
