using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Synthetic;

namespace Platform3.AI.Tests.Support;

/// <summary>Synthetic market data from the MarketData generator, cached per process (it is deterministic).</summary>
internal static class Market
{
    private static readonly Dictionary<string, IReadOnlyList<BarSeries>> Cache = [];
    private static readonly Lock Gate = new();

    public static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Bars of several pairs at a timeframe, generated as M1 and resampled.</summary>
    public static IReadOnlyList<BarSeries> Bars(string[] symbols, Timeframe tf, int days, SynthModel model = SynthModel.Regime, int seed = 7)
    {
        var key = $"{string.Join(',', symbols)}|{tf}|{days}|{model}|{seed}";
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var hit)) return hit;
            var m1 = new SyntheticMarket().M1(symbols, From, From.AddDays(days), model, seed);
            var result = tf == Timeframe.M1 ? m1 : m1.Select(s => BarResampler.Resample(s, tf, FxCalendar.Default)).ToArray();
            Cache[key] = result;
            return result;
        }
    }

    public static BarSeries Eurusd(Timeframe tf, int days, SynthModel model = SynthModel.Regime, int seed = 7) =>
        Bars(["EURUSD"], tf, days, model, seed)[0];
}
