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

    private static readonly Tolerance LeanCci = new(2e-3, 1e-5, true,
        "the file differs from TA-Lib's CCI by up to 1.5e-3 (Lean's own tolerance is 1e-2); Skender's full-precision CCI(20) matches to 1e-9");

    private static readonly Tolerance RoundedVolumes = new(100, 1e-5, true,
        "the file's volumes are printed with 7 significant digits, so the running sum differs by ~1e-5 relative");

    private static readonly Tolerance LeanSupertrend = new(0.05, 0, true,
        "Lean's own tolerance: its ATR seeds the first bar with high − low (compared after 30 bars); Skender's SuperTrend matches to 1e-9");

    private static readonly Tolerance WilderWorksheetAdxr = new(0.1, 1e-3, true,
        "an average of two worksheet ADX values, each within 0.05 (Lean's own tolerance for ADXR is 1.0)");

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
        new("spy_with_adx.txt", "ADXR 14", "adxr(14)", "adxr", WilderWorksheetAdxr, SkipRows: 100),
        new("spy_dema.txt", "DEMA_5", "dema(5)", "dema", P),
        new("spy_tema.txt", "TEMA_5", "tema(5)", "tema", P),
        new("spy_trix.txt", "TRIX_5", "trix(5)", "trix", P),
        new("spy_hma.txt", "HMA_16", "hma(16)", "hma", P),
        new("spy_kama.txt", "KAMA_5", "kama(5,2,30)", "kama", P),
        new("spy_t3.txt", "T3_5", "t3(5,0.7)", "t3", P),
        new("spy_trima.txt", "TRIMA_5", "trima(5)", "trima", P),
        new("spy_trima.txt", "TRIMA_6", "trima(6)", "trima", P),
        new("spy_with_zlema.csv", "ZLEMA5", "zlema(5)", "zlema", P),
        new("spy_natr.txt", "NATR_5", "natr(5)", "natr", P),
        new("spy_with_rocp50.txt", "Rate of Change % 50", "roc(50)", "roc", SinglePrecisionFile),
        new("spy_var.txt", "Var", "var(10)", "var", P),
        new("spy_heikin_ashi.txt", "HA_Open", "ha", "open", P),
        new("spy_heikin_ashi.txt", "HA_High", "ha", "high", P),
        new("spy_heikin_ashi.txt", "HA_Low", "ha", "low", P),
        new("spy_heikin_ashi.txt", "HA_Close", "ha", "close", P),
        new("spy_aroon_oscillator.txt", "Aroon Oscillator 14", "aroon(14)", "osc", P),
        new("spy_ppo.txt", "PPO_5_10", "ppo(5,10)", "ppo", P),
        new("spy_apo.txt", "APO_5_10", "apo(5,10)", "apo", P),
        new("spy_cmo.txt", "CMO_5", "cmo(5)", "cmo", P),
        new("spy_ultosc.txt", "ULTOSC_7_14_28", "ultosc(7,14,28)", "ultosc", P),
        new("spy_with_StochRSI.csv", "k", "stochrsi(14,14,3,3)", "k", P),
        new("spy_with_StochRSI.csv", "d", "stochrsi(14,14,3,3)", "d", P),
        new("dwac_supertrend.txt", "Super", "supertrend(10,3)", "supertrend", LeanSupertrend, SkipRows: 30, MinCompared: 20),
        new("spy_mfi.txt", "Money Flow Index 20", "mfi(20)", "mfi", P),
        new("spy_with_cci.txt", "Commodity Channel Index (CCI) 14", "cci(14)", "cci", LeanCci),
        new("spy_with_williamsR14.txt", "Williams %R 14", "willr(14)", "willr", SinglePrecisionFile),
        new("spy_with_obv.txt", "OBV", "obv", "obv", RoundedVolumes),
        new("spy_sarext.txt", "SAR", "sar(0.02,0.2)", "sar", P),
        new("spy_sarext.txt", "SAREXT", "sarext", "signed", P),
        new("spy_sarext.txt", "SAREXT_PARAM1", "sarext(0,0,0.02,0.01,0.3,0.03,0.02,0.4)", "signed", P),
        new("spy_sarext.txt", "SAREXT_PARAM2", "sarext(100,0,0.02,0.01,0.3,0.03,0.02,0.4)", "signed", P),
        new("spy_sarext.txt", "SAREXT_PARAM3", "sarext(-95,0,0.02,0.01,0.3,0.03,0.02,0.4)", "signed", P),
        new("spy_sarext.txt", "SAREXT_PARAM4", "sarext(100,0.02,0.02,0.01,0.3,0.03,0.02,0.4)", "signed", P),
        new("spy_with_ichimoku.csv", "Tenkan", "ichimoku(9,26,52,26)", "tenkan", P),
        new("spy_with_ichimoku.csv", "Kijun", "ichimoku(9,26,52,26)", "kijun", P),
        new("spy_with_ichimoku.csv", "Senkou A", "ichimoku(9,26,52,26)", "senkoua", P),
        new("spy_with_ichimoku.csv", "Senkou B", "ichimoku(9,26,52,26)", "senkoub", P),
        new("spy_with_keltner.csv", "Middle Band", "keltner(20,1.5,basis=sma)", "middle", P),
        new("spy_with_keltner.csv", "Keltner Channels 20 Top", "keltner(20,1.5,basis=sma)", "upper", P),
        new("spy_with_keltner.csv", "Keltner Channels 20 Bottom", "keltner(20,1.5,basis=sma)", "lower", P),
        new("eurusd60_dem.txt", "DeM", "dem(14)", "dem", P),
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
