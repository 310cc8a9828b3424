namespace Platform3.Core.Domain;

/// <summary>
/// A column-oriented run of bars for one symbol and timeframe, sorted by open time with no duplicates.
/// Arrays have exactly <see cref="Count"/> elements, so spans over them are ready for tight loops.
/// Ask columns are null when the source had no ask; <see cref="Spread"/> is null unless the source reported one.
/// </summary>
public sealed class BarSeries
{
    public string Symbol { get; }
    public Timeframe Timeframe { get; }
    /// <summary>Open time of each bar, as UTC <see cref="DateTime.Ticks"/>.</summary>
    public long[] Time { get; }
    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[]? AskOpen { get; }
    public double[]? AskHigh { get; }
    public double[]? AskLow { get; }
    public double[]? AskClose { get; }
    public double[]? Spread { get; }
    public long[] Volume { get; }

    public int Count => Time.Length;
    public bool HasAsk => AskClose is not null;

    public BarSeries(string symbol, Timeframe timeframe, long[] time, double[] open, double[] high, double[] low, double[] close,
        long[] volume, double[]? askOpen = null, double[]? askHigh = null, double[]? askLow = null, double[]? askClose = null,
        double[]? spread = null)
    {
        var n = time.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
            throw new ArgumentException("All bar columns must have the same length.");
        var askCount = (askOpen is null ? 0 : 1) + (askHigh is null ? 0 : 1) + (askLow is null ? 0 : 1) + (askClose is null ? 0 : 1);
        if (askCount is not 0 and not 4) throw new ArgumentException("Ask columns come as a set of four or not at all.");
        if (askCount == 4 && (askOpen!.Length != n || askHigh!.Length != n || askLow!.Length != n || askClose!.Length != n))
            throw new ArgumentException("Ask columns must have the same length as the bid columns.");
        if (spread is not null && spread.Length != n) throw new ArgumentException("Spread column length mismatch.");
        for (var i = 1; i < n; i++)
            if (time[i] <= time[i - 1])
                throw new ArgumentException($"Bar times must be strictly increasing: index {i} ({new DateTime(time[i], DateTimeKind.Utc):u}) follows {new DateTime(time[i - 1], DateTimeKind.Utc):u}.");
        Symbol = symbol;
        Timeframe = timeframe;
        Time = time; Open = open; High = high; Low = low; Close = close; Volume = volume;
        AskOpen = askOpen; AskHigh = askHigh; AskLow = askLow; AskClose = askClose;
        Spread = spread;
    }

    public static BarSeries Empty(string symbol, Timeframe timeframe) =>
        new(symbol, timeframe, [], [], [], [], [], []);

    public DateTime TimeAt(int index) => new(Time[index], DateTimeKind.Utc);

    public Bar this[int index]
    {
        // Inlined, the bar is built where the caller keeps it (the backtest loop reads one per step).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            var t = new DateTime(Time[index], DateTimeKind.Utc);
            if (AskClose is not null)
                return new Bar(t, Open[index], High[index], Low[index], Close[index],
                    AskOpen![index], AskHigh![index], AskLow![index], AskClose[index], Volume[index]);
            return new Bar(t, Open[index], High[index], Low[index], Close[index], Volume[index])
            {
                Spread = Spread is null ? double.NaN : Spread[index],
            };
        }
    }

    /// <summary>Index of the first bar whose open time is at or after <paramref name="utcTicks"/> (Count if none).</summary>
    public int LowerBound(long utcTicks)
    {
        var i = Array.BinarySearch(Time, utcTicks);
        return i >= 0 ? i : ~i;
    }

    /// <summary>A copy of the bars with open time in [from, to).</summary>
    public BarSeries Slice(DateTime? fromUtc, DateTime? toUtc)
    {
        var a = fromUtc is null ? 0 : LowerBound(fromUtc.Value.Ticks);
        var b = toUtc is null ? Count : LowerBound(toUtc.Value.Ticks);
        return Range(a, Math.Max(a, b));
    }

    /// <summary>A copy of bars [start, end).</summary>
    public BarSeries Range(int start, int end)
    {
        static T[]? Cut<T>(T[]? src, int s, int e) => src?[s..e];
        return new BarSeries(Symbol, Timeframe, Time[start..end], Open[start..end], High[start..end], Low[start..end], Close[start..end],
            Volume[start..end], Cut(AskOpen, start, end), Cut(AskHigh, start, end), Cut(AskLow, start, end), Cut(AskClose, start, end),
            Cut(Spread, start, end));
    }

    public IEnumerable<Bar> AsEnumerable()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }
}
