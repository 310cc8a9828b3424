using Platform3.Core.Domain;

namespace Platform3.MarketData.Resampling;

/// <summary>
/// Folds source bars into one target bar: first open, highest high, lowest low, last close, summed volume,
/// for bid and ask alike; the spread is the last known one. NaN ask prices (bars without a quote) are
/// skipped rather than poisoning the bucket. The batch resampler and the streaming aggregator both use
/// exactly this code, which is why they give identical bars.
/// </summary>
internal struct BarAccumulator
{
    public long Open;        // bucket open time (UTC ticks); long.MinValue when empty
    public double O, H, L, C, AO, AH, AL, AC, Spread;
    public long Volume;
    public int Count;

    public readonly bool IsEmpty => Count == 0;

    public void Start(long bucketOpen, double o, double h, double l, double c, double ao, double ah, double al, double ac, double spread, long volume)
    {
        Open = bucketOpen;
        O = o; H = h; L = l; C = c;
        AO = ao; AH = ah; AL = al; AC = ac;
        Spread = spread;
        Volume = volume;
        Count = 1;
    }

    public void Add(double h, double l, double c, double ao, double ah, double al, double ac, double spread, long volume)
    {
        if (h > H) H = h;
        if (l < L) L = l;
        C = c;
        if (double.IsNaN(AO)) AO = ao;
        if (!(ah <= AH)) AH = double.IsNaN(ah) ? AH : ah;
        if (!(al >= AL)) AL = double.IsNaN(al) ? AL : al;
        if (!double.IsNaN(ac)) AC = ac;
        if (!double.IsNaN(spread)) Spread = spread;
        Volume += volume;
        Count++;
    }

    public readonly Bar ToBar(bool hasAsk) =>
        hasAsk
            ? new Bar(new DateTime(Open, DateTimeKind.Utc), O, H, L, C, AO, AH, AL, AC, Volume)
            : new Bar(new DateTime(Open, DateTimeKind.Utc), O, H, L, C, Volume) { Spread = Spread };
}
