using Platform3.AI.Features.Blocks;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.AI.Features;

/// <summary>
/// The feature sets defined in code. core@N is the intraday day-trading set (≈70 columns with H1/H4
/// context) for M1–M30; core-h1@N is the same on H1 with H4/D1 context; xpair@N adds cross-pair
/// currency strength and correlation to core@N. Version 2 states the time to the London and New York opens
/// in minutes (version 1: hours); version 1 stays defined, unchanged, so its cached matrices and the models
/// registered on it keep loading.
/// </summary>
public static class FeatureSetCatalog
{
    private static readonly Timeframe[] Intraday = [Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.M30];

    public static FeatureSet Core1 { get; } = Core(1, OpenDistanceUnit.Hours);
    public static FeatureSet CoreH1 { get; } = CoreHourly(1, OpenDistanceUnit.Hours);
    public static FeatureSet XPair1 { get; } = XPair(1, OpenDistanceUnit.Hours);

    public static FeatureSet Core2 { get; } = Core(2, OpenDistanceUnit.Minutes);
    public static FeatureSet CoreH1V2 { get; } = CoreHourly(2, OpenDistanceUnit.Minutes);
    public static FeatureSet XPair2 { get; } = XPair(2, OpenDistanceUnit.Minutes);

    public static IReadOnlyList<FeatureSet> All { get; } = [Core1, CoreH1, XPair1, Core2, CoreH1V2, XPair2];

    private static string OpensIn(OpenDistanceUnit unit) => unit == OpenDistanceUnit.Hours ? "" : " (minutes to the London/New York opens)";

    private static FeatureSet Core(int version, OpenDistanceUnit unit) => new("core", version,
        "returns, volatility, TA indicators, support/resistance, candles, sessions, spread, H1/H4 context" + OpensIn(unit), Intraday, false,
        c => [.. SingleTimeframe(c, unit), .. Context(c, Timeframe.H1, Timeframe.H4)]);

    private static FeatureSet CoreHourly(int version, OpenDistanceUnit unit) => new("core-h1", version,
        $"core@{version} built on H1 bars with H4/D1 context", [Timeframe.H1], false,
        c => [.. SingleTimeframe(c, unit), .. Context(c, Timeframe.H4, Timeframe.D1)]);

    private static FeatureSet XPair(int version, OpenDistanceUnit unit) => new("xpair", version,
        $"core@{version} plus cross-pair currency strength and implied-return correlation", Intraday, true,
        c => [.. SingleTimeframe(c, unit), .. Context(c, Timeframe.H1, Timeframe.H4), new CrossPairBlock(c.Instrument, c.Market!)]);

    public static FeatureSet Get(string id)
    {
        var t = id.Trim();
        var set = All.FirstOrDefault(s => string.Equals(s.Id, t, StringComparison.OrdinalIgnoreCase));
        return set ?? throw new UsageException($"Unknown feature set '{id}'. Defined: {string.Join(", ", All.Select(s => s.Id))}.");
    }

    private static IEnumerable<FeatureBlock> SingleTimeframe(FeatureContext c, OpenDistanceUnit unit)
    {
        yield return new ReturnsBlock(1, 2, 4, 8, 16, 32);
        yield return new VolatilityBlock(14, 16, 64);
        yield return new IndicatorBlock("rsi(14)");
        yield return new IndicatorBlock("rsi(7)");
        yield return new IndicatorBlock("macd(12,26,9)", "hist", IndicatorScaling.PerAtr);
        yield return new IndicatorBlock("bb(20,2)", "percentb");
        yield return new IndicatorBlock("bb(20,2)", "bandwidth");
        yield return new IndicatorBlock("stoch(14,3,3)", "k");
        yield return new IndicatorBlock("stoch(14,3,3)", "d");
        yield return new IndicatorBlock("adx(14)", "adx");
        yield return new IndicatorBlock("adx(14)", "plusdi");
        yield return new IndicatorBlock("adx(14)", "minusdi");
        yield return new IndicatorBlock("ema(20)", null, IndicatorScaling.DistanceAtr);
        yield return new IndicatorBlock("ema(50)", null, IndicatorScaling.DistanceAtr);
        yield return new IndicatorBlock("sma(200)", null, IndicatorScaling.DistanceAtr);
        yield return new ChannelBlock(20);
        yield return new ChannelBlock(100);
        yield return new PivotBlock(c.Calendar);
        yield return new CandleBlock();
        yield return new SessionBlock(c.Calendar, unit);
        yield return new SpreadBlock(c.Instrument.PipSizeD);
    }

    private static IEnumerable<FeatureBlock> Context(FeatureContext c, params Timeframe[] higher)
    {
        foreach (var tf in higher)
            yield return new HigherTimeframeBlock(c.Timeframe, tf, c.Calendar,
                new ReturnsBlock(1, 4),
                new IndicatorBlock("rsi(14)"),
                new VolatilityBlock(14, 16),
                new IndicatorBlock("ema(20)", null, IndicatorScaling.DistanceAtr),
                new IndicatorBlock("adx(14)", "adx"));
    }
}
