using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.Properties;

/// <summary>Every factory kind with its defaults, plus the variants and non-default fields the docs promise.</summary>
public static class IndicatorSpecs
{
    private static readonly string[] Variants =
    [
        "sma(1)", "ema(1)", "wma(1)", "sma(7,field=typical)", "ema(5,field=mid)", "rsi(2)", "rsi(14,ma=sma)", "macd(3,7,2)",
        "bb(5,1.5)", "tr(first=hl)", "atr(5,first=hl)", "atr(5,ma=sma)", "atr(5,ma=sma,first=hl)", "stoch(5,1,1)",
        "stochf(7,2)", "donchian(5,current=false)", "donchian(1)", "adx(2)",
        "cmo(5,ma=sum)", "aroon(5,ties=oldest)", "obv(start=zero)", "keltner(5,1.5,basis=sma)", "apo(3,8,ma=ema)", "ppo(3,8,ma=ema)",
        "sarext(100,0.02,0.02,0.01,0.3,0.03,0.02,0.4)", "sarext(-95,0,0.02,0.01,0.3,0.03,0.02,0.4)", "t3(2,0.5)", "kama(3,2,30)",
        "trima(6)", "trima(7)", "hma(4)", "zlema(2)", "stochrsi(5,5,1,3)", "ichimoku(3,5,8,4)", "supertrend(3,2)", "linreg(2)", "tsf(5)",
        "stddev(5,2,field=high)", "pivots(kind=fibonacci,period=week)", "pivots(kind=camarilla,first=use)", "hv(5,525600)", "ulcer(3)", "chop(2)", "var(1)", "zscore(3)",
    ];

    /// <summary>Default-parameter specs of every kind (e.g. "sma" needs a period: it gets 10) plus the variants.</summary>
    public static IEnumerable<string> All()
    {
        foreach (var d in IndicatorFactory.Available)
        {
            var args = d.Parameters.Select(p => p.Required ? "10" : p.Default.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return $"{d.Name}({string.Join(",", args)})";
        }
        foreach (var v in Variants) yield return v;
    }

    public static TheoryData<string> Data => [.. All()];
}
