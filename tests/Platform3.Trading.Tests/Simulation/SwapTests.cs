using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

public class SwapTests
{
    private static readonly Instrument Eu = Bars.EURUSD;

    /// <summary>Long 1 lot EURUSD from <paramref name="open"/> to <paramref name="close"/> on flat H1 bars; returns the swap entries.</summary>
    private static IReadOnlyList<LedgerEntry> HoldLong(DateTime open, DateTime close, SwapTable swaps, Instrument? instrument = null, double bid = 1.05, double spread = 0.0001)
    {
        instrument ??= Eu;
        var from = open.AddHours(-2);
        var series = RandomBars.FlatHours(instrument, from, close.AddHours(2), bid, spread);
        var s = new ScriptedStrategy(Timeframe.H1);
        var openIndex = Enumerable.Range(0, series.Count).First(i => series.TimeAt(i) >= open) - 1;
        var closeIndex = Enumerable.Range(0, series.Count).First(i => series.TimeAt(i) >= close) - 1;
        s.At(openIndex, x => x.Send(OrderRequest.Market(instrument, OrderSide.Buy, 100_000)));
        s.At(closeIndex, x => x.Send(OrderRequest.Market(instrument, OrderSide.Sell, 100_000)));
        var data = new MarketDataSet().AddBars(instrument, series);
        var conversion = InstrumentCatalog.Builtin.FindPair(Currency.USD, instrument.Quote);
        if (conversion is not null && conversion != instrument)
            data.AddBars(conversion, RandomBars.FlatHours(conversion, from, close.AddHours(2), bid, spread), traded: false);
        var r = Harness.Run(s, data, Harness.Frictionless() with { Swap = swaps });
        Assert.Null(r.LedgerProblem);
        return r.Ledger.Where(e => e.Kind == LedgerEntryKind.Swap).ToArray();
    }

    private static DateTime NyClose(int day) => new(2017, 1, day, 22, 0, 0, DateTimeKind.Utc); // 17:00 New York in January

    [Fact]
    public void Wednesday_rollover_counts_three_days()
    {
        var swaps = new SwapTable().SetPoints("EURUSD", -7.0m, 2.0m);
        // Tuesday 10 Jan 12:00 UTC → Friday 13 Jan 12:00 UTC: rollovers Tue ×1, Wed ×3, Thu ×1.
        var e = HoldLong(new DateTime(2017, 1, 10, 12, 0, 0, DateTimeKind.Utc), new DateTime(2017, 1, 13, 12, 0, 0, DateTimeKind.Utc), swaps);
        Assert.Equal([-7.00m, -21.00m, -7.00m], e.Select(x => x.Amount));
        Assert.Equal([NyClose(10), NyClose(11), NyClose(12)], e.Select(x => x.Time));
        Assert.Equal("rollover x3", e[1].Note);
        Assert.Equal(Currency.USD, e[0].OriginalCurrency);
    }

    [Fact]
    public void A_position_held_over_the_weekend_pays_once_on_friday_unless_friday_is_the_triple_day()
    {
        var friday = new DateTime(2017, 1, 13, 12, 0, 0, DateTimeKind.Utc);
        var monday = new DateTime(2017, 1, 16, 12, 0, 0, DateTimeKind.Utc);
        var wed = HoldLong(friday, monday, new SwapTable().SetPoints("EURUSD", -7.0m, 2.0m));
        Assert.Equal(-7.00m, Assert.Single(wed).Amount);
        Assert.Equal(NyClose(13), wed[0].Time);

        var fri = HoldLong(friday, monday, new SwapTable(DayOfWeek.Friday).SetPoints("EURUSD", -7.0m, 2.0m));
        Assert.Equal(-21.00m, Assert.Single(fri).Amount);
    }

    [Fact]
    public void A_position_opened_and_closed_within_a_day_pays_nothing()
    {
        var e = HoldLong(new DateTime(2017, 1, 10, 8, 0, 0, DateTimeKind.Utc), new DateTime(2017, 1, 10, 20, 0, 0, DateTimeKind.Utc),
            new SwapTable().SetPoints("EURUSD", -7.0m, 2.0m));
        Assert.Empty(e);
    }

