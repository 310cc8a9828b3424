using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

public sealed class IndicatorFactoryTests
{
    [Theory]
    [InlineData("rsi(14)", "rsi(14)", 15, new[] { "rsi" })]
    [InlineData(" MACD( 12 , 26 , 9 ) ", "macd(12,26,9)", 34, new[] { "macd", "signal", "hist" })]
    [InlineData("bb(20,2)", "bb(20,2)", 20, new[] { "middle", "upper", "lower", "percentb", "bandwidth" })]
    [InlineData("bb", "bb(20,2)", 20, new[] { "middle", "upper", "lower", "percentb", "bandwidth" })]
    [InlineData("atr(14)", "atr(14)", 15, new[] { "atr" })]
    [InlineData("atr(14,first=hl)", "atr(14,first=hl)", 14, new[] { "atr" })]
    [InlineData("sma(50)", "sma(50)", 50, new[] { "sma" })]
    [InlineData("sma(50,field=mid)", "sma(50,field=mid)", 50, new[] { "sma" })]
    [InlineData("donchian(20)", "donchian(20)", 20, new[] { "upper", "lower", "middle" })]
    [InlineData("donchian(20,current=false)", "donchian(20,current=false)", 21, new[] { "upper", "lower", "middle" })]
    [InlineData("stoch(14,3,3)", "stoch(14,3,3)", 18, new[] { "k", "d" })]
    [InlineData("adx(14)", "adx(14)", 28, new[] { "adx", "plusdi", "minusdi", "dx" })]
    public void Parses_specs_into_indicators_with_ta_lib_warm_up(string spec, string canonical, int warmUp, string[] outputs)
    {
        var indicator = IndicatorFactory.Create(spec);
        Assert.Equal(canonical, indicator.Name);
        Assert.Equal(warmUp, indicator.WarmUpPeriod);
        Assert.Equal(outputs, indicator.OutputNames);
    }

    [Fact]
    public void Unknown_name_lists_the_valid_names()
    {
        var e = Assert.Throws<UsageException>(() => IndicatorFactory.Create("foo(3)"));
        Assert.Contains("Unknown indicator 'foo'", e.Message, StringComparison.Ordinal);
        Assert.Contains("rsi", e.Message, StringComparison.Ordinal);
        Assert.Contains("macd", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rsi(0)", "period must be in [1")]
    [InlineData("rsi(14.5)", "whole number")]
    [InlineData("sma", "needs period")]
    [InlineData("rsi(14", "closing ')'")]
    [InlineData("rsi(x)", "not a number")]
    [InlineData("rsi(14,15)", "at most 1 number")]
    [InlineData("atr(14,field=mid)", "takes no field= option")]
    [InlineData("rsi(14,ma=ema)", "must be one of wilder|sma")]
    [InlineData("rsi(14,foo=1)", "has no option 'foo'")]
    [InlineData("sma(5,field=bogus)", "Unknown price field 'bogus'")]
    [InlineData("macd(26,12,9)", "slow must be greater than fast")]
    public void Bad_specs_get_a_usage_error_that_says_what_is_wrong(string spec, string fragment)
    {
        var e = Assert.Throws<UsageException>(() => IndicatorFactory.Create(spec));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_split_on_top_level_commas_and_reject_duplicates()
    {
        var list = IndicatorFactory.CreateMany("rsi(14),macd(12,26,9), bb(20,2)");
        Assert.Equal(["rsi(14)", "macd(12,26,9)", "bb(20,2)"], list.Select(i => i.Name));
        Assert.Throws<UsageException>(() => IndicatorFactory.CreateMany("rsi(14),rsi( 14 )"));
        Assert.Throws<UsageException>(() => IndicatorFactory.CreateMany("rsi(14"));
    }

    [Fact]
    public void Field_selects_the_price_the_indicator_reads()
    {
        var mid = new Sma(2, PriceField.Mid);
        var ask = new Sma(2, PriceField.Ask);
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (bid, askClose) in new[] { (1.1000, 1.1002), (1.1010, 1.1014) })
        {
            var bar = new Bar(t, bid, bid, bid, bid, askClose, askClose, askClose, askClose);
            mid.Update(bar);
            ask.Update(bar);
        }
        Assert.Equal((1.1001 + 1.1012) / 2, mid.Value, 12);
        Assert.Equal((1.1002 + 1.1014) / 2, ask.Value, 12);
    }
}
