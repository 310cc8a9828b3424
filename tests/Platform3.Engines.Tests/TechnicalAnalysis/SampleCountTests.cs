using System.Reflection;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.TechnicalAnalysis;

/// <summary>
/// A tick-fed indicator in a long-running live process passes 2^31 updates (about 68 years of one update per
/// second, but months of busy tick streams). The count must not wrap to a negative number and drop the indicator
/// back into warm-up: past 2^31 it keeps giving the same values as a twin that never saw the jump.
/// </summary>
public sealed class SampleCountTests
{
    private static readonly PropertyInfo SamplesProperty = typeof(Indicator).GetProperty(nameof(Indicator.Samples))!;

    public static TheoryData<string> Specs => new() { "sma(20)", "ema(20)", "wma(20)", "rsi(14)", "macd(12,26,9)", "bb(20,2)", "stddev(20)", "atr(14)", "stoch", "ichimoku", "cdlengulfing" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Values_past_two_to_the_31_samples_equal_a_twin_that_counted_normally(string spec)
    {
        var jumped = IndicatorFactory.Create(spec);
        var twin = IndicatorFactory.Create(spec);
        var rng = new Random(31);
        var price = 1.1;
        for (var i = 0; i < 200; i++)
        {
            price += (rng.NextDouble() - 0.5) * 1e-3;
            Feed(jumped, price);
            Feed(twin, price);
        }
        SamplesProperty.SetValue(jumped, (long)int.MaxValue - 3);
        for (var i = 0; i < 10; i++)
        {
            price += (rng.NextDouble() - 0.5) * 1e-3;
            Feed(jumped, price);
            Feed(twin, price);
            Assert.True(jumped.IsReady, $"{spec} fell back into warm-up at sample {jumped.Samples}");
            for (var k = 0; k < twin.OutputCount; k++) Assert.Equal(twin[k], jumped[k]);
        }
        Assert.Equal((long)int.MaxValue + 7, jumped.Samples);
    }

    private static void Feed(Indicator indicator, double price) =>
        indicator.Update(new Platform3.Core.Domain.Bar(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), price, price + 1e-4, price - 1e-4, price, 1));
}
