using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Labels;

/// <summary>The close time of every bar: when it becomes known. Intraday frames add the duration; H4 and up ask the FX calendar.</summary>
public static class BarCloseTimes
{
    public static long[] Of(BarSeries bars, FxCalendar? calendar = null)
    {
        var close = new long[bars.Count];
        var tf = bars.Timeframe;
        if (tf <= Timeframe.H1)
        {
            var d = tf.DurationTicks;
            for (var i = 0; i < close.Length; i++) close[i] = bars.Time[i] + d;
        }
        else
        {
            var cal = calendar ?? FxCalendar.Default;
            for (var i = 0; i < close.Length; i++) close[i] = cal.BarCloseUtcTicks(tf, bars.Time[i]);
        }
        return close;
    }
}
