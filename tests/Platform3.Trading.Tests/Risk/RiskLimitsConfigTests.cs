using Platform3.Core.Calendar;
using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Tests.Shared;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Risk;

public class RiskLimitsConfigTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Builtin;

    [Fact]
    public void Shipped_file_loads_and_equals_the_documented_defaults()
    {
        var path = Path.Combine(SharedData.RepoRoot, "config", "risk-limits.yaml");
        var loaded = RiskLimits.Load(path, Catalog);
        var d = RiskLimits.Default;
        // Records compare dictionaries by reference; compare them by content and the rest by value.
        Assert.Empty(loaded.MaxLotsBySymbol);
        Assert.Empty(loaded.CurrencyOverrides);
        Assert.Equal(d with { MaxLotsBySymbol = loaded.MaxLotsBySymbol, CurrencyOverrides = loaded.CurrencyOverrides }, loaded);
    }

    [Fact]
    public void Every_bad_key_and_value_is_reported_with_its_line()
    {
        const string yaml = """
            sizing:
              method: martingale
              risk_per_trade: 0.5
            limits:
              max_lots:
                XXXYYY: 3
              max_leverage: lots
              max_drawdwn: 0.1
              currency_overrides:
                JPY: { max_gross: -1 }
            sessions:
              allowed: [london, lunch]
            portfolio:
              var_horizon: 3 weeks
            """;
        var ex = Assert.Throws<ConfigException>(() => RiskLimits.Parse(yaml, "risk-limits.yaml", Catalog));
        var all = string.Join("\n", ex.Problems);
        Assert.Contains("line 2: sizing.method: 'martingale' is not one of", all);
        Assert.Contains("line 3: sizing.risk_per_trade: 0.5 must be <= 0.2", all);
        Assert.Contains("line 6: limits.max_lots.XXXYYY: unknown symbol 'XXXYYY'", all);
        Assert.Contains("line 7: limits.max_leverage: expected a number, got 'lots'", all);
        Assert.Contains("line 8: limits.max_drawdwn: unknown key", all);
        Assert.Contains("limits.currency_overrides.JPY.max_gross: -1 must be > 0", all);
        Assert.Contains("line 12: sessions.allowed: 'lunch' is not a session", all);
        Assert.Contains("line 14: portfolio.var_horizon: expected a duration", all);
        Assert.Equal(8, ex.Problems.Count);
        Assert.Contains("risk-limits.yaml", ex.Message);
    }

    [Fact]
    public void Values_are_read_into_the_limits()
    {
        const string yaml = """
            sizing: { method: kelly, kelly_fraction: 0.5, kelly_cap: 0.01, on_size_breach: reject }
            limits:
              max_lots: { gbpjpy: 2.5 }
              currency_overrides: { JPY: { max_net: 0.5 } }
              max_open_positions: 3
            sessions: { allowed: [london, new_york] }
            halt: { daily_loss_resume: manual }
            portfolio: { var_method: both, max_var: 0.01, return_sample: 4h }
            """;
        var l = RiskLimits.Parse(yaml, "x.yaml", Catalog);
        Assert.Equal(SizingMethod.Kelly, l.Sizing);
        Assert.Equal(SizeBreachPolicy.Reject, l.OnSizeBreach);
        Assert.Equal(2.5m, l.MaxLotsFor(Catalog.Get("GBPJPY")));
        Assert.Equal(10m, l.MaxLotsFor(Catalog.Get("EURUSD")));
        Assert.Equal(new CurrencyLimit(3.0, 0.5), l.LimitFor(Currency.JPY));
        Assert.Equal(3, l.MaxOpenPositions);
        Assert.Equal(TradingSession.London | TradingSession.NewYork, l.AllowedSessions);
        Assert.Equal(DailyLossResume.Manual, l.DailyLossResume);
        Assert.Equal(VarMethod.Both, l.VarMethod);
        Assert.Equal(TimeSpan.FromHours(4), l.ReturnSample);
    }

    [Fact]
    public void A_missing_news_calendar_is_a_config_error()
    {
        var ex = Assert.Throws<ConfigException>(() => RiskLimits.Parse("news:\n  calendar: nowhere.csv\n", "r.yaml", Catalog, Path.GetTempPath()));
        Assert.Contains("line 2: news.calendar: file not found", ex.Problems[0]);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("4h", 14400)]
    [InlineData("1d", 86400)]
    [InlineData("0.5h", 1800)]
    [InlineData("0", 0)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(ConfigDurations.TryParse(text, out var t));
        Assert.Equal(seconds, t.TotalSeconds);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    [InlineData("abc")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(ConfigDurations.TryParse(text, out _));
}
