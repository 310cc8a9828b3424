using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Core.Tests.Domain;

public class ValueTypeTests
{
    [Fact]
    public void Currency_accepts_only_three_upper_case_letters()
    {
        Assert.Equal("USD", Currency.Of("USD").Code);
        Assert.False(Currency.TryParse("usd", out _));
        Assert.False(Currency.TryParse("US", out _));
        Assert.False(Currency.TryParse("U5D", out _));
        Assert.Throws<ArgumentException>(() => Currency.Of("EURO"));
    }

    [Fact]
    public void Money_refuses_mixed_currencies_and_is_exact()
    {
        var a = new Money(Currency.USD, 0.1m);
        var b = new Money(Currency.USD, 0.2m);
        Assert.Equal(0.3m, (a + b).Amount);
        Assert.Throws<InvalidOperationException>(() => a + new Money(Currency.EUR, 1m));
        Assert.Equal(new Money(Currency.USD, 110m), new Money(Currency.EUR, 100m).ConvertTo(Currency.USD, 1.1m));
        Assert.Equal(1234m, new Money(Currency.JPY, 1234.5m).RoundToMinorUnit().Amount); // banker's rounding
        Assert.Equal(1.24m, new Money(Currency.USD, 1.235m).RoundToMinorUnit().Amount);
    }

    [Theory]
    [InlineData("m1", "M1", 1)]
    [InlineData("H4", "H4", 240)]
    [InlineData("d1", "D1", 1440)]
    public void Timeframe_parses_case_insensitively(string text, string name, int minutes)
    {
        var tf = Timeframe.Parse(text);
        Assert.Equal(name, tf.Name);
        Assert.Equal(TimeSpan.FromMinutes(minutes), tf.Duration);
    }

    [Fact]
    public void Unknown_timeframe_lists_the_valid_ones()
    {
        var ex = Assert.Throws<UsageException>(() => Timeframe.Parse("H2"));
        Assert.Contains("M1, M5, M15, M30, H1, H4, D1, W1", ex.Message);
        Assert.Equal(Timeframe.M1, default);
    }

    [Fact]
    public void Timeframes_order_and_divide()
    {
        Assert.True(Timeframe.Tick < Timeframe.M1);
        Assert.True(Timeframe.M5 < Timeframe.H1);
        Assert.True(Timeframe.H1.IsMultipleOf(Timeframe.M5));
        Assert.False(Timeframe.M5.IsMultipleOf(Timeframe.H1));
        Assert.Equal(9, Timeframe.All.Count);
    }

    [Fact]
    public void Bar_mid_uses_ask_then_spread_then_bid()
    {
        var t = new DateTime(2024, 1, 2, 10, 0, 0, DateTimeKind.Utc);
        var withAsk = new Bar(t, 1.1, 1.2, 1.0, 1.1000, 1.1002, 1.2002, 1.0002, 1.1002);
        Assert.Equal(1.1001, withAsk.MidClose, 12);
        Assert.Equal(0.0002, withAsk.CloseSpread, 12);
        var withSpread = new Bar(t, 1.1, 1.2, 1.0, 1.1000) { Spread = 0.0004 };
        Assert.Equal(1.1002, withSpread.MidClose, 12);
        var bidOnly = new Bar(t, 1.1, 1.2, 1.0, 1.1000);
        Assert.False(bidOnly.HasAsk);
        Assert.Equal(1.1, bidOnly.MidClose);
        Assert.True(double.IsNaN(bidOnly.CloseSpread));
    }

    [Fact]
    public void BarSeries_rejects_unsorted_times_and_slices_by_time()
    {
        var b = new BarSeriesBuilder("EURUSD", Timeframe.M1);
        var t0 = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 10; i++) b.Add(new Bar(t0.AddMinutes(i), 1, 1, 1, 1 + i));
        Assert.Throws<InvalidOperationException>(() => b.Add(new Bar(t0.AddMinutes(3), 1, 1, 1, 1)));
        var s = b.Build();
        Assert.Equal(10, s.Count);
        Assert.False(s.HasAsk);
        var cut = s.Slice(t0.AddMinutes(2), t0.AddMinutes(5));
        Assert.Equal(3, cut.Count);
        Assert.Equal(3.0, cut.Close[0]);
        Assert.Throws<ArgumentException>(() => new BarSeries("X", Timeframe.M1, [2, 1], [1, 1], [1, 1], [1, 1], [1, 1], [0, 0]));
    }
}
