using Platform3.Core.Domain;
using Platform3.Engines.SignalProcessing;
using Platform3.Engines.TechnicalAnalysis.Candlesticks;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>The table of indicator kinds the factory knows: one line per kind, with parameters and defaults.</summary>
internal static class IndicatorCatalog
{
    private static IndicatorParameter P(string name, double @default = double.NaN, double min = 1, double max = 100_000) =>
        new(name, @default, Integer: true, min, max);

    private static IndicatorParameter X(string name, double @default, double min, double max) =>
        new(name, @default, Integer: false, min, max);

    private static IndicatorDefinition Value(string name, string summary, IndicatorParameter[] ps, Func<IndicatorArguments, PriceField, Indicator> create,
        params IndicatorOption[] options) =>
        new(name, summary, ps, options, takesField: true, a => create(a, a.Field));

    private static IndicatorDefinition Bars(string name, string summary, IndicatorParameter[] ps, Func<IndicatorArguments, Indicator> create,
        params IndicatorOption[] options) =>
        new(name, summary, ps, options, takesField: false, create);

    private static readonly IndicatorOption AtrMa = new("ma", "wilder", "sma");
    private static readonly IndicatorOption FirstBar = new("first", "skip", "hl");

    private static readonly IndicatorOption MaKindOption = new("ma", "sma", "ema");

