using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Trading.Kernel;

namespace Platform3.Trading.Accounting;

/// <summary>
/// Converts amounts into the account currency at the latest quotes. A currency is reached through the
/// priced pairs of the run: directly (GBP → USD via GBPUSD), inverted (JPY → USD via USDJPY), or through
/// two or three legs (a synthetic cross, e.g. GBP → USD → JPY via GBPUSD and USDJPY). Routes are found
/// once, fewest legs first, and conversions use the mid of each leg.
/// </summary>
public sealed class CurrencyConverter
{
    private readonly record struct Leg(int InstrumentId, bool Invert);

    private readonly QuoteBook _quotes;
    private readonly IReadOnlyList<Instrument> _priced;
    private readonly Dictionary<Currency, Leg[]> _routes = [];
    // Routes already found, by the currency code's string instance (replaced whole, so readers never see a half-written entry).
    private (string Code, Leg[] Route)[] _knownRoutes = [];
    // Per-instrument caches of the quote→account and base→account routes, for the per-bar hot path.
    private Leg[]?[] _quoteRoutes = [];
    private Leg[]?[] _baseRoutes = [];

    public CurrencyConverter(Currency accountCurrency, QuoteBook quotes, IEnumerable<Instrument> pricedInstruments)
    {
        AccountCurrency = accountCurrency;
        _quotes = quotes;
        _priced = pricedInstruments.Distinct().OrderBy(i => i.Id).ToArray();
        _isPriced = new bool[_priced.Count == 0 ? 1 : _priced.Max(i => i.Id) + 1];
        foreach (var i in _priced) _isPriced[i.Id] = true;
    }

    private readonly bool[] _isPriced;

    /// <summary>True when the run has prices for the instrument.</summary>
    public bool IsPriced(Instrument instrument) => instrument.Id < _isPriced.Length && _isPriced[instrument.Id];

    public Currency AccountCurrency { get; }

    /// <summary>The instruments the run has prices for (conversions only use these).</summary>
    public IReadOnlyList<Instrument> Priced => _priced;

    /// <summary>True when a route to the account currency exists through priced pairs.</summary>
    public bool CanConvert(Currency from) => from == AccountCurrency || FindRoute(from) is not null;

    /// <summary>Account-currency units per one unit of <paramref name="from"/>, as a double (for marking and margin).</summary>
    public double Rate(Currency from)
    {
        if (from == AccountCurrency) return 1.0;
        var rate = 1.0;
        foreach (var leg in Route(from))
        {
            var mid = _quotes.Mid(leg.InstrumentId);
            rate = leg.Invert ? rate / mid : rate * mid;
        }
        return rate;
    }

    /// <summary>Account-currency units per one unit of the instrument's quote currency (cached route).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double QuoteRate(Instrument instrument) => RateVia(CachedRoute(ref _quoteRoutes, instrument, instrument.Quote));

    /// <summary>Account-currency units per one unit of the instrument's base currency (cached route).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double BaseRate(Instrument instrument) => RateVia(CachedRoute(ref _baseRoutes, instrument, instrument.Base));

    /// <summary>The lowest and highest <see cref="QuoteRate"/> while every price stays in its range.</summary>
    internal void QuoteRateRange(Instrument instrument, QuoteRanges ranges, out double low, out double high) =>
        RangeVia(CachedRoute(ref _quoteRoutes, instrument, instrument.Quote), ranges, out low, out high);

    /// <summary>The lowest and highest <see cref="BaseRate"/> while every price stays in its range.</summary>
    internal void BaseRateRange(Instrument instrument, QuoteRanges ranges, out double low, out double high) =>
        RangeVia(CachedRoute(ref _baseRoutes, instrument, instrument.Base), ranges, out low, out high);

    // RateVia's operations in its order on the ends of each leg's mid range: every step (× or ÷ a positive mid) is
    // monotone in both operands and so is its rounding, so these bound the rate bit for bit, not just in real numbers.
    private static void RangeVia(Leg[] route, QuoteRanges ranges, out double low, out double high)
    {
        low = high = 1.0;
        for (var i = 0; i < route.Length; i++)
        {
            var id = route[i].InstrumentId;
            var midLow = ranges.MidLow(id);
            var midHigh = ranges.MidHigh(id);
            if (!(midLow > 0 && midHigh >= midLow)) { low = high = double.NaN; return; } // no bound (the caller assumes nothing)
            if (route[i].Invert) { low /= midHigh; high /= midLow; }
            else { low *= midLow; high *= midHigh; }
        }
    }

