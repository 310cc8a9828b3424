using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Risk;

/// <summary>
/// The property: over at least 100k random portfolios, limits and signals, no order the risk layer
/// approves breaks a limit. Each case runs random signals through fusion, the decision rules and the planner
/// (or, on HOLD, takes a random order), and an independent, naive re-computation (currency values straight
/// from the generator, sorted scenario P&amp;L, textbook correlations) checks the approved order.
/// </summary>
public class RiskLimitPropertyTests
{
    private const int Window = 64;
    private static readonly ReturnHistory[] Histories = MakeHistories();
    private static readonly SignalAggregator Aggregator = new(DecisionRules.Default);
    private static readonly ExecutionPlanner Planner = new(DecisionRules.Default with { Stops = StopPlacement.Atr }, FxCalendar.Default);
    private static readonly string[] Codes = ["EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "JPY"];
    private static readonly Currency[] Accounts = [Currency.USD, Currency.EUR, Currency.GBP, Currency.JPY];

    private static ReturnHistory[] MakeHistories()
    {
        var rng = new Random(7);
        var result = new ReturnHistory[5];
        result[0] = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), Window); // empty: no history
        for (var h = 1; h < result.Length; h++)
        {
            result[h] = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), Window);
            var row = new double[Catalog.Count];
            for (var s = 0; s < Window; s++)
            {
                var usd = Normal(rng) * 0.001 * h;
                for (var k = 0; k < row.Length; k++)
                {
                    var i = Catalog[k];
                    var sign = i.Quote == Currency.USD ? -1 : i.Base == Currency.USD ? 1 : 0;
                    row[k] = sign * usd + Normal(rng) * 0.0015;
                }
                result[h].Add(row);
            }
        }
        return result;
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>One random world: values, book, limits, news, signals; returns the evaluated order for checking.</summary>
    internal sealed record Case(
        RiskLimits Limits, NewsCalendar News, Dictionary<string, double> Values, Currency Account, PortfolioSnapshot Book,
        double[] PreUnits, ReturnHistory History, DateTime Time, bool Halted, OrderIntent Intent, RiskAssessment Assessment, DecisionType Decision);

    internal static Case Run(int seed)
    {
        var rng = new Random(seed);
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        var values = Codes.ToDictionary(c => c, c => UsdValue[c] * Math.Exp(Normal(rng) * 0.05));
        var account = Accounts[rng.Next(Accounts.Length)];
        var time = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(3 * 365 * 24 * 60));

        var sessions = rng.NextDouble() < 0.3 ? TradingSession.None : (TradingSession)rng.Next(1, 16);
        var overrides = new Dictionary<Currency, CurrencyLimit>();
        if (rng.NextDouble() < 0.3) overrides[Currency.Of(Codes[rng.Next(8)])] = new CurrencyLimit(U(0.2, 3), U(0.1, 2));
        var limits = RiskLimits.Default with
        {
            Sizing = (SizingMethod)rng.Next(3),
            RiskPerTrade = U(0.001, 0.03),
            AtrRisk = U(0.001, 0.02),
            KellyFraction = U(0.1, 1),
            KellyCap = U(0.005, 0.05),
            OnSizeBreach = rng.NextDouble() < 0.7 ? SizeBreachPolicy.Reduce : SizeBreachPolicy.Reject,
            MaxLotsPerPair = Math.Round((decimal)U(0.5, 20), 2),
            MaxGrossExposurePerCurrency = U(0.5, 6),
            MaxNetExposurePerCurrency = U(0.3, 4),
            CurrencyOverrides = overrides,
            MaxOpenPositions = rng.Next(1, 7),
            MaxLeverage = U(1, 30),
            MaxDailyLoss = U(0.005, 0.05),
            MaxDrawdown = U(0.05, 0.3),
            MaxCorrelatedExposure = U(0.5, 8),
            AllowedSessions = sessions,
            NewsBefore = TimeSpan.FromMinutes(rng.Next(0, 61)),
            NewsAfter = TimeSpan.FromMinutes(rng.Next(0, 61)),
            NewsMinImpact = (NewsImpact)rng.Next(1, 4),
            VarMethod = (VarMethod)rng.Next(3),
            VarConfidence = U(0.9, 0.995),
            MaxVar = U(0.002, 0.05),
            ReturnSample = TimeSpan.FromHours(1),
            ReturnWindow = Window,
            MinObservations = 30,
            RequireHistory = rng.NextDouble() < 0.2,
            PositionVolTarget = rng.NextDouble() < 0.5 ? 0 : U(0.02, 0.3),
        };
        var events = new List<NewsEvent>();
        for (var n = rng.Next(0, 4); n > 0; n--)
            events.Add(new NewsEvent(time.AddMinutes(rng.Next(-120, 121)), Currency.Of(Codes[rng.Next(8)]), (NewsImpact)rng.Next(1, 4), "event"));
        var news = new NewsCalendar(events);

        var history = Histories[rng.Next(Histories.Length)];
        var model = new PortfolioRiskModel(history, limits.VarMethod, limits.VarConfidence, limits.VarHorizon, limits.MinObservations);
        var halted = rng.NextDouble() < 0.1;
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), null);
        if (halted) kill.Halt(HaltSource.Manual, "random halt", false, time, "property");
        var calendar = FxCalendar.Default;
        var risk = new RiskEvaluator(limits, Currencies, calendar, news, model, kill);

        var prices = new MarketPrices(Currencies, account);
        SetAll(prices, time, c => values[c]);
        var book = new PortfolioSnapshot(Catalog, account);
        var equity = U(5_000, 2_000_000) / values[account.Code];
        var dayStart = equity * (1 + U(-0.02, 0.06));
        book.SetEquity(equity, dayStart, Math.Max(equity, dayStart) * (1 + U(0, 0.35)));
        var lotsScale = equity * values[account.Code] / 100_000;
        for (var n = rng.Next(0, 7); n > 0; n--)
            book.SetPosition(Catalog[rng.Next(Catalog.Count)], (double)(Math.Round((decimal)(U(-3, 3) * lotsScale), 2) * 100_000m));
        var pre = book.AllUnits.ToArray();

        // Signals on one instrument, through fusion and the decision rules.
        var inst = rng.NextDouble() < 0.5 && book.OpenPositions > 0
            ? Catalog[Enumerable.Range(0, Catalog.Count).Where(k => pre[k] != 0).ElementAt(rng.Next(book.OpenPositions))]
            : Catalog[rng.Next(Catalog.Count)];
        var signals = new SignalInput[rng.Next(1, 6)];
        for (var s = 0; s < signals.Length; s++)
            signals[s] = new SignalInput($"src{s}", (SignalKind)rng.Next(3), inst.Symbol, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(),
                TimeSpan.FromMinutes(rng.Next(5, 600)), time.AddMinutes(-rng.Next(0, 60)), model: $"m{s}@1");
        var fused = Aggregator.Fuse(signals, time);
        var decision = new DecisionSynthesizer(DecisionRules.Default, calendar, Catalog).Decide(inst, fused, pre[inst.Id], time);
        var atr = inst.PipSizeD * U(2, 80);
        var side = decision.Type switch
        {
            DecisionType.Buy => 1,
            DecisionType.Sell => -1,
            DecisionType.Close or DecisionType.Reduce => pre[inst.Id] > 0 ? -1 : 1,
            _ => rng.NextDouble() < 0.5 ? 1 : -1,
        };
        OrderIntent intent;
        var pos = pre[inst.Id];
        if (pos != 0 && Math.Sign(pos) != side)
        {
            // Reduce or close: a request within the position.
            var held = (decimal)Math.Abs(pos);
            var units = decision.Type == DecisionType.Close || rng.NextDouble() < 0.3 ? held : Math.Round(held * (decimal)U(0, 1) / 1000) * 1000;
            intent = new OrderIntent(inst, side, double.NaN, double.NaN, double.NaN, fused.Confidence, atr, units);
        }
        else
        {
            var planned = Planner.PriceOpening(inst, side == 1 ? PlanSide.Buy : PlanSide.Sell, prices.Bid(inst), prices.Ask(inst), new MarketContext(atr), out _)!.Value;
            decimal? requested = rng.NextDouble() < 0.2 ? Math.Round((decimal)U(0.01, 30), 2) * 100_000 : null;
            intent = new OrderIntent(inst, side, planned.Entry, planned.StopLoss, planned.TakeProfit,
                decision.Type is DecisionType.Buy or DecisionType.Sell ? fused.Confidence : rng.NextDouble(), atr, requested);
        }
        var assessment = risk.Evaluate(intent, book, prices, time);
        return new Case(limits, news, values, account, book, pre, history, time, halted, intent, assessment, decision.Type);
    }

    /// <summary>The independent check; returns null when the case is fine, else what was violated.</summary>
    internal static string? Violation(Case c)
    {
        var a = c.Assessment;
        if (!a.Approved) return null;
        var inst = c.Intent.Instrument;
        var pre = c.PreUnits;
        var post = (double[])pre.Clone();
        post[inst.Id] += c.Intent.Side * (double)a.ApprovedUnits;
        var step = inst.LotStep * inst.ContractSize;
        if (a.ApprovedUnits <= 0 || (a.ApprovedUnits % step != 0 && a.ApprovedUnits != (decimal)Math.Abs(pre[inst.Id])))
            return $"approved size {a.ApprovedUnits} is not a whole number of lot steps";
        if (a.RiskReducing)
        {
            var before = pre[inst.Id];
            var after = post[inst.Id];
            if (Math.Abs(after) < 1e-3) after = 0;
            return before != 0 && Math.Abs(after) < Math.Abs(before) && (after == 0 || Math.Sign(after) == Math.Sign(before))
                ? null : $"a 'reducing' order took {before} to {after}";
        }
        var l = c.Limits;
        var book = c.Book;
        var eq = book.Equity;
        var tol = 1e-6 * eq;
        double Rate(Currency x) => c.Values[x.Code] / c.Values[c.Account.Code];

        if (c.Halted) return "approved while halted";
        if (book.DayStartEquity - eq >= l.MaxDailyLoss * book.DayStartEquity * 0.999999) return "approved past the daily loss limit";
        if (book.PeakEquity - eq >= l.MaxDrawdown * book.PeakEquity * 0.999999) return "approved past the drawdown limit";
        var cal = FxCalendar.Default;
        if (!cal.IsOpen(c.Time)) return "approved while the market is closed";
        if (l.AllowedSessions != TradingSession.None && (cal.ActiveSessions(c.Time) & l.AllowedSessions) == 0) return "approved outside the allowed sessions";
        foreach (var ev in c.News.Events)
            if ((ev.Currency == inst.Base || ev.Currency == inst.Quote) && ev.Impact >= l.NewsMinImpact
                && c.Time >= ev.TimeUtc - l.NewsBefore && c.Time <= ev.TimeUtc + l.NewsAfter)
                return $"approved in the blackout of {ev.Currency} {ev.Impact} at {ev.TimeUtc:O}";
        if (pre[inst.Id] == 0 && pre.Count(u => u != 0) >= l.MaxOpenPositions) return "approved beyond max open positions";
        if (l.RequireHistory && c.History.Count < l.MinObservations) return "approved without the required history";
        if (a.ApprovedUnits < inst.MinLot * inst.ContractSize || a.ApprovedUnits > inst.MaxLot * inst.ContractSize) return "size outside the instrument's lot limits";
        if (Math.Abs(post[inst.Id]) > (double)(l.MaxLotsFor(inst) * inst.ContractSize) + 1e-6) return "position above max lots per pair";

        bool Ok(double after, double before, double limit) => after <= limit + tol || after <= before + tol;
        var gross0 = new Dictionary<Currency, double>();
        var net0 = new Dictionary<Currency, double>();
        var gross1 = new Dictionary<Currency, double>();
        var net1 = new Dictionary<Currency, double>();
        double notional0 = 0, notional1 = 0;
        for (var k = 0; k < pre.Length; k++)
        {
            var i = Catalog[k];
            foreach (var (units, gross, net) in new[] { (pre[k], gross0, net0), (post[k], gross1, net1) })
            {
                if (units == 0) continue;
                var baseValue = units * Rate(i.Base);
                var quoteValue = -units * (c.Values[i.Base.Code] / c.Values[i.Quote.Code]) * Rate(i.Quote);
                gross[i.Base] = gross.GetValueOrDefault(i.Base) + Math.Abs(baseValue);
                net[i.Base] = net.GetValueOrDefault(i.Base) + baseValue;
                gross[i.Quote] = gross.GetValueOrDefault(i.Quote) + Math.Abs(quoteValue);
                net[i.Quote] = net.GetValueOrDefault(i.Quote) + quoteValue;
            }
            notional0 += Math.Abs(pre[k]) * Rate(i.Base);
            notional1 += Math.Abs(post[k]) * Rate(i.Base);
        }
        foreach (var cur in gross1.Keys)
        {
            var lim = l.LimitFor(cur);
            if (!Ok(gross1[cur], gross0.GetValueOrDefault(cur), lim.MaxGross * eq)) return $"{cur} gross exposure {gross1[cur] / eq:F3}x > {lim.MaxGross:F3}x (was {gross0.GetValueOrDefault(cur) / eq:F3}x)";
            if (!Ok(Math.Abs(net1[cur]), Math.Abs(net0.GetValueOrDefault(cur)), lim.MaxNet * eq)) return $"{cur} net exposure {net1[cur] / eq:F3}x > {lim.MaxNet:F3}x";
        }
        if (!Ok(notional1, notional0, l.MaxLeverage * eq)) return $"leverage {notional1 / eq:F3} > {l.MaxLeverage:F3}";

        var dayStart = book.DayStartEquity > 0 ? book.DayStartEquity : eq;
        var atStop = (double)a.ApprovedUnits * Math.Abs(c.Intent.EntryPrice - c.Intent.StopPrice) * Rate(inst.Quote);
        if (atStop > l.MaxDailyLoss * dayStart - Math.Max(0, dayStart - eq) + tol) return "a stop-out would break the daily loss limit";

        // Portfolio figures from the return window, computed the textbook way.
        var x0 = pre.Select((u, k) => u * Rate(Catalog[k].Base)).ToArray();
        var x1 = post.Select((u, k) => u * Rate(Catalog[k].Base)).ToArray();
        var h = c.History;
        if (h.Count < l.MinObservations)
        {
            if (!Ok(x1.Sum(Math.Abs), x0.Sum(Math.Abs), l.MaxCorrelatedExposure * eq)) return "gross (no-history) correlated exposure above the limit";
            return null;
        }
        var rows = Enumerable.Range(0, h.Count).Select(h.CopyRow).ToArray();
        var n = Catalog.Count;
        var mean = Enumerable.Range(0, n).Select(k => rows.Average(r => r[k])).ToArray();
        double Cov(int p, int q) => rows.Sum(r => (r[p] - mean[p]) * (r[q] - mean[q])) / (rows.Length - 1);
        double Corr(int p, int q) => p == q ? 1 : Cov(p, p) > 0 && Cov(q, q) > 0 ? Cov(p, q) / Math.Sqrt(Cov(p, p) * Cov(q, q)) : 0;
        double Quad(double[] x, Func<int, int, double> m)
        {
            double s = 0;
            for (var p = 0; p < n; p++) if (x[p] != 0) for (var q = 0; q < n; q++) if (x[q] != 0) s += x[p] * x[q] * m(p, q);
            return s;
        }
        if (!Ok(Math.Sqrt(Math.Max(0, Quad(x1, Corr))), Math.Sqrt(Math.Max(0, Quad(x0, Corr))), l.MaxCorrelatedExposure * eq))
            return "correlated exposure above the limit";
        var scale = Math.Sqrt(l.VarHorizon.TotalHours);
        double Hist(double[] x)
        {
            var pnl = rows.Select(r => r.Select((v, k) => v * x[k]).Sum()).OrderBy(v => v).ToArray();
            return Math.Max(0, -pnl[(int)Math.Floor((1 - l.VarConfidence) * pnl.Length)]) * scale;
        }
        double Param(double[] x) => NormalDistribution.Quantile(l.VarConfidence) * Math.Sqrt(Math.Max(0, Quad(x, Cov))) * scale;
        var (v0, v1) = l.VarMethod switch
        {
            VarMethod.Historical => (Hist(x0), Hist(x1)),
            VarMethod.Parametric => (Param(x0), Param(x1)),
            _ => (Math.Max(Hist(x0), Param(x0)), Math.Max(Hist(x1), Param(x1))),
        };
        if (!Ok(v1, v0, l.MaxVar * eq)) return $"VaR {v1 / eq:P3} above {l.MaxVar:P3} (was {v0 / eq:P3})";
        if (l.PositionVolTarget > 0)
        {
            var sigma = Math.Sqrt(Cov(inst.Id, inst.Id) * 260 * 24);
            if (sigma > 0 && !Ok(Math.Abs(x1[inst.Id]) * sigma, Math.Abs(x0[inst.Id]) * sigma, l.PositionVolTarget * eq))
                return "position volatility above its target";
        }
        return null;
    }

    [Property(MaxTest = 100_000, QuietOnSuccess = true)]
    public Property No_approved_order_violates_a_limit() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var c = Run(seed);
            var v = Violation(c);
            return (v is null).Label($"seed {seed}: {v}; {c.Intent.Instrument.Symbol} side {c.Intent.Side} {c.Assessment}");
        });

    /// <summary>The property is not vacuous: many orders pass, many are capped, and every kind of rejection happens.</summary>
    [Fact]
    public void The_random_cases_exercise_every_limit()
    {
        var approved = 0;
        var capped = 0;
        var reducing = 0;
        var codes = new HashSet<string>();
        var decisions = new HashSet<DecisionType>();
        const int n = 20_000;
        for (var seed = 0; seed < n; seed++)
        {
            var c = Run(seed);
            Assert.Null(Violation(c));
            decisions.Add(c.Decision);
            if (c.Assessment.Approved)
            {
                approved++;
                if (c.Assessment.Notes.Count > 0) capped++;
                if (c.Assessment.RiskReducing) reducing++;
            }
            foreach (var r in c.Assessment.Rejections) codes.Add(r.Code);
            foreach (var note in c.Assessment.Notes)
                foreach (var code in new[] { RiskCodes.CurrencyGross, RiskCodes.CurrencyNet, RiskCodes.Leverage, RiskCodes.Var, RiskCodes.CorrelatedExposure,
                             RiskCodes.DailyLossAtStop, RiskCodes.MaxSizePerPair, RiskCodes.PositionVolTarget })
                    if (note.Contains(code, StringComparison.Ordinal)) codes.Add(code);
        }
        Assert.InRange(approved, n / 10, n * 9 / 10);
        Assert.True(capped > n / 50, $"only {capped} capped approvals");
        Assert.True(reducing > n / 50, $"only {reducing} reducing approvals");
        string[] expected =
        [
            RiskCodes.Halted, RiskCodes.DailyLoss, RiskCodes.Drawdown, RiskCodes.MarketClosed, RiskCodes.Session, RiskCodes.NewsBlackout,
            RiskCodes.MaxOpenPositions, RiskCodes.InsufficientHistory, RiskCodes.SizeBelowMinimum, RiskCodes.CurrencyGross, RiskCodes.CurrencyNet,
            RiskCodes.Leverage, RiskCodes.Var, RiskCodes.CorrelatedExposure, RiskCodes.DailyLossAtStop, RiskCodes.MaxSizePerPair, RiskCodes.PositionVolTarget,
        ];
        var missing = expected.Where(e => !codes.Contains(e)).ToArray();
        Assert.True(missing.Length == 0, "never exercised: " + string.Join(", ", missing));
        Assert.Contains(DecisionType.Buy, decisions);
        Assert.Contains(DecisionType.Sell, decisions);
        Assert.Contains(DecisionType.Hold, decisions);
        Assert.Contains(DecisionType.Close, decisions);
    }
}