    [Fact]
    public void Rate_differentials_give_the_daily_interest_in_the_quote_currency_converted_to_the_account()
    {
        // USDJPY long 1 lot at mid 115.005: 100,000 × 115.005 × (1.5 − (−0.1) − 0.5)% / 365 JPY, then ÷ 115.005 to USD.
        var swaps = new SwapTable(markupPercent: 0.5m).SetRate(Currency.USD, 1.5m).SetRate(Currency.JPY, -0.1m);
        var e = HoldLong(new DateTime(2017, 1, 10, 12, 0, 0, DateTimeKind.Utc), new DateTime(2017, 1, 11, 12, 0, 0, DateTimeKind.Utc),
            swaps, Bars.USDJPY, bid: 115.000, spread: 0.010);
        var entry = Assert.Single(e);
        var jpy = 100_000m * 115.005m * 1.1m / 100m / 365m;
        Assert.Equal(Currency.JPY, entry.OriginalCurrency);
        Assert.Equal(jpy, entry.OriginalAmount);
        Assert.Equal(Math.Round(jpy / 115.005m, 2, MidpointRounding.ToEven), entry.Amount); // +3.01 USD earned
        Assert.Equal(3.01m, entry.Amount);
        // The short side pays the differential plus the markup.
        Assert.Equal(-100_000m * 115m * 2.1m / 100m / 365m,
            swaps.DailySwapInQuote(Bars.USDJPY, Portfolio.PositionSide.Short, 100_000m, 115m));
    }

    [Fact]
    public void Swap_table_loads_points_and_rates_and_reports_every_bad_key_with_its_line()
    {
        var dir = Directory.CreateTempSubdirectory("p3-swaps");
        try
        {
            var good = Path.Combine(dir.FullName, "swaps.yaml");
            File.WriteAllText(good, """
                triple_day: wednesday
                day_count: 365
                markup: 0.25
                rates: { USD: 1.25, EUR: -0.40 }
                pairs:
                  GBPUSD: { long: -4.5, short: 0.8 }
                  EURGBP: { base_rate: -0.4, quote_rate: 0.25 }
                """);
            var t = SwapTable.Load(good);
            Assert.Equal(-4.5m * 0.00001m * 100_000m, t.DailySwapInQuote(Bars.GBPUSD, Portfolio.PositionSide.Long, 100_000m, 1.2m));
            Assert.Equal(100_000m * 1.1m * (-0.40m - 1.25m - 0.25m) / 100m / 365m, t.DailySwapInQuote(Eu, Portfolio.PositionSide.Long, 100_000m, 1.1m));
            Assert.Equal(100_000m * 0.85m * (0.25m + 0.4m - 0.25m) / 100m / 365m, t.DailySwapInQuote(Bars.EURGBP, Portfolio.PositionSide.Short, 100_000m, 0.85m));
            var noRate = Assert.Throws<Core.Errors.UsageException>(() => t.DailySwapInQuote(Bars.USDJPY, Portfolio.PositionSide.Long, 1m, 110m));
            Assert.Contains("rate for JPY", noRate.Message, StringComparison.Ordinal);

            var bad = Path.Combine(dir.FullName, "bad.yaml");
            File.WriteAllText(bad, """
                triple_day: saturday
                colour: blue
                rates: { US: 1.0 }
                pairs:
                  EURUSD: { long: -1, base_rate: 1 }
                """);
            var ex = Assert.Throws<ConfigException>(() => SwapTable.Load(bad));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 1: triple_day", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 2: colour: unknown key", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 3: rates.US", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 5: pairs.EURUSD", StringComparison.Ordinal));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void The_shipped_swap_table_loads()
    {
        var path = Path.Combine(Platform3.Tests.Shared.SharedData.RepoRoot, "config", "swaps.yaml");
        var t = SwapTable.Load(path);
        Assert.Equal(DayOfWeek.Wednesday, t.TripleDay);
        foreach (var i in InstrumentCatalog.Builtin.All)
            _ = t.DailySwapInQuote(i, Portfolio.PositionSide.Long, 100_000m, 1m); // every builtin pair has a rate
    }
}
