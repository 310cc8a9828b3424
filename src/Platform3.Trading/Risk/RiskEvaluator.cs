using System.Runtime.CompilerServices;
using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Risk;

/// <summary>
/// Pre-trade risk checks and position sizing. An order that only reduces a position is always allowed.
/// An order that opens or increases risk must pass the state checks (kill switch, daily loss, drawdown,
/// market open, allowed sessions, news blackout, open positions) and then the size limits: size per pair,
/// gross and net exposure per currency (pairs netted into currencies), leverage, correlation-adjusted
/// exposure, portfolio VaR, the loss at the stop against the day's remaining loss budget, and the
/// per-position volatility target. A size limit holds when the post-trade figure is within the limit or no
/// worse than before the trade, so a book already over a limit can still be traded down but never up.
/// With <see cref="SizeBreachPolicy.Reduce"/> the largest whole number of lot steps that keeps every limit is
/// approved (every size-limit check is convex in the size, so the feasible sizes form an interval from zero).
/// </summary>
public sealed class RiskEvaluator
{
    private const double Tolerance = 1e-9;
    private readonly RiskLimits _limits;
    private readonly CurrencyIndex _currencies;
    private readonly FxCalendar _calendar;
    private readonly NewsCalendar _news;
    private readonly PortfolioRiskModel _model;
    private readonly KillSwitch? _killSwitch;
    private readonly CurrencyExposure _exposure;
    private readonly double[] _grossLimit;
    private readonly double[] _netLimit;
    private readonly double _periodsPerYear;

    public RiskLimits Limits => _limits;
    public PortfolioRiskModel Model => _model;
    public CurrencyExposure Exposure => _exposure;

