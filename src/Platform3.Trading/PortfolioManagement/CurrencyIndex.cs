using Platform3.Core.Domain;

namespace Platform3.Trading.PortfolioManagement;

/// <summary>
/// Dense indices for the currencies of a catalog, so per-currency exposures live in plain arrays and the
/// risk checks on the decision path do not hash or allocate.
/// </summary>
public sealed class CurrencyIndex
{
    private readonly Currency[] _currencies;
    private readonly int[] _baseOf;
    private readonly int[] _quoteOf;

    public InstrumentCatalog Catalog { get; }
    public int Count => _currencies.Length;
    public Currency this[int index] => _currencies[index];

    public CurrencyIndex(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        var list = new List<Currency>();
        foreach (var i in catalog.All)
        {
            if (!list.Contains(i.Base)) list.Add(i.Base);
            if (!list.Contains(i.Quote)) list.Add(i.Quote);
        }
        _currencies = list.ToArray();
        _baseOf = catalog.All.Select(i => list.IndexOf(i.Base)).ToArray();
        _quoteOf = catalog.All.Select(i => list.IndexOf(i.Quote)).ToArray();
    }

    /// <summary>The index of a currency, or −1 when no instrument of the catalog trades it.</summary>
    public int IndexOf(Currency currency) => Array.IndexOf(_currencies, currency);

    public int BaseOf(Instrument instrument) => _baseOf[instrument.Id];
    public int QuoteOf(Instrument instrument) => _quoteOf[instrument.Id];
    public int BaseOf(int instrumentId) => _baseOf[instrumentId];
    public int QuoteOf(int instrumentId) => _quoteOf[instrumentId];
}