    // Margin and marking read rates at every walked segment: the route lookup and the (usually zero or one) legs inline.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double RateVia(Leg[] route)
    {
        var rate = 1.0;
        for (var i = 0; i < route.Length; i++)
        {
            var mid = _quotes.Mid(route[i].InstrumentId);
            rate = route[i].Invert ? rate / mid : rate * mid;
        }
        return rate;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private Leg[] CachedRoute(ref Leg[]?[] cache, Instrument instrument, Currency currency) =>
        (uint)instrument.Id < (uint)cache.Length && cache[instrument.Id] is { } r ? r : NewRoute(ref cache, instrument, currency);

    private Leg[] NewRoute(ref Leg[]?[] cache, Instrument instrument, Currency currency)
    {
        if (instrument.Id >= cache.Length) Array.Resize(ref cache, instrument.Id + 1);
        return cache[instrument.Id] = currency == AccountCurrency ? [] : Route(currency);
    }

    /// <summary>Converts exactly in decimal, leg by leg at the mids (multiply, or divide for an inverted leg). Not rounded.</summary>
    public decimal Convert(decimal amount, Currency from)
    {
        if (from == AccountCurrency || amount == 0) return amount;
        foreach (var leg in Route(from))
        {
            if (!_quotes.Has(leg.InstrumentId)) throw NoQuoteYet(leg.InstrumentId, from);
            var mid = _quotes.MidDecimal(leg.InstrumentId);
            amount = leg.Invert ? amount / mid : amount * mid;
        }
        return amount;
    }

    // Apart from Convert so its loop captures nothing (a lambda there would allocate a closure per leg and call).
    private InvalidOperationException NoQuoteYet(int instrumentId, Currency from) =>
        new($"No quote yet for {_priced.First(i => i.Id == instrumentId).Symbol}, needed to convert {from} to {AccountCurrency}.");

    /// <summary>The effective decimal rate (for the ledger's record): Convert(1, from).</summary>
    public decimal RateDecimal(Currency from) => Convert(1m, from);

    /// <summary>True when every leg of the route has a quote.</summary>
    public bool HasQuotes(Currency from)
    {
        if (from == AccountCurrency) return true;
        foreach (var leg in Route(from))
            if (!_quotes.Has(leg.InstrumentId)) return false;
        return true;
    }

    /// <summary>The pairs the conversion of <paramref name="from"/> goes through, e.g. [GBPUSD, USDJPY].</summary>
    public IReadOnlyList<string> RouteSymbols(Currency from) =>
        from == AccountCurrency ? [] : Route(from).Select(l => _priced.First(i => i.Id == l.InstrumentId).Symbol).ToArray();

    private Leg[] Route(Currency from)
    {
        // The few currencies a run converts are looked up by their code's identity first: no string hashing per fill.
        var known = _knownRoutes;
        for (var i = 0; i < known.Length; i++)
            if (ReferenceEquals(known[i].Code, from.Code)) return known[i].Route;
        if (_routes.TryGetValue(from, out var r))
        {
            if (known.Length < 16) _knownRoutes = [.. known, (from.Code, r)];
            return r;
        }
        r = FindRoute(from) ?? throw new DataException(
            $"Cannot convert {from} to the account currency {AccountCurrency}: no chain of priced pairs connects them " +
            $"(priced: {string.Join(", ", _priced.Select(i => i.Symbol))}). Add {from}{AccountCurrency} or {from}USD and USD{AccountCurrency} data.");
        _routes[from] = r;
        return r;
    }

    // Breadth-first over currencies, edges are priced pairs; instruments are visited in id order so the route is deterministic.
    private Leg[]? FindRoute(Currency from)
    {
        var previous = new Dictionary<Currency, (Currency From, Leg Leg)>();
        var queue = new Queue<Currency>();
        queue.Enqueue(from);
        var seen = new HashSet<Currency> { from };
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            if (c == AccountCurrency) break;
            foreach (var i in _priced)
            {
                Currency next;
                Leg leg;
                if (i.Base == c) { next = i.Quote; leg = new Leg(i.Id, false); }
                else if (i.Quote == c) { next = i.Base; leg = new Leg(i.Id, true); }
                else continue;
                if (!seen.Add(next)) continue;
                previous[next] = (c, leg);
                queue.Enqueue(next);
            }
        }
        if (!previous.ContainsKey(AccountCurrency)) return null;
        var legs = new List<Leg>();
        for (var c = AccountCurrency; c != from; c = previous[c].From) legs.Add(previous[c].Leg);
        legs.Reverse();
        return legs.ToArray();
    }

    /// <summary>
    /// The extra pairs a run needs so every traded pair's quote currency (for P&amp;L) and base currency (for
    /// margin and notional) converts to the account currency: each currency's direct pair with the account
    /// currency when the catalog has one (GBP via GBPUSD, JPY via USDJPY), else its two legs through USD.
    /// Pairs already traded are reused.
    /// </summary>
    public static IReadOnlyList<Instrument> RequiredConversionInstruments(Currency accountCurrency, IReadOnlyCollection<Instrument> traded, InstrumentCatalog catalog)
    {
        var have = traded.ToList();
        var usd = Currency.USD;
        void Need(Instrument? i)
        {
            if (i is not null && !have.Contains(i)) have.Add(i);
        }
        foreach (var c in traded.SelectMany(i => new[] { i.Quote, i.Base }).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (c == accountCurrency) continue;
            if (catalog.FindPair(c, accountCurrency) is { } direct) { Need(direct); continue; }
            var a = c == usd ? null : catalog.FindPair(c, usd);
            var b = accountCurrency == usd ? null : catalog.FindPair(usd, accountCurrency);
            if ((c != usd && a is null) || (accountCurrency != usd && b is null))
                throw new UsageException($"Cannot convert {c} to the account currency {accountCurrency}: the catalog has neither {c}{accountCurrency} nor a route through USD.");
            Need(a);
            Need(b);
        }
        return have.Except(traded).ToArray();
    }
}
