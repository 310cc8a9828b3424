namespace Platform3.Core.Domain;

/// <summary>
/// One bar. <see cref="Time"/> is the bar's open time in UTC; the bar is only known at its close
/// (open + timeframe), and consumers must never act on it earlier. Prices are bid; ask prices are NaN
/// when the source had none, in which case <see cref="Spread"/> may carry a typical spread (or NaN).
/// </summary>
public readonly struct Bar
{
    public DateTime Time { get; init; }
    public double Open { get; init; }
    public double High { get; init; }
    public double Low { get; init; }
    public double Close { get; init; }
    public double AskOpen { get; init; }
    public double AskHigh { get; init; }
    public double AskLow { get; init; }
    public double AskClose { get; init; }
    /// <summary>Spread in price units for bid-only sources that report one; NaN otherwise.</summary>
    public double Spread { get; init; }
    public long Volume { get; init; }

    public Bar(DateTime time, double open, double high, double low, double close, long volume = 0)
    {
        Time = time;
        Open = open; High = high; Low = low; Close = close;
        AskOpen = AskHigh = AskLow = AskClose = double.NaN;
        Spread = double.NaN;
        Volume = volume;
    }

    public Bar(DateTime time, double open, double high, double low, double close,
        double askOpen, double askHigh, double askLow, double askClose, long volume = 0)
    {
        Time = time;
        Open = open; High = high; Low = low; Close = close;
        AskOpen = askOpen; AskHigh = askHigh; AskLow = askLow; AskClose = askClose;
        Spread = double.NaN;
        Volume = volume;
    }

    public bool HasAsk => !double.IsNaN(AskClose);

    /// <summary>The spread at the close: from ask prices when known, else the reported spread, else NaN.</summary>
    public double CloseSpread => HasAsk ? AskClose - Close : Spread;

    public double MidOpen => Mid(Open, AskOpen);
    public double MidHigh => Mid(High, AskHigh);
    public double MidLow => Mid(Low, AskLow);
    public double MidClose => Mid(Close, AskClose);

    public double TypicalPrice => (High + Low + Close) / 3.0;

    private double Mid(double bid, double ask) =>
        !double.IsNaN(ask) ? 0.5 * (bid + ask) : double.IsNaN(Spread) ? bid : bid + 0.5 * Spread;

    public DateTime CloseTime(Timeframe timeframe) => Time + timeframe.Duration;

    public override string ToString() =>
        $"{Time:yyyy-MM-dd HH:mm} O={Open} H={High} L={Low} C={Close}" + (HasAsk ? $" askC={AskClose}" : "");
}
