using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// A rule that turns closed bars into <see cref="Signal"/>s. A signal is stamped with the close time of the bar that
/// fired it (never its open), so nothing acts on a bar before it is complete. Same code in backtest, paper and live.
/// </summary>
public abstract class SignalGenerator
{
    private readonly FxCalendar _calendar;

    protected SignalGenerator(string name, string symbol, Timeframe timeframe, int horizonBars, FxCalendar? calendar)
    {
        if (timeframe.IsTick) throw new ArgumentException("Signal generators work on bars, not ticks.", nameof(timeframe));
        Name = name;
        Symbol = symbol;
        Timeframe = timeframe;
        HorizonBars = Require.Period(horizonBars, nameof(horizonBars));
        _calendar = calendar ?? FxCalendar.Default;
    }

    /// <summary>The source name written into every signal, e.g. <c>ma-cross(10,50)</c>.</summary>
    public string Name { get; }
    public string Symbol { get; }
    public Timeframe Timeframe { get; }
    public int HorizonBars { get; }

    protected FxCalendar Calendar => _calendar;

    /// <summary>Feeds one closed bar; returns the signal it fired, if any.</summary>
    public Signal? Update(in Bar bar) => OnBar(bar);

    /// <summary>Runs over a series and returns every signal, in time order.</summary>
    public IReadOnlyList<Signal> Run(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Reset();
        var result = new List<Signal>();
        for (var i = 0; i < bars.Count; i++)
            if (Update(bars[i]) is { } s) result.Add(s);
        return result;
    }

    public abstract void Reset();

    protected abstract Signal? OnBar(in Bar bar);

    protected DateTime CloseTime(in Bar bar) => new(_calendar.BarCloseUtcTicks(Timeframe, bar.Time.Ticks), DateTimeKind.Utc);

    protected Signal Emit(in Bar bar, SignalDirection direction, double strength) =>
        new(CloseTime(bar), Symbol, direction, Math.Clamp(double.IsNaN(strength) ? 0 : strength, 0, 1), Name,
            TimeSpan.FromTicks(Timeframe.DurationTicks * HorizonBars));

    protected static SignalDirection Dir(int sign) => sign > 0 ? SignalDirection.Long : SignalDirection.Short;
}
