namespace Platform3.Engines.Tests.Reference;

/// <summary>
/// Skender's full-precision baselines on 502 daily SPY bars. Where Skender uses TA-Lib's formula and seeding the
/// tolerance is 1e-9 relative; where its seeding differs, early rows are skipped until the difference has decayed.
/// </summary>
public sealed class SkenderReferenceTests
{
    private static readonly Tolerance X = Tolerance.Exact;

    public static readonly IReadOnlyDictionary<string, ReferenceCase> Cases = new ReferenceCase[]
    {
        new("sma.standard.json", "sma", "sma(20)", "sma", X),
        new("ema.standard.json", "ema", "ema(20)", "ema", X),
        new("wma.standard.json", "wma", "wma(14)", "wma", X),
        new("rsi.standard.json", "rsi", "rsi(14)", "rsi", X),
        // Skender seeds the fast EMA on its own 12th bar, TA-Lib on the slow EMA's first bar; (1−2/13)^k decays
        // below 1e-9 relative of the MACD after ~200 bars.
        new("macd.standard.json", "macd", "macd(12,26,9)", "macd", X, SkipRows: 200),
        new("macd.standard.json", "signal", "macd(12,26,9)", "signal", X, SkipRows: 200),
        new("macd.standard.json", "histogram", "macd(12,26,9)", "hist", X, SkipRows: 200),
        new("bb.standard.json", "sma", "bb(20,2)", "middle", X),
        new("bb.standard.json", "upperBand", "bb(20,2)", "upper", X),
        new("bb.standard.json", "lowerBand", "bb(20,2)", "lower", X),
        new("bb.standard.json", "percentB", "bb(20,2)", "percentb", X),
        new("bb.standard.json", "width", "bb(20,2)", "bandwidth", X),
        new("atr.standard.json", "atr", "atr(14)", "atr", X),
        new("tr.standard.json", "tr", "tr", "tr", X),
        // Skender seeds the smoothed DM/TR with a sum of 14 changes, TA-Lib with 13 then one smoothing step;
        // the gap shrinks by 13/14 a bar and is below 1e-9 relative after ~330 bars.
        new("adx.standard.json", "pdi", "adx(14)", "plusdi", X, SkipRows: 330),
        new("adx.standard.json", "mdi", "adx(14)", "minusdi", X, SkipRows: 330),
        new("adx.standard.json", "dx", "adx(14)", "dx", X, SkipRows: 330),
        new("adx.standard.json", "adx", "adx(14)", "adx", X, SkipRows: 380),
        new("stoch.standard.json", "k", "stoch(14,3,3)", "k", X),
        new("stoch.standard.json", "d", "stoch(14,3,3)", "d", X),
        new("donchian.standard.json", "upperBand", "donchian(20,current=false)", "upper", X),
        new("donchian.standard.json", "lowerBand", "donchian(20,current=false)", "lower", X),
        new("donchian.standard.json", "centerline", "donchian(20,current=false)", "middle", X),
        new("smma.standard.json", "smma", "smma(20)", "smma", X),
        // Skender seeds the second (and third) EMA from the first EMA's first value, TA-Lib with the SMA of its
        // first period values; compared once that has decayed.
        new("dema.standard.json", "dema", "dema(14)", "dema", X, SkipRows: 300),
        new("tema.standard.json", "tema", "tema(20)", "tema", X, SkipRows: 400),
        new("hma.standard.json", "hma", "hma(14)", "hma", X),
        new("kama.standard.json", "kama", "kama(10,2,30)", "kama", X),
        new("kama.standard.json", "er", "kama(10,2,30)", "er", X),
        new("cci.standard.json", "cci", "cci(20)", "cci", X),
        new("willr.standard.json", "williamsR", "willr(14)", "willr", X),
        new("obv.standard.json", "obv", "obv(start=zero)", "obv", X),
        // Skender starts from a different first direction, and on a reversal does not clamp the new SAR into the
        // reversal bar's range as TA-Lib does (row 250, 2017-12-29: Skender 257.04 = the extreme point, TA-Lib
        // 256.81 = that bar's low). Every other row from 60 on agrees; Lean's 5,849-row TA-Lib SAR file matches in full.
        new("psar.standard.json", "sar", "sar(0.02,0.2)", "sar", X, SkipRows: 251),
        new("ichimoku.standard.json", "tenkanSen", "ichimoku(9,26,52,26)", "tenkan", X),
        new("ichimoku.standard.json", "kijunSen", "ichimoku(9,26,52,26)", "kijun", X),
        new("ichimoku.standard.json", "senkouSpanA", "ichimoku(9,26,52,26)", "senkoua", X),
        new("ichimoku.standard.json", "senkouSpanB", "ichimoku(9,26,52,26)", "senkoub", X),
        new("keltner.standard.json", "upperBand", "keltner(20,2,10)", "upper", X),
        new("keltner.standard.json", "centerline", "keltner(20,2,10)", "middle", X),
        new("keltner.standard.json", "lowerBand", "keltner(20,2,10)", "lower", X),
        new("keltner.standard.json", "width", "keltner(20,2,10)", "width", X),
        new("supertrend.standard.json", "superTrend", "supertrend(10,3)", "supertrend", X),
        new("supertrend.standard.json", "upperBand", "supertrend(10,3)", "upper", X),
        new("supertrend.standard.json", "lowerBand", "supertrend(10,3)", "lower", X),
        new("heikinashi.standard.json", "open", "ha", "open", X),
        new("heikinashi.standard.json", "high", "ha", "high", X),
        new("heikinashi.standard.json", "low", "ha", "low", X),
        new("heikinashi.standard.json", "close", "ha", "close", X),
        new("stdev.standard.json", "stdDev", "stddev(14,1)", "stddev", X),
        new("stdev.standard.json", "zScore", "zscore(14)", "zscore", X),
        new("roc.standard.json", "momentum", "mom(14)", "mom", X),
        new("roc.standard.json", "roc", "roc(14)", "roc", X),
        new("trix.standard.json", "trix", "trix(14)", "trix", X, SkipRows: 300),
        new("aroon.standard.json", "aroonUp", "aroon(25,ties=oldest)", "up", X),
        new("aroon.standard.json", "aroonDown", "aroon(25,ties=oldest)", "down", X),
        new("aroon.standard.json", "oscillator", "aroon(25,ties=oldest)", "osc", X),
        new("cmo.standard.json", "cmo", "cmo(14,ma=sum)", "cmo", X),
        new("uo.standard.json", "ultimate", "ultosc(7,14,28)", "ultosc", X),
        new("mfi.standard.json", "mfi", "mfi(14)", "mfi", X),
        new("stoch-rsi.standard.json", "stochRsi", "stochrsi(14,14,1,3)", "k", X),
        new("stoch-rsi.standard.json", "signal", "stochrsi(14,14,1,3)", "d", X),
        // Monthly floor pivots; Skender uses January 2017 although the data starts on its first trading day.
        new("pivot-points.standard.json", "pp", "pivots(kind=classic,period=month,first=use)", "pp", X),
        new("pivot-points.standard.json", "r1", "pivots(kind=classic,period=month,first=use)", "r1", X),
        new("pivot-points.standard.json", "r2", "pivots(kind=classic,period=month,first=use)", "r2", X),
        new("pivot-points.standard.json", "r3", "pivots(kind=classic,period=month,first=use)", "r3", X),
        new("pivot-points.standard.json", "s1", "pivots(kind=classic,period=month,first=use)", "s1", X),
        new("pivot-points.standard.json", "s2", "pivots(kind=classic,period=month,first=use)", "s2", X),
        new("pivot-points.standard.json", "s3", "pivots(kind=classic,period=month,first=use)", "s3", X),
    }.ToDictionary(c => $"{c.File}:{c.Column}");

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public void Matches_skender_baseline(string name)
    {
        var c = Cases[name];
        ReferenceHarness.Run(SkenderReference.Load(c.File), c);
    }
}
