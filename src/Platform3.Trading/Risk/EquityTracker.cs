using Platform3.Core.Calendar;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Risk;

/// <summary>
/// Follows equity through time for the daily-loss and drawdown limits: the equity at the start of the
/// current trading day (the last value seen before the 17:00 New York roll) and the running peak.
/// </summary>
public sealed class EquityTracker(FxCalendar calendar)
{
    private DateOnly _day;
    private bool _started;

    public double Equity { get; private set; }
    public double DayStartEquity { get; private set; }
    public double PeakEquity { get; private set; }
    public DateOnly TradingDay => _day;

    /// <summary>Records equity at an instant; returns true when a new trading day began with this mark.</summary>
    public bool Mark(long utcTicks, double equity)
    {
        if (!double.IsFinite(equity)) throw new ArgumentOutOfRangeException(nameof(equity), "equity must be finite");
        var day = calendar.TradingDayOf(utcTicks);
        var newDay = false;
        if (!_started)
        {
            _started = true;
            _day = day;
            DayStartEquity = equity;
            PeakEquity = equity;
        }
        else if (day != _day)
        {
            _day = day;
            DayStartEquity = Equity; // the equity carried over the roll
            newDay = true;
        }
        Equity = equity;
        PeakEquity = Math.Max(PeakEquity, equity);
        return newDay;
    }

    /// <summary>Copies the figures into a snapshot.</summary>
    public void Fill(PortfolioSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetEquity(Equity, DayStartEquity, PeakEquity);
    }
}
