using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Audit;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Risk;

public class RiskEvaluatorTests
{
    // Wednesday 8 March 2017, 14:00 UTC: London and New York are both open.
    private static readonly DateTime T = Utc(2017, 3, 8, 14);

    private sealed class Setup
    {
        public required RiskEvaluator Risk { get; init; }
        public required PortfolioSnapshot Book { get; init; }
        public required MarketPrices Prices { get; init; }
        public required KillSwitch Kill { get; init; }
    }

    private static Setup Make(RiskLimits? limits = null, NewsCalendar? news = null, double equity = 100_000)
    {
        limits ??= RiskLimits.Default;
        var history = new ReturnHistory(Catalog.Count, limits.ReturnSample, limits.ReturnWindow);
        var model = new PortfolioRiskModel(history, limits.VarMethod, limits.VarConfidence, limits.VarHorizon, limits.MinObservations);
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), new InMemoryAuditLog());
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetEquity(equity, equity, equity);
        return new Setup
        {
            Risk = new RiskEvaluator(limits, Currencies, FxCalendar.Default, news ?? NewsCalendar.Empty, model, kill),
            Book = book,
            Prices = Prices(Currency.USD, T),
            Kill = kill,
        };
    }

    private static OrderIntent Buy(string symbol, double stopPips = 50, decimal? units = null, double confidence = 0.3)
    {
        var i = I(symbol);
        var entry = UsdValue[i.Base.Code] / UsdValue[i.Quote.Code] + i.PipSizeD / 2;
        return new OrderIntent(i, 1, entry, entry - stopPips * i.PipSizeD, entry + 2 * stopPips * i.PipSizeD, confidence, 20 * i.PipSizeD, units);
    }

    [Fact]
    public void Fixed_fractional_sizing_rounds_down_to_the_lot_step()
    {
        var s = Make();
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        // 0.5% of 100k = 500 USD over 50 pips (0.0050) = 100,000 units = 1.00 lot.
        Assert.True(a.Approved, a.ToString());
        Assert.Equal(100_000m, a.ApprovedUnits);
        Assert.Equal("fixed_fractional", a.SizingMethod);
        Assert.Empty(a.Notes);
        var b = s.Risk.Evaluate(Buy("EURUSD", stopPips: 33), s.Book, s.Prices, T);
        Assert.Equal(151_000m, b.ApprovedUnits); // 500 / 0.0033 = 151,515 → 1.51 lots
    }

    [Fact]
    public void Sizes_below_the_minimum_lot_are_rejected_with_the_figure()
    {
        var s = Make(equity: 1_000);
        var a = s.Risk.Evaluate(Buy("EURUSD", stopPips: 100), s.Book, s.Prices, T);
        Assert.False(a.Approved);
        Assert.Equal(RiskCodes.SizeBelowMinimum, a.Rejections.Single().Code);
        Assert.Contains("0.0050 lots", a.Rejections[0].Message);
    }

    [Fact]
    public void Currency_net_limit_caps_the_size_and_says_why()
    {
        // Net USD limit 0.5x equity; a 100k EURUSD long would be −1.1x in USD.
        var s = Make(RiskLimits.Default with { MaxNetExposurePerCurrency = 0.5 });
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.True(a.Approved);
        Assert.Equal(45_000m, a.ApprovedUnits); // 45k EUR ≈ 49.5k USD ≤ 50k; 46k would be 50.6k
        Assert.Contains("net exposure would be", a.Notes.Single());
    }

    [Fact]
    public void Reject_policy_rejects_instead_of_capping_and_lists_every_breached_limit()
    {
        var s = Make(RiskLimits.Default with { MaxNetExposurePerCurrency = 0.5, MaxLeverage = 0.5, OnSizeBreach = SizeBreachPolicy.Reject });
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.False(a.Approved);
        var codes = a.Rejections.Select(r => r.Code).ToHashSet();
        Assert.Contains(RiskCodes.CurrencyNet, codes);
        Assert.Contains(RiskCodes.Leverage, codes);
    }

    [Fact]
    public void Netting_lets_an_offsetting_trade_through_where_a_same_way_trade_is_capped()
    {
        var limits = RiskLimits.Default with { MaxNetExposurePerCurrency = 1.5, MaxGrossExposurePerCurrency = 10, MaxLeverage = 20, MaxCorrelatedExposure = 20 };
        var s = Make(limits);
        s.Book.SetPosition(I("EURUSD"), 100_000); // USD net −1.1x
        // Buying GBPUSD adds to the short USD: capped. Selling GBPUSD offsets it: full size.
        var buy = s.Risk.Evaluate(Buy("GBPUSD"), s.Book, s.Prices, T);
        var gbp = I("GBPUSD");
        var entry = 1.30 - gbp.PipSizeD / 2;
        var sell = s.Risk.Evaluate(new OrderIntent(gbp, -1, entry, entry + 50 * gbp.PipSizeD, entry - 100 * gbp.PipSizeD, 0.3, 0.002), s.Book, s.Prices, T);
        Assert.True(buy.ApprovedUnits < sell.ApprovedUnits, $"{buy} vs {sell}");
        Assert.Equal(100_000m, sell.ApprovedUnits);
    }

    [Fact]
    public void State_checks_reject_new_risk_but_never_a_reduction()
    {
        var s = Make(RiskLimits.Default with { AllowedSessions = TradingSession.Tokyo });
        s.Book.SetPosition(I("EURUSD"), 200_000);
        s.Kill.Halt(HaltSource.Manual, "test", false, T, "tester");
        var open = s.Risk.Evaluate(Buy("GBPUSD"), s.Book, s.Prices, T);
        Assert.False(open.Approved);
        Assert.Contains(open.Rejections, r => r.Code == RiskCodes.Halted);
        Assert.Contains(open.Rejections, r => r.Code == RiskCodes.Session);
        var eur = I("EURUSD");
        var reduce = s.Risk.Evaluate(new OrderIntent(eur, -1, double.NaN, double.NaN, double.NaN, 0, 0, 50_000m), s.Book, s.Prices, T);
        Assert.True(reduce.Approved);
        Assert.True(reduce.RiskReducing);
        Assert.Equal(50_000m, reduce.ApprovedUnits);
        Assert.Throws<ArgumentException>(() => s.Risk.Evaluate(new OrderIntent(eur, -1, 1.1, 1.2, 1.0, 0, 0, 300_000m), s.Book, s.Prices, T));
    }

    [Fact]
    public void Daily_loss_and_drawdown_breaches_reject_and_ask_for_a_halt()
    {
        var s = Make();
        s.Book.SetEquity(96_900, 100_000, 100_000); // −3.1% on the day
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.False(a.Approved);
        Assert.Equal(HaltSource.DailyLoss, a.HaltTriggered);
        s.Book.SetEquity(84_000, 84_500, 100_000); // −16% from the peak
        var b = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.Equal(HaltSource.Drawdown, b.HaltTriggered);
    }

    [Fact]
    public void Loss_at_the_stop_must_fit_in_what_is_left_of_the_daily_limit()
    {
        var s = Make();
        s.Book.SetEquity(97_400, 100_000, 100_000); // 2.6% lost today; 0.4% (400 USD) left
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.True(a.Approved);
        Assert.Equal(80_000m, a.ApprovedUnits); // 400 USD / 50 pips
        Assert.Contains(RiskCodes.DailyLossAtStop, a.Notes.Single());
    }

    [Fact]
    public void Weekend_news_and_position_count_are_checked()
    {
        var news = NewsCalendar.Parse(["time_utc,currency,impact,title", "2017-03-08T14:10:00Z,EUR,high,ECB"], "n.csv");
        var s = Make(RiskLimits.Default with { MaxOpenPositions = 1 }, news);
        var blackout = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.Equal(RiskCodes.NewsBlackout, blackout.Rejections.Single().Code);
        Assert.True(s.Risk.Evaluate(Buy("GBPUSD"), s.Book, s.Prices, T).Approved);
        s.Book.SetPosition(I("USDJPY"), 100_000);
        Assert.Equal(RiskCodes.MaxOpenPositions, s.Risk.Evaluate(Buy("GBPUSD"), s.Book, s.Prices, T).Rejections.Single().Code);
        Assert.True(s.Risk.Evaluate(Buy("USDJPY"), s.Book, s.Prices, T).Approved); // adding to the open one is fine
        var saturday = Utc(2017, 3, 11, 12);
        Assert.Equal(RiskCodes.MarketClosed, s.Risk.Evaluate(Buy("USDJPY"), s.Book, s.Prices, saturday).Rejections.Single().Code);
    }

    [Fact]
    public void A_stop_on_the_wrong_side_is_invalid()
    {
        var s = Make();
        var i = I("EURUSD");
        var a = s.Risk.Evaluate(new OrderIntent(i, 1, 1.1, 1.2, 1.3, 0.5, 0.001), s.Book, s.Prices, T);
        Assert.Equal(RiskCodes.InvalidOrder, a.Rejections.Single().Code);
    }

    [Fact]
    public void Kelly_sizing_uses_confidence_and_reward_to_risk()
    {
        var s = Make(RiskLimits.Default with
        {
            Sizing = SizingMethod.Kelly, KellyFraction = 0.25, KellyCap = 0.02,
            MaxNetExposurePerCurrency = 10, MaxGrossExposurePerCurrency = 10, MaxCorrelatedExposure = 10, MaxDailyLoss = 0.05,
        });
        // confidence 0.2 → p 0.6; reward/risk 2 → f* 0.4 → quarter 0.1 → capped 0.02 → 2000 USD over 50 pips = 4 lots.
        var a = s.Risk.Evaluate(Buy("EURUSD", confidence: 0.2), s.Book, s.Prices, T);
        Assert.Equal(400_000m, a.ApprovedUnits);
        // confidence 0 → p 0.5 with a target half the stop distance: f* = 0.5 − 0.5/0.5 < 0.
        var coinFlip = Buy("EURUSD", confidence: 0.0) with { TargetPrice = Buy("EURUSD").EntryPrice + 25 * 0.0001 };
        var none = s.Risk.Evaluate(coinFlip, s.Book, s.Prices, T);
        Assert.Contains("no Kelly edge", none.Rejections.Single().Message);
    }

    [Fact]
    public void Max_lots_per_pair_caps_the_resulting_position()
    {
        var s = Make(RiskLimits.Default with { MaxLotsPerPair = 1.5m });
        s.Book.SetPosition(I("EURUSD"), 100_000);
        var a = s.Risk.Evaluate(Buy("EURUSD"), s.Book, s.Prices, T);
        Assert.Equal(50_000m, a.ApprovedUnits);
    }
}
