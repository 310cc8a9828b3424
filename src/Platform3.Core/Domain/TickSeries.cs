namespace Platform3.Core.Domain;

/// <summary>Column-oriented quotes for one symbol, sorted by time (equal times allowed: several ticks per millisecond are normal).</summary>
public sealed class TickSeries
{
    public string Symbol { get; }
    public long[] Time { get; }
    public double[] Bid { get; }
    public double[] Ask { get; }
    public long[] Volume { get; }
    public int Count => Time.Length;

    public TickSeries(string symbol, long[] time, double[] bid, double[] ask, long[] volume)
    {
        if (bid.Length != time.Length || ask.Length != time.Length || volume.Length != time.Length)
            throw new ArgumentException("All tick columns must have the same length.");
        for (var i = 1; i < time.Length; i++)
            if (time[i] < time[i - 1]) throw new ArgumentException($"Tick times must not decrease (index {i}).");
        Symbol = symbol; Time = time; Bid = bid; Ask = ask; Volume = volume;
    }

    public Quote this[int i] => new(new DateTime(Time[i], DateTimeKind.Utc), Bid[i], Ask[i], Volume[i]);
}
