using Platform3.Core.Domain;

namespace Platform3.Trading.PortfolioManagement;

/// <summary>
/// What the decision and risk layers need to know about the account at a decision: equity, the day's
/// starting equity, the peak, and the signed position per instrument. The host (backtest, paper or live)
/// refreshes it from its own portfolio before each cycle; the arrays are reused, so refreshing does not allocate.
/// Amounts are in the account currency; they value risk, the ledger keeps the exact money.
/// </summary>
public sealed class PortfolioSnapshot
{
    private readonly double[] _units;
    private readonly double[] _averagePrice;
    private int _open;

    public InstrumentCatalog Catalog { get; }
    public Currency AccountCurrency { get; }
    public double Equity { get; set; }
    /// <summary>Equity at the start of the current trading day (17:00 New York).</summary>
    public double DayStartEquity { get; set; }
    /// <summary>Highest equity seen so far (for the drawdown halt).</summary>
    public double PeakEquity { get; set; }
    /// <summary>Orders accepted by the broker and not yet filled, cancelled or expired.</summary>
    public int WorkingOrders { get; set; }

    public PortfolioSnapshot(InstrumentCatalog catalog, Currency accountCurrency)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        AccountCurrency = accountCurrency;
        _units = new double[catalog.Count];
        _averagePrice = new double[catalog.Count];
    }

    public int OpenPositions => _open;

    /// <summary>Signed position in base units (positive long).</summary>
    public double Units(Instrument instrument) => _units[instrument.Id];
    public double Units(int instrumentId) => _units[instrumentId];
    public ReadOnlySpan<double> AllUnits => _units;
    public double AveragePrice(Instrument instrument) => _averagePrice[instrument.Id];

    public void SetPosition(Instrument instrument, double signedUnits, double averagePrice = 0)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!double.IsFinite(signedUnits)) throw new ArgumentOutOfRangeException(nameof(signedUnits), "position must be finite");
        var was = _units[instrument.Id] != 0;
        _units[instrument.Id] = signedUnits;
        _averagePrice[instrument.Id] = signedUnits == 0 ? 0 : averagePrice;
        var now = signedUnits != 0;
        if (was != now) _open += now ? 1 : -1;
    }

    public void ClearPositions()
    {
        Array.Clear(_units);
        Array.Clear(_averagePrice);
        _open = 0;
    }

    /// <summary>Sets the equity figures at once; day start and peak default to equity when not yet known.</summary>
    public void SetEquity(double equity, double dayStartEquity, double peakEquity)
    {
        Equity = equity;
        DayStartEquity = dayStartEquity;
        PeakEquity = Math.Max(peakEquity, equity);
    }
}
