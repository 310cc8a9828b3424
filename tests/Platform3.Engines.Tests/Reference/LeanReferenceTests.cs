using Platform3.Tests.Shared;

namespace Platform3.Engines.Tests.Reference;

/// <summary>
/// Lean's TA-Lib-derived reference files (../shared/data/indicator-reference/lean, mapped in lean_test_map.csv).
/// Default tolerance: 1e-6 relative plus the file's print rounding; looser ones say why.
/// </summary>
public sealed class LeanReferenceTests
{
    private const string Folder = "data/indicator-reference/lean";
    private static readonly Tolerance P = Tolerance.Printed;

    private static readonly Tolerance FromRoundedBands = new(1.2e-4, 1e-6, true,
        "the file computes BandWidth and %B from its 4-dp rounded bands (e.g. 100·(157.7235−148.8525)/153.288 = 5.78714 → 5.7871)");

    private static readonly Tolerance SinglePrecisionFile = new(5e-4, 1e-5, true,
        "the file carries up to ~6e-6 relative error of its own (16.34/14 = 1.1671429 is printed 1.167147); Skender's full-precision RSI and stoch match to 1e-9");

    private static readonly Tolerance SevenDigitMacd = new(1e-6, 1e-6, true,
        "values near zero carry ~1e-6 absolute error in the file (7 significant digits of intermediate values)");

    private static readonly Tolerance WilderWorksheet = new(0.05, 1e-3, true,
        "Wilder's worksheet seeds TR14/±DM14 with a sum of 14 (TA-Lib: 13, then one smoothing step; compared after 100 rows, when that has decayed) and rounds them to 2 dp");

    public static readonly IReadOnlyDictionary<string, ReferenceCase> Cases = new ReferenceCase[]
    {
        new("spy_with_indicators.txt", "SMA14", "sma(14)", "sma", P),
        new("spy_with_indicators.txt", "EMA14", "ema(14)", "ema", P),
        new("spy_with_indicators.txt", "RSI 14 Wilder", "rsi(14)", "rsi", P),
        new("spy_with_indicators.txt", "RSI 14", "rsi(14,ma=sma)", "rsi", SinglePrecisionFile),
        new("spy_ema.csv", "EMA14", "ema(14)", "ema", P),
        new("spx_lwma.csv", "LWMA", "wma(6)", "wma", P, MinCompared: 15),
        new("spy_with_macd.txt", "MACD", "macd(12,26,9)", "macd", SevenDigitMacd),
        new("spy_with_macd.txt", "Signal", "macd(12,26,9)", "signal", SevenDigitMacd),
        new("spy_with_macd.txt", "Histogram", "macd(12,26,9)", "hist", SevenDigitMacd),
        new("spy_bollinger_bands.txt", "Moving Average 20", "bb(20,2)", "middle", P),
        new("spy_bollinger_bands.txt", "Bollinger Bands® 20 2 Top", "bb(20,2)", "upper", P),
        new("spy_bollinger_bands.txt", "Bollinger Bands® 20 2 Bottom", "bb(20,2)", "lower", P),
        new("spy_bollinger_bands.txt", "BandWidth", "bb(20,2)", "bandwidth", FromRoundedBands, Scale: 100),
        new("spy_bollinger_bands.txt", "%B", "bb(20,2)", "percentb", FromRoundedBands),
        new("spy_atr_wilder.txt", "Average True Range 14", "atr(14,first=hl)", "atr", P),
        new("spy_atr.txt", "Average True Range 14", "atr(14,ma=sma,first=hl)", "atr", SinglePrecisionFile),
        new("spy_tr.txt", "TR", "tr", "tr", P),
        new("spy_with_stoch12k3.txt", "Stochastics 12 %K 3", "stoch(12,3,5)", "k", SinglePrecisionFile),
        new("spy_with_stoch12k3.txt", "%D 5", "stoch(12,3,5)", "d", SinglePrecisionFile),
        new("spy_with_adx.txt", "+DI14", "adx(14)", "plusdi", WilderWorksheet, SkipRows: 100),
        new("spy_with_adx.txt", "-DI14", "adx(14)", "minusdi", WilderWorksheet, SkipRows: 100),
        new("spy_with_adx.txt", "ADX 14", "adx(14)", "adx", WilderWorksheet, SkipRows: 100),
        new("spy_with_don50.txt", "Donchian Channels 50 Top", "donchian(50)", "upper", P),
        new("spy_with_don50.txt", "Donchian Channels 50 Bottom", "donchian(50)", "lower", P),
        new("spy_with_don50.txt", "Donchian Channels 50 Mean", "donchian(50)", "middle", P),
    }.ToDictionary(c => $"{c.File}:{c.Column}");

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public void Matches_lean_reference(string name)
    {
        var c = Cases[name];
        var table = ReferenceTable.LoadCsv(SharedData.Require($"{Folder}/{c.File}"));
        ReferenceHarness.Run(table, c);
    }
}