    public static IEnumerable<IndicatorDefinition> Build()
    {
        // Moving averages
        yield return Value("sma", "simple moving average", [P("period")], (a, f) => new Sma(a.Int(0), f));
        yield return Value("ema", "exponential moving average, SMA-seeded", [P("period")], (a, f) => new Ema(a.Int(0), f));
        yield return Value("wma", "linearly weighted moving average", [P("period")], (a, f) => new Wma(a.Int(0), f));
        yield return Value("lwma", "linearly weighted moving average (alias of wma)", [P("period")], (a, f) => new Wma(a.Int(0), f));
        yield return Value("smma", "Wilder's smoothed moving average (RMA)", [P("period")], (a, f) => new Smma(a.Int(0), f));
        yield return Value("dema", "double EMA", [P("period")], (a, f) => new Dema(a.Int(0), f));
        yield return Value("tema", "triple EMA", [P("period")], (a, f) => new Tema(a.Int(0), f));
        yield return Value("trima", "triangular moving average", [P("period")], (a, f) => new Trima(a.Int(0), f));
        yield return Value("t3", "Tillson T3", [P("period", 5), X("vfactor", 0.7, 0, 1)], (a, f) => new T3(a.Int(0), a.Number(1), f));
        yield return Value("hma", "Hull moving average", [P("period", double.NaN, 2)], (a, f) => new Hma(a.Int(0), f));
        yield return Value("zlema", "zero-lag EMA", [P("period")], (a, f) => new Zlema(a.Int(0), f));
        yield return Value("kama", "Kaufman adaptive moving average: kama, er", [P("period", 10), P("fast", 2), P("slow", 30)],
            (a, f) => new Kama(a.Int(0), a.Int(1), a.Int(2), f));
        // Oscillators
        yield return Value("rsi", "relative strength index (Wilder)", [P("period", 14)],
            (a, f) => new Rsi(a.Int(0), f, simple: a.Option("ma") == "sma"), new IndicatorOption("ma", "wilder", "sma"));
        yield return Value("stochrsi", "stochastic RSI: k, d", [P("rsi", 14), P("stoch", 14), P("k", 3), P("d", 3)],
            (a, f) => new StochRsi(a.Int(0), a.Int(1), a.Int(2), a.Int(3), f));
        yield return Value("macd", "moving average convergence/divergence: macd, signal, hist", [P("fast", 12), P("slow", 26, 2), P("signal", 9)],
            (a, f) => new Macd(a.Int(0), a.Int(1), a.Int(2), f));
        yield return Value("apo", "absolute price oscillator", [P("fast", 12), P("slow", 26)],
            (a, f) => new PriceOscillator(false, a.Int(0), a.Int(1), a.Option("ma") == "ema" ? MaKind.Ema : MaKind.Sma, f), MaKindOption);
        yield return Value("ppo", "percentage price oscillator", [P("fast", 12), P("slow", 26)],
            (a, f) => new PriceOscillator(true, a.Int(0), a.Int(1), a.Option("ma") == "ema" ? MaKind.Ema : MaKind.Sma, f), MaKindOption);
        yield return Value("mom", "momentum x − x[n]", [P("period", 10)], (a, f) => new RateOfChange(ChangeKind.Momentum, a.Int(0), f));
        yield return Value("roc", "rate of change, percent", [P("period", 10)], (a, f) => new RateOfChange(ChangeKind.Roc, a.Int(0), f));
        yield return Value("rocp", "rate of change, fraction", [P("period", 10)], (a, f) => new RateOfChange(ChangeKind.Rocp, a.Int(0), f));
        yield return Value("rocr", "rate of change, ratio", [P("period", 10)], (a, f) => new RateOfChange(ChangeKind.Rocr, a.Int(0), f));
        yield return Value("cmo", "Chande momentum oscillator", [P("period", 14)], (a, f) => new Cmo(a.Int(0), f, a.Option("ma") == "sum"),
            new IndicatorOption("ma", "wilder", "sum"));
        yield return Value("trix", "TRIX: 1-bar % change of a triple EMA: trix, ema3", [P("period", 30)], (a, f) => new Trix(a.Int(0), f));
        yield return Bars("stoch", "slow stochastic: k, d", [P("fastk", 14), P("slowk", 3), P("slowd", 3)],
            a => new Stochastic(a.Int(0), a.Int(1), a.Int(2)));
        yield return Bars("stochf", "fast stochastic: k, d", [P("fastk", 5), P("fastd", 3)], a => Stochastic.Fast(a.Int(0), a.Int(1)));
        yield return Bars("cci", "commodity channel index", [P("period", 14, 2)], a => new Cci(a.Int(0)));
        yield return Bars("willr", "Williams %R", [P("period", 14, 2)], a => new WilliamsR(a.Int(0)));
        yield return Bars("ultosc", "ultimate oscillator", [P("period1", 7), P("period2", 14), P("period3", 28)],
            a => new UltimateOscillator(a.Int(0), a.Int(1), a.Int(2)));
        yield return Bars("mfi", "money flow index (tick volume)", [P("period", 14)], a => new Mfi(a.Int(0)));
        yield return Bars("obv", "on-balance volume (tick volume)", [], a => new Obv(a.Option("start") == "zero"), new IndicatorOption("start", "volume", "zero"));
        yield return Bars("dem", "DeMarker", [P("period", 14)], a => new DeMarker(a.Int(0)));
        // Trend
        yield return Bars("adx", "average directional index: adx, plusdi, minusdi, dx", [P("period", 14, 2)], a => new Adx(a.Int(0)));
        yield return Bars("adxr", "ADX rating", [P("period", 14, 2)], a => new Adxr(a.Int(0)));
        yield return Bars("aroon", "Aroon: up, down, osc", [P("period", 14, 2)], a => new Aroon(a.Int(0), a.Option("ties") == "oldest"),
            new IndicatorOption("ties", "newest", "oldest"));
        yield return Bars("sar", "parabolic SAR: sar, trend", [X("acceleration", 0.02, 0, 10), X("maximum", 0.2, 0, 10)],
            a => new ParabolicSar(a.Number(0), a.Number(1)));
        yield return Bars("sarext", "parabolic SAR extended (TA-Lib SAREXT): sar, trend",
            [X("start", 0, -1e12, 1e12), X("offset", 0, 0, 1), X("afinitlong", 0.02, 0, 10), X("aflong", 0.02, 0, 10), X("afmaxlong", 0.2, 0, 10),
             X("afinitshort", 0.02, 0, 10), X("afshort", 0.02, 0, 10), X("afmaxshort", 0.2, 0, 10)],
            a => ParabolicSar.Extended(a.Number(0), a.Number(1), a.Number(2), a.Number(3), a.Number(4), a.Number(5), a.Number(6), a.Number(7)));
        yield return Bars("ichimoku", "Ichimoku: tenkan, kijun, senkoua, senkoub (plotted now), leada, leadb (computed now), chikoudiff (close now − close displacement bars ago)",
            [P("tenkan", 9), P("kijun", 26), P("senkoub", 52), P("displacement", 26)], a => new Ichimoku(a.Int(0), a.Int(1), a.Int(2), a.Int(3)));
        yield return Bars("supertrend", "SuperTrend: supertrend, upper, lower, trend", [P("period", 10), X("multiplier", 3, 0.001, 100)],
            a => new Supertrend(a.Int(0), a.Number(1)));
        yield return Bars("vortex", "vortex indicator: plus, minus", [P("period", 14)], a => new Vortex(a.Int(0)));
        // Volatility
        yield return Bars("tr", "true range", [], a => new TrueRange(a.Option("first") == "hl" ? FirstBarRange.HighLow : FirstBarRange.Skip), FirstBar);
        yield return Bars("atr", "average true range", [P("period", 14)],
            a => new Atr(a.Int(0), a.Option("ma") == "sma" ? AtrSmoothing.Simple : AtrSmoothing.Wilder,
                a.Option("first") == "hl" ? FirstBarRange.HighLow : FirstBarRange.Skip), AtrMa, FirstBar);
        yield return Bars("natr", "normalised ATR, percent of close", [P("period", 14)], a => new Natr(a.Int(0)));
        yield return Value("bb", "Bollinger bands: middle, upper, lower, percentb, bandwidth", [P("period", 20), X("k", 2, 0.001, 100)],
            (a, f) => new Bollinger(a.Int(0), a.Number(1), f));
        yield return Bars("keltner", "Keltner channel: middle, upper, lower, width", [P("period", 20), X("k", 2, 0.001, 100), P("atr", 10)],
            a => new Keltner(a.Int(0), a.Number(1), a.Int(2), a.Option("basis") == "sma" ? MaKind.Sma : MaKind.Ema), new IndicatorOption("basis", "ema", "sma"));
        yield return Bars("donchian", "Donchian channel: upper, lower, middle", [P("period", 20)],
            a => new Donchian(a.Int(0), a.Option("current") == "true"), new IndicatorOption("current", "true", "false"));
        yield return Value("stddev", "population standard deviation × deviations", [P("period", 5), X("deviations", 1, 1e-9, 1e9)],
            (a, f) => new StdDev(a.Int(0), a.Number(1), f));
        yield return Value("var", "population variance", [P("period", 5)], (a, f) => new StdDev(a.Int(0), 1, f, variance: true));
        yield return Value("hv", "historical volatility of log returns, annualised (fraction)", [P("period", 20, 2), X("periodsperyear", 252, 1e-9, 1e9)],
            (a, f) => new HistoricalVolatility(a.Int(0), a.Number(1), f));
        yield return Value("ulcer", "ulcer index", [P("period", 14)], (a, f) => new UlcerIndex(a.Int(0), f));
        yield return Bars("chop", "choppiness index", [P("period", 14, 2)], a => new Choppiness(a.Int(0)));
        // Regression and transforms
        yield return Value("linreg", "linear regression: value, slope, angle, intercept, forecast", [P("period", 14, 2)],
            (a, f) => new LinearRegression(a.Int(0), f));
        yield return Value("tsf", "time-series forecast (regression line one bar ahead)", [P("period", 14, 2)],
            (a, f) => new LinearRegression(a.Int(0), f, forecastOnly: true));
        yield return Value("zscore", "rolling z-score", [P("period", 20)], (a, f) => new ZScore(a.Int(0), f));
        yield return Bars("ha", "Heikin-Ashi candles: open, high, low, close", [], _ => new HeikinAshi());
        // Causal filters and adaptive averages (signal processing)
        yield return Value("kalman", "Kalman local-trend filter: level, trend", [X("q", 0.01, 1e-12, 1e6), X("trendratio", 0.01, 1e-12, 1e6)],
            (a, f) => new KalmanTrend(a.Number(0), a.Number(1), f));
        yield return Value("supersmoother", "Ehlers super smoother", [P("period", 10, 2)], (a, f) => new SuperSmoother(a.Int(0), f));
        yield return Bars("frama", "fractal adaptive moving average", [P("period", 16, 2)], a => new Frama(a.Int(0)));
        yield return Value("vidya", "variable index dynamic average", [P("period", 14), P("cmo", 9)], (a, f) => new Vidya(a.Int(0), a.Int(1), f));
        yield return new IndicatorDefinition("pivots", "pivot points from the previous NY-close day/week/month: pp, r1.., s1..",
            [], [new IndicatorOption("kind", "classic", "fibonacci", "camarilla"), new IndicatorOption("period", "day", "week", "month"),
                new IndicatorOption("first", "skip", "use")], takesField: false,
            a => new PivotPoints(Enum.Parse<PivotKind>(a.Option("kind"), true), Enum.Parse<PivotPeriod>(a.Option("period"), true), a.Option("first") == "use"));
        // Candlestick patterns (TA-Lib): signal = +100 / −100 / 0 on the completing bar
        yield return Bars("cdldoji", "doji", [], _ => new Doji());
        yield return Bars("cdldragonflydoji", "dragonfly doji", [], _ => new DragonflyDoji());
        yield return Bars("cdlgravestonedoji", "gravestone doji", [], _ => new GravestoneDoji());
        yield return Bars("cdllongleggeddoji", "long-legged doji", [], _ => new LongLeggedDoji());
        yield return Bars("cdlhammer", "hammer", [], _ => new Hammer());
        yield return Bars("cdlhangingman", "hanging man", [], _ => new HangingMan());
        yield return Bars("cdlinvertedhammer", "inverted hammer", [], _ => new InvertedHammer());
        yield return Bars("cdlshootingstar", "shooting star", [], _ => new ShootingStar());
        yield return Bars("cdlengulfing", "engulfing", [], _ => new Engulfing());
        yield return Bars("cdlharami", "harami", [], _ => new Harami());
        yield return Bars("cdlpiercing", "piercing line", [], _ => new Piercing());
        yield return Bars("cdldarkcloudcover", "dark cloud cover", [X("penetration", 0.5, 0, 1)], a => new DarkCloudCover(a.Number(0)));
        yield return Bars("cdlmorningstar", "morning star", [X("penetration", 0.3, 0, 1)], a => new Star(true, a.Number(0)));
        yield return Bars("cdleveningstar", "evening star", [X("penetration", 0.3, 0, 1)], a => new Star(false, a.Number(0)));
        yield return Bars("cdl3whitesoldiers", "three white soldiers", [], _ => new ThreeWhiteSoldiers());
        yield return Bars("cdl3blackcrows", "three black crows", [], _ => new ThreeBlackCrows());
        yield return Bars("cdlmarubozu", "marubozu", [], _ => new Marubozu());
        yield return Bars("cdlspinningtop", "spinning top", [], _ => new SpinningTop());
    }
}
