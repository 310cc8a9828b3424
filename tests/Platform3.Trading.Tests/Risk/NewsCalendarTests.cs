using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Risk;

public class NewsCalendarTests
{
    private static readonly Instrument EurUsd = InstrumentCatalog.Builtin.Get("EURUSD");
    private static readonly Instrument EurGbp = InstrumentCatalog.Builtin.Get("EURGBP");

    private static NewsCalendar Calendar() => NewsCalendar.Parse(
    [
        "# scheduled releases",
        "time_utc,currency,impact,title",
        "2017-02-03T13:30:00Z,USD,high,Non-farm payrolls, January",
        "2017-02-03 15:00,USD,medium,ISM non-manufacturing",
        "2017-02-02T12:00:00Z,GBP,high,BoE rate decision",
    ], "news.csv");

    [Fact]
    public void Blackout_covers_before_and_after_the_event_in_both_currencies_of_the_pair()
    {
        var c = Calendar();
        var nfp = new DateTime(2017, 2, 3, 13, 30, 0, DateTimeKind.Utc);
        var before = TimeSpan.FromMinutes(15);
        var after = TimeSpan.FromMinutes(30);
        Assert.Equal("Non-farm payrolls, January", c.Blackout(EurUsd, nfp.AddMinutes(-15).Ticks, before, after, NewsImpact.High)?.Title);
        Assert.Null(c.Blackout(EurUsd, nfp.AddMinutes(-15).AddTicks(-1).Ticks, before, after, NewsImpact.High));
        Assert.NotNull(c.Blackout(EurUsd, nfp.AddMinutes(30).Ticks, before, after, NewsImpact.High));
        Assert.Null(c.Blackout(EurUsd, nfp.AddMinutes(30).AddTicks(1).Ticks, before, after, NewsImpact.High));
        Assert.Null(c.Blackout(EurGbp, nfp.Ticks, before, after, NewsImpact.High)); // neither EUR nor GBP
        Assert.NotNull(c.Blackout(EurGbp, new DateTime(2017, 2, 2, 12, 5, 0, DateTimeKind.Utc).Ticks, before, after, NewsImpact.High));
    }

    [Fact]
    public void Lower_impact_events_count_only_when_asked()
    {
        var c = Calendar();
        var ism = new DateTime(2017, 2, 3, 15, 0, 0, DateTimeKind.Utc).Ticks;
        Assert.Null(c.Blackout(EurUsd, ism, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), NewsImpact.High));
        Assert.Equal("ISM non-manufacturing", c.Blackout(EurUsd, ism, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), NewsImpact.Medium)?.Title);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_file_line_and_field()
    {
        var ex = Assert.Throws<DataException>(() => NewsCalendar.Parse(
        [
            "time_utc,currency,impact,title",
            "2017-02-03T13:30:00Z,USD,high,ok",
            "03/02/2017 13:30,USD,high,bad time",
            "2017-02-03T13:30:00Z,usd,severe,bad currency and impact",
            "2017-02-03T13:30:00Z,USD",
        ], "news.csv"));
        Assert.Contains("news.csv:3: time_utc: expected a UTC time", ex.Message);
        Assert.Contains("news.csv:4: currency: expected a currency code", ex.Message);
        Assert.Contains("news.csv:4: impact: expected low, medium or high, got 'severe'", ex.Message);
        Assert.Contains("news.csv:5: row: expected 4 fields", ex.Message);
    }

    [Fact]
    public void A_file_without_the_header_is_refused()
    {
        var ex = Assert.Throws<DataFormatException>(() => NewsCalendar.Parse(["2017-02-03T13:30:00Z,USD,high,x"], "n.csv"));
        Assert.Equal(1, ex.Line);
        Assert.Equal("header", ex.Field);
    }
}
