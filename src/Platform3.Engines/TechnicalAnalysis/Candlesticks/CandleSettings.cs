namespace Platform3.Engines.TechnicalAnalysis.Candlesticks;

/// <summary>What a candle setting measures on each candle.</summary>
public enum CandleRangeKind : byte
{
    RealBody,
    HighLow,
    /// <summary>Upper + lower shadow (the average is then halved).</summary>
    Shadows,
}

/// <summary>
/// A TA-Lib candle setting: "long", "short", "near" and so on are judged against factor × the average of
/// <see cref="Period"/> earlier candles' range (Period 0 = against the candle's own range).
/// </summary>
public sealed record CandleSetting(string Name, CandleRangeKind Range, int Period, double Factor);

/// <summary>TA-Lib's default candle settings (ta_global.c), which the reference files were generated with.</summary>
public static class CandleSettings
{
    public static CandleSetting BodyLong { get; } = new(nameof(BodyLong), CandleRangeKind.RealBody, 10, 1.0);
    public static CandleSetting BodyVeryLong { get; } = new(nameof(BodyVeryLong), CandleRangeKind.RealBody, 10, 3.0);
    public static CandleSetting BodyShort { get; } = new(nameof(BodyShort), CandleRangeKind.RealBody, 10, 1.0);
    public static CandleSetting BodyDoji { get; } = new(nameof(BodyDoji), CandleRangeKind.HighLow, 10, 0.1);
    public static CandleSetting ShadowLong { get; } = new(nameof(ShadowLong), CandleRangeKind.RealBody, 0, 1.0);
    public static CandleSetting ShadowVeryLong { get; } = new(nameof(ShadowVeryLong), CandleRangeKind.RealBody, 0, 2.0);
    public static CandleSetting ShadowShort { get; } = new(nameof(ShadowShort), CandleRangeKind.Shadows, 10, 1.0);
    public static CandleSetting ShadowVeryShort { get; } = new(nameof(ShadowVeryShort), CandleRangeKind.HighLow, 10, 0.1);
    public static CandleSetting Near { get; } = new(nameof(Near), CandleRangeKind.HighLow, 5, 0.2);
    public static CandleSetting Far { get; } = new(nameof(Far), CandleRangeKind.HighLow, 5, 0.6);
    public static CandleSetting Equal { get; } = new(nameof(Equal), CandleRangeKind.HighLow, 5, 0.05);
}