    public RiskEvaluator(RiskLimits limits, CurrencyIndex currencies, FxCalendar calendar, NewsCalendar news, PortfolioRiskModel model, KillSwitch? killSwitch)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(news);
        ArgumentNullException.ThrowIfNull(model);
        _limits = limits;
        _currencies = currencies;
        _calendar = calendar;
        _news = news;
        _model = model;
        _killSwitch = killSwitch;
        _exposure = new CurrencyExposure(currencies);
        _grossLimit = new double[currencies.Count];
        _netLimit = new double[currencies.Count];
        for (var c = 0; c < currencies.Count; c++)
        {
            var l = limits.LimitFor(currencies[c]);
            _grossLimit[c] = l.MaxGross;
            _netLimit[c] = l.MaxNet;
        }
        // FX trades about 260 days a year; the return window is sampled every ReturnSample.
        _periodsPerYear = 260.0 * TimeSpan.TicksPerDay / model.History.SampleTicks;
    }

    /// <summary>
    /// The drawdown or daily-loss limit, if the account has hit one (the engine then halts). Drawdown is checked
    /// first: it is the graver one and only a manual resume lifts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HaltSource? AccountBreach(PortfolioSnapshot portfolio, out string reason)
    {
        var source = AccountBreach(portfolio);
        reason = source is { } s ? BreachReason(portfolio, s) : "";
        return source;
    }

    /// <summary>
    /// The breached limit without its text: the decision host checks every cycle, and once halted the breach
    /// persists, so formatting the reason each cycle (only the first is used) was most of the check's cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HaltSource? AccountBreach(PortfolioSnapshot portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var equity = portfolio.Equity;
        if (portfolio.PeakEquity > 0 && portfolio.PeakEquity - equity >= _limits.MaxDrawdown * portfolio.PeakEquity * (1 - Tolerance))
            return HaltSource.Drawdown;
        if (portfolio.DayStartEquity > 0 && portfolio.DayStartEquity - equity >= _limits.MaxDailyLoss * portfolio.DayStartEquity * (1 - Tolerance))
            return HaltSource.DailyLoss;
        return null;
    }

    /// <summary>Why <see cref="AccountBreach(PortfolioSnapshot)"/> returned <paramref name="source"/>, for the halt and the audit.</summary>
    public string BreachReason(PortfolioSnapshot portfolio, HaltSource source)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var equity = portfolio.Equity;
        return source == HaltSource.Drawdown
            ? $"drawdown {F((portfolio.PeakEquity - equity) / portfolio.PeakEquity * 100)}% from the peak reached the limit {F(_limits.MaxDrawdown * 100)}%"
            : $"daily loss {F((portfolio.DayStartEquity - equity) / portfolio.DayStartEquity * 100)}% of the day's starting equity reached the limit {F(_limits.MaxDailyLoss * 100)}%";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RiskAssessment Evaluate(in OrderIntent intent, PortfolioSnapshot portfolio, MarketPrices prices, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(prices);
        var inst = intent.Instrument ?? throw new ArgumentException("an order intent needs an instrument", nameof(intent));
        if (intent.Side is not (1 or -1)) throw new ArgumentException($"side must be +1 (buy) or −1 (sell), got {intent.Side}", nameof(intent));
        var method = _limits.Sizing switch
        {
            SizingMethod.VolatilityTarget => "volatility_target",
            SizingMethod.Kelly => "kelly",
            _ => "fixed_fractional",
        };
        var id = inst.Id;
        var u = portfolio.Units(id);
        var equity = portfolio.Equity;
        _exposure.Compute(portfolio, prices);
        _model.Prepare(portfolio, prices, _currencies);
        var before = MetricsNow(portfolio);
        var reasons = new List<RiskReason>();

        if (!prices.Has(inst))
            return Reject(RiskCodes.NoPrice, $"no quote for {inst.Symbol} yet", before, method, false, intent.RequestedUnits ?? 0m);
        if (!(equity > 0))
            return Reject(RiskCodes.InvalidOrder, $"equity {F(equity)} is not positive", before, method, false, intent.RequestedUnits ?? 0m);

        // Reducing an existing position: always allowed, at the requested size (the whole position by default).
        if (u != 0 && Math.Sign(u) != intent.Side)
        {
            var held = (decimal)Math.Abs(u);
            var requested = intent.RequestedUnits ?? held;
            if (requested > held)
                throw new ArgumentException($"{inst.Symbol}: an order of {requested} against a position of {held} would flip it; close first, then open (the decision engine splits flips)", nameof(intent));
            var units = requested == held ? held : RoundDownToStep(inst, requested);
            if (units <= 0)
                return Reject(RiskCodes.SizeBelowMinimum, $"reducing by {requested} units is less than one lot step ({inst.LotStep * inst.ContractSize} units)", before, method, true, requested);
            return new RiskAssessment
            {
                Approved = true, ApprovedUnits = units, TargetUnits = requested, SizingMethod = "requested", RiskReducing = true,
                Rejections = [], Notes = [], Before = before, After = MetricsAfter(portfolio, prices, id, u, intent.Side * (double)units),
            };
        }

        // Opening or increasing risk: state checks first.
        HaltSource? halt = null;
        if (_killSwitch is { IsHalted: true })
            reasons.Add(new(RiskCodes.Halted, $"trading is halted ({KillSwitch.Name(_killSwitch.State.Source)}: {_killSwitch.State.Reason}); run 'p3 resume' to lift it"));
        if (AccountBreach(portfolio, out var breach) is { } b)
        {
            halt = b;
            reasons.Add(new(b == HaltSource.DailyLoss ? RiskCodes.DailyLoss : RiskCodes.Drawdown, breach));
        }
        var t = nowUtc.Ticks;
        if (!_calendar.IsOpen(t))
            reasons.Add(new(RiskCodes.MarketClosed, $"the FX market is closed at {nowUtc:yyyy-MM-dd HH:mm} UTC"));
        else if (_limits.AllowedSessions != Core.Calendar.TradingSession.None && (_calendar.ActiveSessions(t) & _limits.AllowedSessions) == 0)
            reasons.Add(new(RiskCodes.Session, $"{nowUtc:HH:mm} UTC is outside the allowed sessions ({_limits.AllowedSessions}); active: {_calendar.ActiveSessions(t)}"));
        if (_news.Blackout(inst, t, _limits.NewsBefore, _limits.NewsAfter, _limits.NewsMinImpact) is { } ev)
            reasons.Add(new(RiskCodes.NewsBlackout, $"{ev.Impact.ToString().ToLowerInvariant()}-impact {ev.Currency} event '{ev.Title}' at {ev.TimeUtc:yyyy-MM-dd HH:mm} UTC (blackout {ConfigDurations.Format(_limits.NewsBefore)} before to {ConfigDurations.Format(_limits.NewsAfter)} after)"));
        if (u == 0 && portfolio.OpenPositions >= _limits.MaxOpenPositions)
            reasons.Add(new(RiskCodes.MaxOpenPositions, $"{portfolio.OpenPositions} positions are open (limit {_limits.MaxOpenPositions})"));
        if (_limits.RequireHistory && !_model.HasHistory)
            reasons.Add(new(RiskCodes.InsufficientHistory, $"{_model.History.Count} return samples, {_model.MinObservations} needed before opening risk"));
        var rb = prices.ToAccount(_currencies.BaseOf(id));
        var rq = prices.ToAccount(_currencies.QuoteOf(id));
        if (!double.IsFinite(rb) || !double.IsFinite(rq) || !_exposure.Valued)
            reasons.Add(new(RiskCodes.NoPrice, $"cannot value {inst.Base}/{inst.Quote} or the held positions in {prices.AccountCurrency}: a conversion quote is missing"));
        var stopDistance = intent.StopDistance;
        if (!(intent.EntryPrice > 0) || !double.IsFinite(intent.StopPrice) || !(stopDistance > 0)
            || (intent.Side == 1 && intent.StopPrice >= intent.EntryPrice) || (intent.Side == -1 && intent.StopPrice <= intent.EntryPrice))
            reasons.Add(new(RiskCodes.InvalidOrder, $"stop {F(intent.StopPrice)} is not on the losing side of entry {F(intent.EntryPrice)} for a {(intent.Side == 1 ? "buy" : "sell")}"));
        if (reasons.Count > 0)
            return Rejected(reasons, before, method, intent.RequestedUnits ?? 0m, halt);

        // Sizing.
        double target;
        if (intent.RequestedUnits is { } req) { target = (double)req; method = "requested"; }
        else
        {
            switch (_limits.Sizing)
            {
                case SizingMethod.VolatilityTarget:
                    if (!(intent.Atr > 0)) return Reject(RiskCodes.InvalidOrder, "volatility-target sizing needs an ATR", before, method, false, 0m);
                    target = PositionSizer.VolatilityTarget(equity, _limits.AtrRisk, intent.Atr, rq);
                    break;
                case SizingMethod.Kelly:
                    var p = PositionSizer.WinProbability(intent.Confidence);
                    var rr = double.IsFinite(intent.TargetPrice) ? Math.Abs(intent.TargetPrice - intent.EntryPrice) / stopDistance : 0;
                    var f = PositionSizer.KellyRiskFraction(p, rr, _limits.KellyFraction, _limits.KellyCap);
                    if (f <= 0)
                        return Reject(RiskCodes.SizeBelowMinimum, $"no Kelly edge: win probability {F(p)} with reward/risk {F(rr)}", before, method, false, 0m);
                    target = PositionSizer.FixedFractional(equity, f, stopDistance, rq);
                    break;
                default:
                    target = PositionSizer.FixedFractional(equity, _limits.RiskPerTrade, stopDistance, rq);
                    break;
            }
        }
        var stepUnits = (double)(inst.LotStep * inst.ContractSize);
        var kMax = (long)Math.Floor((double)(inst.MaxLot / inst.LotStep) + 1e-9);
        var kTarget = (long)Math.Min(Math.Floor(target / stepUnits + 1e-9), kMax);
        var kMin = (long)Math.Ceiling((double)(inst.MinLot / inst.LotStep) - 1e-9);
        var targetUnits = (decimal)target;
        if (kTarget < kMin)
            return Reject(RiskCodes.SizeBelowMinimum, $"{method} sizing gives {F(target / (double)inst.ContractSize, 4)} lots, below the minimum {inst.MinLot}", before, method, false, Math.Round(targetUnits, 2));

        var ctx = new SizeContext(inst, portfolio, prices, u, intent.Side, equity, rb, rq, stopDistance);
        if (Fits(ctx, kTarget * stepUnits, null, withVar: true))
            return Approve(ctx, kTarget, stepUnits, targetUnits, method, before, []);
        var failures = new List<RiskReason>();
        if (_limits.OnSizeBreach == SizeBreachPolicy.Reject || !Fits(ctx, kMin * stepUnits, null, withVar: true))
        {
            Fits(ctx, (_limits.OnSizeBreach == SizeBreachPolicy.Reject ? kTarget : kMin) * stepUnits, failures, withVar: true);
            return Rejected(failures, before, method, Math.Round(targetUnits, 2), null);
        }
        // The largest size that fits: first against the O(1) limits, then (only if it binds) the VaR, which costs
        // a pass over the return window per try.
        var lo = Largest(ctx, kMin, kTarget, stepUnits, withVar: false);
        if (!Fits(ctx, lo * stepUnits, null, withVar: true)) lo = Largest(ctx, kMin, lo, stepUnits, withVar: true);
        // Why one more lot step would not fit (reported), then the approved size last, so its what-if figures are
        // the ones remembered for the after-trade metrics.
        Fits(ctx, (lo + 1) * stepUnits, failures, withVar: true);
        Fits(ctx, lo * stepUnits, null, withVar: true);
        var note = $"size capped from {F(kTarget * stepUnits / (double)inst.ContractSize, 2)} to {F(lo * stepUnits / (double)inst.ContractSize, 2)} lots by: " +
                   string.Join("; ", failures);
        return Approve(ctx, lo, stepUnits, targetUnits, method, before, [note]);
    }

    /// <summary>Binary search for the largest k in [lo, hi] whose size fits, given that k = lo fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Largest(in SizeContext ctx, long lo, long hi, double stepUnits, bool withVar)
    {
        if (Fits(ctx, hi * stepUnits, null, withVar)) return hi;
        while (hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            if (Fits(ctx, mid * stepUnits, null, withVar)) lo = mid; else hi = mid;
        }
        return lo;
    }

    private readonly record struct SizeContext(Instrument Instrument, PortfolioSnapshot Portfolio, MarketPrices Prices, double Units, int Side,
        double Equity, double BaseToAccount, double QuoteToAccount, double StopDistance);

    /// <summary>True when adding <paramref name="q"/> units keeps every size limit; collects all failures when asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Fits(in SizeContext c, double q, List<RiskReason>? failures, bool withVar)
    {
        var ok = true;
        var id = c.Instrument.Id;
        var delta = c.Side * q;
        var post = c.Units + delta;
        var eq = c.Equity;
        var tol = Tolerance * eq;

        var maxUnits = (double)(_limits.MaxLotsFor(c.Instrument) * c.Instrument.ContractSize);
        if (Math.Abs(post) > maxUnits + 1e-6)
        {
            ok = false;
            if (failures is null) return false;
            failures.Add(new(RiskCodes.MaxSizePerPair, $"{c.Instrument.Symbol} position would be {F(Math.Abs(post) / (double)c.Instrument.ContractSize)} lots (limit {_limits.MaxLotsFor(c.Instrument)})"));
        }

        var te = _exposure.WithTrade(id, c.Units, delta, c.Prices);
        if (!CurrencyOk(te.BaseCurrency, te.BaseGross, te.BaseNet, eq, tol, failures)) { ok = false; if (failures is null) return false; }
        if (!CurrencyOk(te.QuoteCurrency, te.QuoteGross, te.QuoteNet, eq, tol, failures)) { ok = false; if (failures is null) return false; }

        if (!Within(te.GrossNotional, _exposure.GrossNotional, _limits.MaxLeverage * eq, tol))
        {
            ok = false;
            if (failures is null) return false;
            failures.Add(new(RiskCodes.Leverage, $"leverage would be {F(te.GrossNotional / eq)}x (limit {F(_limits.MaxLeverage)}x)"));
        }

        var dn = delta * c.BaseToAccount;
        var corr = _model.CorrelatedExposureWithTrade(id, dn);
        if (!Within(corr, _model.CorrelatedExposure, _limits.MaxCorrelatedExposure * eq, tol))
        {
            ok = false;
            if (failures is null) return false;
            failures.Add(new(RiskCodes.CorrelatedExposure, $"correlation-adjusted exposure would be {F(corr / eq)}x equity (limit {F(_limits.MaxCorrelatedExposure)}x)"));
        }

        if (withVar && _model.HasHistory)
        {
            // Asked only yes or no, the O(1) checks (volatility target, loss at the stop) go before the VaR pass over
            // the return window: the answer is the same (every check must pass), and when one of them is the binding
            // limit each step of the size search no longer pays for a VaR. With failures wanted, they are listed in
            // the usual order.
            if (failures is null && (!VolatilityTargetOk(c, post, eq, tol, out _) || !LossAtStopOk(c, q, eq, tol, out _, out _))) return false;
            var v = _model.VarWithTrade(id, dn);
            if (!Within(v, _model.ValueAtRisk, _limits.MaxVar * eq, tol))
            {
                ok = false;
                if (failures is null) return false;
                failures.Add(new(RiskCodes.Var, $"{_model.Method.ToString().ToLowerInvariant()} VaR({F(_model.Confidence * 100, 1)}%, {ConfigDurations.Format(_limits.VarHorizon)}) would be {F(v / eq * 100)}% of equity (limit {F(_limits.MaxVar * 100)}%)"));
            }

            if (!VolatilityTargetOk(c, post, eq, tol, out var volPost))
            {
                ok = false;
                if (failures is null) return false;
                failures.Add(new(RiskCodes.PositionVolTarget, $"{c.Instrument.Symbol} position volatility would be {F(volPost / eq * 100)}% of equity a year (target {F(_limits.PositionVolTarget * 100)}%)"));
            }
        }

        if (!LossAtStopOk(c, q, eq, tol, out var atStop, out var budget))
        {
            ok = false;
            if (failures is null) return false;
            failures.Add(new(RiskCodes.DailyLossAtStop, $"a stop-out would lose {F(atStop)} {c.Prices.AccountCurrency}, more than the {F(Math.Max(budget, 0))} left of today's loss limit"));
        }
        return ok;
    }

    /// <summary>A stop-out of the order would not lose more than what is left of today's loss limit.</summary>
    private bool LossAtStopOk(in SizeContext c, double q, double eq, double tol, out double atStop, out double budget)
    {
        var dayStart = c.Portfolio.DayStartEquity > 0 ? c.Portfolio.DayStartEquity : eq;
        budget = _limits.MaxDailyLoss * dayStart - Math.Max(0, dayStart - eq);
        atStop = q * c.StopDistance * c.QuoteToAccount;
        return !(atStop > budget + tol);
    }

    /// <summary>The position's annualised volatility after the trade within the target (or no worse than before); true when no target applies.</summary>
    private bool VolatilityTargetOk(in SizeContext c, double post, double eq, double tol, out double volPost)
    {
        volPost = 0;
        if (!(_limits.PositionVolTarget > 0)) return true;
        var sigma = Math.Sqrt(Math.Max(_model.History.Variance(c.Instrument.Id), 0)) * Math.Sqrt(_periodsPerYear);
        if (!(sigma > 0)) return true;
        volPost = Math.Abs(post) * c.BaseToAccount * sigma;
        var volPre = Math.Abs(c.Units) * c.BaseToAccount * sigma;
        return Within(volPost, volPre, _limits.PositionVolTarget * eq, tol);
    }

    private bool CurrencyOk(int currency, double gross, double net, double equity, double tol, List<RiskReason>? failures)
    {
        var ok = true;
        if (!Within(gross, _exposure.GrossOf(currency), _grossLimit[currency] * equity, tol))
        {
            ok = false;
            failures?.Add(new(RiskCodes.CurrencyGross, $"{_currencies[currency]} gross exposure would be {F(gross / equity)}x equity (limit {F(_grossLimit[currency])}x)"));
        }
        if (!Within(Math.Abs(net), Math.Abs(_exposure.NetOf(currency)), _netLimit[currency] * equity, tol))
        {
            ok = false;
            failures?.Add(new(RiskCodes.CurrencyNet, $"{_currencies[currency]} net exposure would be {F(net / equity)}x equity (limit ±{F(_netLimit[currency])}x)"));
        }
        return ok;
    }

    /// <summary>Within the limit, or no worse than before the trade.</summary>
    private static bool Within(double post, double pre, double limit, double tol) => post <= limit + tol || post <= pre + tol;

    private RiskAssessment Approve(in SizeContext c, long k, double stepUnits, decimal targetUnits, string method, RiskMetrics before, IReadOnlyList<string> notes)
    {
        var units = Units.Normalize(k * (c.Instrument.LotStep * c.Instrument.ContractSize));
        return new RiskAssessment
        {
            Approved = true, ApprovedUnits = units, TargetUnits = Units.Normalize(Math.Round(targetUnits, 2)), SizingMethod = method, RiskReducing = false,
            Rejections = [], Notes = notes, Before = before, After = MetricsAfter(c.Portfolio, c.Prices, c.Instrument.Id, c.Units, c.Side * (double)units),
        };
    }

    private static RiskAssessment Reject(string code, string message, RiskMetrics before, string method, bool reducing, decimal target) =>
        Rejected([new RiskReason(code, message)], before, method, target, null);

    private static RiskAssessment Rejected(IReadOnlyList<RiskReason> reasons, RiskMetrics before, string method, decimal target, HaltSource? halt) => new()
    {
        Approved = false, ApprovedUnits = 0, TargetUnits = Units.Normalize(target), SizingMethod = method, RiskReducing = false,
        Rejections = reasons, Notes = [], Before = before, HaltTriggered = halt,
    };

    private static decimal RoundDownToStep(Instrument inst, decimal units)
    {
        var step = inst.LotStep * inst.ContractSize;
        return Units.Normalize(Math.Floor(units / step) * step);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RiskMetrics MetricsNow(PortfolioSnapshot p)
    {
        var eq = p.Equity;
        int gi = 0, ni = 0;
        for (var c = 1; c < _currencies.Count; c++)
        {
            if (_exposure.GrossOf(c) > _exposure.GrossOf(gi)) gi = c;
            if (Math.Abs(_exposure.NetOf(c)) > Math.Abs(_exposure.NetOf(ni))) ni = c;
        }
        return Metrics(p, _exposure.GrossOf(gi), gi, _exposure.NetOf(ni), ni, _exposure.GrossNotional, _model.CorrelatedExposure, _model.ValueAtRisk, eq);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RiskMetrics MetricsAfter(PortfolioSnapshot p, MarketPrices prices, int id, double units, double delta)
    {
        var te = _exposure.WithTrade(id, units, delta, prices);
        int gi = -1, ni = -1;
        double g = double.MinValue, n = 0;
        for (var c = 0; c < _currencies.Count; c++)
        {
            var gross = c == te.BaseCurrency ? te.BaseGross : c == te.QuoteCurrency ? te.QuoteGross : _exposure.GrossOf(c);
            var net = c == te.BaseCurrency ? te.BaseNet : c == te.QuoteCurrency ? te.QuoteNet : _exposure.NetOf(c);
            if (gross > g) { g = gross; gi = c; }
            if (ni < 0 || Math.Abs(net) > Math.Abs(n)) { n = net; ni = c; }
        }
        var dn = delta * prices.ToAccount(_currencies.BaseOf(id));
        return Metrics(p, g, gi, n, ni, te.GrossNotional, _model.CorrelatedExposureWithTrade(id, dn), _model.VarWithTrade(id, dn), p.Equity);
    }

    private RiskMetrics Metrics(PortfolioSnapshot p, double gross, int gi, double net, int ni, double grossNotional, double corr, double var, double eq)
    {
        var safe = eq > 0 ? eq : double.NaN;
        return new RiskMetrics(
            eq,
            p.DayStartEquity > 0 ? (eq - p.DayStartEquity) / p.DayStartEquity : 0,
            p.PeakEquity > 0 ? Math.Max(0, (p.PeakEquity - eq) / p.PeakEquity) : 0,
            grossNotional / safe,
            _currencies[gi].Code, gross / safe,
            _currencies[ni].Code, net / safe,
            corr / safe,
            var / safe);
    }

    private static string F(double v, int decimals = 2) => ReasonNumber.Format(v, decimals);
}
