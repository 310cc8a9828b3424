using Platform3.Core.Domain;

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

    public static IEnumerable<IndicatorDefinition> Build()
    {
        // Moving averages
        yield return Value("sma", "simple moving average", [P("period")], (a, f) => new Sma(a.Int(0), f));
        yield return Value("ema", "exponential moving average, SMA-seeded", [P("period")], (a, f) => new Ema(a.Int(0), f));
        yield return Value("wma", "linearly weighted moving average", [P("period")], (a, f) => new Wma(a.Int(0), f));
        yield return Value("lwma", "linearly weighted moving average (alias of wma)", [P("period")], (a, f) => new Wma(a.Int(0), f));
        // Oscillators
        yield return Value("rsi", "relative strength index (Wilder)", [P("period", 14)],
            (a, f) => new Rsi(a.Int(0), f, simple: a.Option("ma") == "sma"), new IndicatorOption("ma", "wilder", "sma"));
        yield return Value("macd", "moving average convergence/divergence: macd, signal, hist", [P("fast", 12), P("slow", 26, 2), P("signal", 9)],
            (a, f) => new Macd(a.Int(0), a.Int(1), a.Int(2), f));
        yield return Bars("stoch", "slow stochastic: k, d", [P("fastk", 14), P("slowk", 3), P("slowd", 3)],
            a => new Stochastic(a.Int(0), a.Int(1), a.Int(2)));
        yield return Bars("stochf", "fast stochastic: k, d", [P("fastk", 5), P("fastd", 3)], a => Stochastic.Fast(a.Int(0), a.Int(1)));
        // Trend
        yield return Bars("adx", "average directional index: adx, plusdi, minusdi, dx", [P("period", 14, 2)], a => new Adx(a.Int(0)));
        // Volatility
        yield return Bars("tr", "true range", [], a => new TrueRange(a.Option("first") == "hl" ? FirstBarRange.HighLow : FirstBarRange.Skip), FirstBar);
        yield return Bars("atr", "average true range", [P("period", 14)],
            a => new Atr(a.Int(0), a.Option("ma") == "sma" ? AtrSmoothing.Simple : AtrSmoothing.Wilder,
                a.Option("first") == "hl" ? FirstBarRange.HighLow : FirstBarRange.Skip), AtrMa, FirstBar);
        yield return Value("bb", "Bollinger bands: middle, upper, lower, percentb, bandwidth", [P("period", 20), X("k", 2, 0.001, 100)],
            (a, f) => new Bollinger(a.Int(0), a.Number(1), f));
        yield return Bars("donchian", "Donchian channel: upper, lower, middle", [P("period", 20)],
            a => new Donchian(a.Int(0), a.Option("current") == "true"), new IndicatorOption("current", "true", "false"));
    }
}
