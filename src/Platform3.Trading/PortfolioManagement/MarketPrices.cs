using Platform3.Core.Domain;

namespace Platform3.Trading.PortfolioManagement;

/// <summary>
/// The latest bid/ask of every instrument the host has seen, and conversion of any currency into the
/// account currency through them. The host updates it on each quote or bar close; the risk and portfolio
/// layers only read it. Conversions use mids: they value exposures, they do not settle cash.
/// </summary>
public sealed class MarketPrices
{
    private readonly double[] _bid;
    private readonly double[] _ask;
    private readonly long[] _time;
    private readonly (int Leg1, bool Invert1, int Leg2, bool Invert2)[] _routes;

    public CurrencyIndex Currencies { get; }
    public InstrumentCatalog Catalog => Currencies.Catalog;
    public Currency AccountCurrency { get; }
    public int AccountCurrencyIndex { get; }

    public MarketPrices(CurrencyIndex currencies, Currency accountCurrency)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        Currencies = currencies;
        AccountCurrency = accountCurrency;
        AccountCurrencyIndex = currencies.IndexOf(accountCurrency);
        var n = currencies.Catalog.Count;
        _bid = new double[n];
        _ask = new double[n];
        _time = new long[n];
        _bid.AsSpan().Fill(double.NaN);
        _ask.AsSpan().Fill(double.NaN);
        _routes = new (int, bool, int, bool)[currencies.Count];
        for (var c = 0; c < currencies.Count; c++) _routes[c] = Route(currencies[c]);
    }

    public MarketPrices(InstrumentCatalog catalog, Currency accountCurrency) : this(new CurrencyIndex(catalog), accountCurrency) { }

    /// <summary>
    /// How to turn one unit of <paramref name="from"/> into account currency: a direct or inverse pair, or two
    /// legs through USD (then EUR) when no pair links them. Leg −1 means "no leg" (rate 1).
    /// </summary>
    private (int, bool, int, bool) Route(Currency from)
    {
        if (from == AccountCurrency) return (-1, false, -1, false);
        if (Direct(from, AccountCurrency) is { } d) return (d.Id, d.Invert, -1, false);
        foreach (var via in new[] { Currency.USD, Currency.EUR })
        {
            if (via == from || via == AccountCurrency) continue;
            if (Direct(from, via) is { } a && Direct(via, AccountCurrency) is { } b) return (a.Id, a.Invert, b.Id, b.Invert);
        }
        return (-2, false, -2, false); // unreachable: conversion is NaN
    }

    private (int Id, bool Invert)? Direct(Currency from, Currency to)
    {
        var pair = Catalog.FindPair(from, to);
        if (pair is null) return null;
        return (pair.Id, pair.Base != from);
    }

    public void Set(Instrument instrument, long timeUtcTicks, double bid, double ask)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!(bid > 0) || !(ask >= bid)) ThrowInvalidQuote(instrument, bid, ask);
        _bid[instrument.Id] = bid;
        _ask[instrument.Id] = ask;
        _time[instrument.Id] = timeUtcTicks;
    }

    // Apart, so Set stays small enough to be inlined into the per-cycle price refresh.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowInvalidQuote(Instrument instrument, double bid, double ask) =>
        throw new ArgumentOutOfRangeException("bid", $"{instrument.Symbol}: quote bid {bid} ask {ask} is not a valid market (0 < bid <= ask).");

    public bool Has(Instrument instrument) => !double.IsNaN(_bid[instrument.Id]);
    public double Bid(Instrument instrument) => _bid[instrument.Id];
    public double Ask(Instrument instrument) => _ask[instrument.Id];
    public double Mid(Instrument instrument) => 0.5 * (_bid[instrument.Id] + _ask[instrument.Id]);
    public double Mid(int instrumentId) => 0.5 * (_bid[instrumentId] + _ask[instrumentId]);
    public long TimeTicks(Instrument instrument) => _time[instrument.Id];

    /// <summary>Account-currency value of one unit of the currency; NaN when no quote links them yet.</summary>
    public double ToAccount(int currencyIndex)
    {
        var (l1, i1, l2, i2) = _routes[currencyIndex];
        if (l1 == -1) return 1.0;
        if (l1 == -2) return double.NaN;
        var r = Leg(l1, i1);
        return l2 < 0 ? r : r * Leg(l2, i2);
    }

    public double ToAccount(Currency currency)
    {
        var idx = Currencies.IndexOf(currency);
        if (idx < 0) return currency == AccountCurrency ? 1.0 : double.NaN;
        return ToAccount(idx);
    }

    private double Leg(int id, bool invert)
    {
        var m = Mid(id);
        return invert ? 1.0 / m : m;
    }
}
