using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Bar columns for batch computation (spans over a <see cref="BarSeries"/> or any arrays). Ask and spread columns
/// are empty when the source has none, exactly as <see cref="BarSeries"/> leaves them null.
/// </summary>
public readonly ref struct BarInput
{
    public BarInput(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        ReadOnlySpan<long> volume = default, ReadOnlySpan<long> time = default)
    {
        var n = close.Length;
        if (open.Length != n || high.Length != n || low.Length != n)
            throw new ArgumentException("Open, high, low and close must have the same length.");
        if (!volume.IsEmpty && volume.Length != n) throw new ArgumentException("Volume must be empty or as long as close.", nameof(volume));
        if (!time.IsEmpty && time.Length != n) throw new ArgumentException("Time must be empty or as long as close.", nameof(time));
        Open = open; High = high; Low = low; Close = close; Volume = volume; Time = time;
    }

    public ReadOnlySpan<long> Time { get; }
    public ReadOnlySpan<double> Open { get; }
    public ReadOnlySpan<double> High { get; }
    public ReadOnlySpan<double> Low { get; }
    public ReadOnlySpan<double> Close { get; }
    public ReadOnlySpan<long> Volume { get; }
    public ReadOnlySpan<double> AskOpen { get; init; }
    public ReadOnlySpan<double> AskHigh { get; init; }
    public ReadOnlySpan<double> AskLow { get; init; }
    public ReadOnlySpan<double> AskClose { get; init; }
    public ReadOnlySpan<double> Spread { get; init; }

    public int Length => Close.Length;

    /// <summary>Close-only input (open = high = low = close), for value series fed to bar indicators.</summary>
    public static BarInput FromCloses(ReadOnlySpan<double> close) => new(close, close, close, close);

    public static BarInput From(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new BarInput(series.Open, series.High, series.Low, series.Close, series.Volume, series.Time)
        {
            AskOpen = series.AskOpen, AskHigh = series.AskHigh, AskLow = series.AskLow, AskClose = series.AskClose,
            Spread = series.Spread,
        };
    }

    /// <summary>Row <paramref name="i"/> as a <see cref="Bar"/> (what streaming sees).</summary>
    public Bar BarAt(int i)
    {
        var t = Time.IsEmpty ? default : new DateTime(Time[i], DateTimeKind.Utc);
        var v = Volume.IsEmpty ? 0 : Volume[i];
        if (!AskClose.IsEmpty)
            return new Bar(t, Open[i], High[i], Low[i], Close[i], AskOpen[i], AskHigh[i], AskLow[i], AskClose[i], v);
        return new Bar(t, Open[i], High[i], Low[i], Close[i], v) { Spread = Spread.IsEmpty ? double.NaN : Spread[i] };
    }

    /// <summary>
    /// The column for a price field, with exactly the arithmetic of <see cref="PriceFieldExtensions.Read"/>;
    /// derived fields (typical, mid, ...) are computed into a new array.
    /// </summary>
    public ReadOnlySpan<double> Select(PriceField field)
    {
        switch (field)
        {
            case PriceField.Close or PriceField.Bid: return Close;
            case PriceField.Open: return Open;
            case PriceField.High: return High;
            case PriceField.Low: return Low;
        }
        var n = Length;
        var result = new double[n];
        for (var i = 0; i < n; i++) result[i] = BarAt(i).Read(field);
        return result;
    }
}
