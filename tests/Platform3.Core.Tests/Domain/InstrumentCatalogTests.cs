using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Core.Tests.Domain;

public class InstrumentCatalogTests
{
    [Fact]
    public void Builtin_has_the_28_major_pairs_named_by_market_convention()
    {
        var symbols = InstrumentCatalog.Builtin.All.Select(i => i.Symbol).ToHashSet();
        Assert.Equal(28, symbols.Count);
        foreach (var s in new[] { "EURUSD", "GBPUSD", "AUDUSD", "NZDUSD", "USDCAD", "USDCHF", "USDJPY", "EURGBP", "EURJPY",
                                  "GBPJPY", "AUDNZD", "NZDCAD", "CADCHF", "CADJPY", "CHFJPY", "EURCHF", "GBPCHF", "AUDJPY" })
            Assert.Contains(s, symbols);
        Assert.DoesNotContain("USDEUR", symbols);
        Assert.DoesNotContain("JPYCHF", symbols);
    }

    [Theory]
    [InlineData("EURUSD", 0.0001, 5)]
    [InlineData("USDJPY", 0.01, 3)]
    [InlineData("EURJPY", 0.01, 3)]
    [InlineData("GBPCHF", 0.0001, 5)]
    public void Pip_size_and_precision_follow_the_quote_currency(string symbol, double pip, int precision)
    {
        var i = InstrumentCatalog.Builtin.Get(symbol);
        Assert.Equal((decimal)pip, i.PipSize);
        Assert.Equal(precision, i.PricePrecision);
        Assert.Equal(100_000m, i.ContractSize);
    }

    [Fact]
    public void Ids_are_dense_indices()
    {
        var all = InstrumentCatalog.Builtin.All;
        for (var k = 0; k < all.Count; k++) Assert.Equal(k, all[k].Id);
        Assert.Same(all[5], InstrumentCatalog.Builtin[5]);
    }

    [Fact]
    public void Unknown_symbol_lists_the_valid_ones()
    {
        var ex = Assert.Throws<UsageException>(() => InstrumentCatalog.Builtin.Get("EURUSX"));
        Assert.Contains("EURUSX", ex.Message);
        Assert.Contains("EURUSD", ex.Message);
    }

    [Fact]
    public void FindPair_finds_either_direction()
    {
        var c = InstrumentCatalog.Builtin;
        Assert.Equal("USDJPY", c.FindPair(Currency.JPY, Currency.USD)!.Symbol);
        Assert.Equal("GBPUSD", c.FindPair(Currency.GBP, Currency.USD)!.Symbol);
        Assert.Null(c.FindPair(Currency.USD, Currency.Of("SEK")));
    }

    [Fact]
    public void Prices_off_the_tick_grid_are_refused_not_adjusted()
    {
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        Assert.Equal(1.12345m, eurusd.Price(1.12345m).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => eurusd.Price(1.123456m));
        Assert.Equal(1.12346m, eurusd.RoundPrice(1.123456m).Value);
        var usdjpy = InstrumentCatalog.Builtin.Get("USDJPY");
        Assert.Throws<ArgumentOutOfRangeException>(() => usdjpy.Price(110.1234m));
    }

    [Fact]
    public void Quantities_must_be_whole_lot_steps_within_limits()
    {
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        Assert.True(eurusd.IsValidQuantity(new Quantity(1000m), out _));
        Assert.False(eurusd.IsValidQuantity(new Quantity(1500m), out var why));
        Assert.Contains("lot step", why);
        Assert.False(eurusd.IsValidQuantity(new Quantity(0m), out _));
        Assert.False(eurusd.IsValidQuantity(new Quantity(101m * 100_000m), out _));
        Assert.Equal(12_000m, eurusd.RoundQuantityLots(0.129m).Units);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quantity(-1m));
    }

    [Fact]
    public void Config_file_adds_instruments()
    {
        var path = Path.Combine(Path.GetTempPath(), $"p3-inst-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "instruments:\n  - { symbol: USDSEK, base: USD, quote: SEK }\n  - { symbol: EURHUF, base: EUR, quote: HUF, pip_size: 0.01, precision: 3 }\n");
        try
        {
            var c = InstrumentCatalog.CreateBuiltin();
            c.LoadFile(path);
            Assert.Equal(30, c.Count);
            Assert.Equal(0.0001m, c.Get("USDSEK").PipSize);
            Assert.Equal(3, c.Get("EURHUF").PricePrecision);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Config_file_errors_name_every_bad_key_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"p3-inst-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "instruments:\n  - symbol: USDSEK\n    base: usd\n    quote: SEK\n  - symbol: EURUSD\n    base: EUR\n    quote: USD\n    pip: 1\n");
        try
        {
            var c = InstrumentCatalog.CreateBuiltin();
            var ex = Assert.Throws<ConfigException>(() => c.LoadFile(path));
            Assert.Equal(3, ex.Problems.Count);
            Assert.Contains(ex.Problems, p => p.StartsWith("line 3:", StringComparison.Ordinal) && p.Contains("base"));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 5:", StringComparison.Ordinal) && p.Contains("already"));
            Assert.Contains(ex.Problems, p => p.StartsWith("line 8:", StringComparison.Ordinal) && p.Contains("unknown key"));
            Assert.Equal(28, c.Count); // nothing half-added
        }
        finally { File.Delete(path); }
    }
}
