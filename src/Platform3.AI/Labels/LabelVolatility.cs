using Platform3.Core.Domain;

namespace Platform3.AI.Labels;

/// <summary>
/// Causal volatility scales for barrier and dead-zone widths: value i uses bars 0..i only, so a label's
/// barrier is fixed at the moment the sample is known. NaN until the estimate has its full window.
/// </summary>
public static class LabelVolatility
{
    /// <summary>Wilder's ATR (seeded with the simple mean of the first <paramref name="period"/> true ranges).</summary>
    public static double[] WilderAtr(BarSeries bars, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = bars.Count;
        var atr = new double[n];
        Array.Fill(atr, double.NaN);
        double sum = 0, prev = double.NaN;
        for (var i = 0; i < n; i++)
        {
            var tr = i == 0
                ? bars.High[i] - bars.Low[i]
                : Math.Max(bars.High[i], bars.Close[i - 1]) - Math.Min(bars.Low[i], bars.Close[i - 1]);
            if (i < period)
            {
                sum += tr;
                if (i == period - 1) atr[i] = prev = sum / period;
            }
            else
            {
                prev = (prev * (period - 1) + tr) / period;
                atr[i] = prev;
            }
        }
        return atr;
    }
}
