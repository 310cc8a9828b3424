namespace Platform3.Engines.TechnicalAnalysis.Candlesticks;

/// <summary>The candlestick patterns with default parameters, by TA-Lib name (lower case).</summary>
public static class CandlePatterns
{
    public static IReadOnlyList<Func<CandlePattern>> Factories { get; } =
    [
        () => new Doji(), () => new DragonflyDoji(), () => new GravestoneDoji(), () => new LongLeggedDoji(),
        () => new Hammer(), () => new HangingMan(), () => new InvertedHammer(), () => new ShootingStar(),
        () => new Engulfing(), () => new Harami(), () => new Piercing(), () => new DarkCloudCover(),
        () => new Star(morning: true), () => new Star(morning: false),
        () => new ThreeWhiteSoldiers(), () => new ThreeBlackCrows(), () => new Marubozu(), () => new SpinningTop(),
    ];

    /// <summary>A fresh instance of every pattern.</summary>
    public static IReadOnlyList<CandlePattern> CreateAll() => [.. Factories.Select(f => f())];
}
