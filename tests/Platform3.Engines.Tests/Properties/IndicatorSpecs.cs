using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.Properties;

/// <summary>Every factory kind with its defaults, plus the variants and non-default fields the docs promise.</summary>
public static class IndicatorSpecs
{
    private static readonly string[] Variants =
    [
        "sma(1)", "ema(1)", "wma(1)", "sma(7,field=typical)", "ema(5,field=mid)", "rsi(2)", "rsi(14,ma=sma)", "macd(3,7,2)",
        "bb(5,1.5)", "tr(first=hl)", "atr(5,first=hl)", "atr(5,ma=sma)", "atr(5,ma=sma,first=hl)", "stoch(5,1,1)",
        "stochf(5,3)", "donchian(5,current=false)", "donchian(1)", "adx(2)",
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
