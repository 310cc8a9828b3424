using System.Runtime.CompilerServices;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Decisions;

/// <summary>
/// Runs one decision cycle per symbol: collect the signals, fuse them, apply the decision rules, assess risk and
/// size, plan the execution, persist a <see cref="TradingDecisionEvent"/> (HOLDs and rejections too) and hand
/// approved plans to the execution gateway. It also owns the automatic halts (daily loss, drawdown) and reacts
/// to the kill switch by cancelling working orders and, when asked, flattening.
/// The host (a backtest strategy today, the paper and live runners later) keeps <see cref="Prices"/> and
/// <see cref="Portfolio"/> current and calls <see cref="Decide"/> at each close of its timeframe (or on a quote
/// for tick strategies). Nothing here reads a wall clock, so a replay gives the same decisions.
/// </summary>
public sealed class DecisionMaster
{
    private readonly DecisionEngineConfig _config;
    private readonly FxCalendar _calendar;
    private readonly IExecutionGateway _gateway;
    private readonly DecisionLogger _logger;
    private readonly string _runId;
    private long _sequence;

    public MarketPrices Prices { get; }
    public PortfolioSnapshot Portfolio { get; }
    public ReturnHistory Returns { get; }
    public EquityTracker Equity { get; }
    public SignalAggregator Aggregator { get; }
    public DecisionSynthesizer Synthesizer { get; }
    public RiskEvaluator Risk { get; }
    public ExecutionPlanner Planner { get; }
    public KillSwitch KillSwitch { get; }
    public DecisionRules Rules => _config.Rules;
    public RiskLimits Limits => _config.Limits;
    public long Decisions => _sequence;

    /// <summary>Raised after each decision is persisted (monitoring, reports).</summary>
    public event Action<TradingDecisionEvent>? Decided;

    public DecisionMaster(DecisionEngineConfig config, InstrumentCatalog catalog, FxCalendar calendar, Currency accountCurrency,
        IAuditLog audit, KillSwitch killSwitch, IExecutionGateway gateway, string runId = "D")
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(killSwitch);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _config = config;
        _calendar = calendar;
        _gateway = gateway;
        _runId = runId;
        _logger = new DecisionLogger(audit);
        var currencies = new CurrencyIndex(catalog);
        Prices = new MarketPrices(currencies, accountCurrency);
        Portfolio = new PortfolioSnapshot(catalog, accountCurrency);
        var limits = config.Limits;
        Returns = new ReturnHistory(catalog.Count, limits.ReturnSample, limits.ReturnWindow);
        var model = new PortfolioRiskModel(Returns, limits.VarMethod, limits.VarConfidence, limits.VarHorizon, limits.MinObservations);
        Equity = new EquityTracker(calendar);
        KillSwitch = killSwitch;
        Aggregator = new SignalAggregator(config.Rules);
        Synthesizer = new DecisionSynthesizer(config.Rules, calendar, catalog);
        Risk = new RiskEvaluator(limits, currencies, calendar, config.News, model, killSwitch);
        Planner = new ExecutionPlanner(config.Rules, calendar);
        killSwitch.Changed += OnKillSwitch;
    }

    public DecisionLogger Logger => _logger;

    /// <summary>A new quote (or bar close) for an instrument: prices for valuation and the return window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnQuote(Instrument instrument, DateTime timeUtc, double bid, double ask)
    {
        Prices.Set(instrument, timeUtc.Ticks, bid, ask);
        Returns.Observe(timeUtc.Ticks, Prices);
    }

    /// <summary>Marks equity (the host calls this with its account's equity before deciding).</summary>
    public void MarkEquity(DateTime timeUtc, double equity)
    {
        Equity.Mark(timeUtc.Ticks, equity);
        Equity.Fill(Portfolio);
    }

    private void OnKillSwitch(KillSwitchState state)
    {
        if (!state.Halted) return;
        _gateway.CancelAllWorking($"kill switch: {state.Reason}");
        if (state.Flatten) _gateway.FlattenAll($"kill switch: {state.Reason}");
    }

    /// <summary>Checks the account limits and lifts a daily-loss halt on a new trading day, when configured.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GuardAccount(DateTime nowUtc)
    {
        KillSwitch.Refresh();
        var breach = Risk.AccountBreach(Portfolio);
        var state = KillSwitch.State;
        if (breach is { } source)
        {
            if (!state.Halted) KillSwitch.Halt(source, Risk.BreachReason(Portfolio, source), Limits.FlattenOnAutoHalt, nowUtc, "risk");
            return;
        }
        if (state.Halted && state.Source == HaltSource.DailyLoss && state.By == "risk" && Limits.DailyLossResume == DailyLossResume.NextTradingDay
            && _calendar.TradingDayOf(nowUtc.Ticks) > _calendar.TradingDayOf(state.ChangedUtc.Ticks))
            KillSwitch.Resume("new trading day: the daily loss limit resets", nowUtc, "risk");
    }

    /// <summary>One decision cycle for one symbol. Returns the persisted event; approved plans were submitted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TradingDecisionEvent Decide(Instrument instrument, DateTime nowUtc, ReadOnlySpan<SignalInput> signals, in MarketContext market)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        foreach (ref readonly var s in signals)
            if (!string.Equals(s.Symbol, instrument.Symbol, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"a {s.Symbol} signal from {s.Source} was passed to the {instrument.Symbol} decision", nameof(signals));
        GuardAccount(nowUtc);
        var id = DecisionId(++_sequence);

        // Lists are made only when something goes in them (most cycles are HOLDs without plans, many without models).
        var weighted = signals.Length == 0 ? [] : new WeightedSignal[signals.Length];
        // The distinct models in signal order; a list only when there are two or more (one model is the usual case).
        string? firstModel = null;
        List<string>? models = null;
        for (var i = 0; i < signals.Length; i++)
        {
            weighted[i] = new WeightedSignal(signals[i], signals[i].IsActiveAt(nowUtc) ? Aggregator.WeightOf(signals[i].Source) : 0);
            if (signals[i].Model is not { } m) continue;
            if (firstModel is null) firstModel = m;
            else if (models is null ? m != firstModel : !models.Contains(m)) (models ??= [firstModel]).Add(m);
        }
        IReadOnlyList<string> modelVersions = models ?? (firstModel is null ? [] : OneModel(firstModel));
        var fused = Aggregator.Fuse(signals, nowUtc);
        Aggregator.Observe(instrument, nowUtc, signals, Prices);

        var position = Portfolio.Units(instrument);
        var decision = Synthesizer.Decide(instrument, fused, position, nowUtc);
        List<ExecutionPlan>? plans = null;
        RiskAssessment? risk = null;
        var reason = decision.Reason;
        var hasQuote = Prices.Has(instrument);
        var bid = hasQuote ? Prices.Bid(instrument) : double.NaN;
        var ask = hasQuote ? Prices.Ask(instrument) : double.NaN;

        switch (decision.Type)
        {
            case DecisionType.Buy or DecisionType.Sell:
            {
                var side = decision.Type == DecisionType.Buy ? PlanSide.Buy : PlanSide.Sell;
                if (decision.Flip && position != 0)
                {
                    var held = (decimal)Math.Abs(position);
                    var close = Risk.Evaluate(new OrderIntent(instrument, (int)side, double.NaN, double.NaN, double.NaN, 0, market.Atr, held), Portfolio, Prices, nowUtc);
                    if (close.Approved) (plans ??= new List<ExecutionPlan>(2)).Add(Planner.PlanExit(id, instrument, side, close.ApprovedUnits, true, bid, ask, nowUtc));
                }
                var priced = Planner.PriceOpening(instrument, side, bid, ask, market, out var why);
                if (priced is not { } p)
                {
                    reason += $"; not executed: {why}";
                    break;
                }
                var intent = new OrderIntent(instrument, (int)side, p.Entry, p.StopLoss, p.TakeProfit, fused.Confidence, market.Atr);
                risk = decision.Flip ? EvaluateAsFlat(instrument, position, intent, nowUtc) : Risk.Evaluate(intent, Portfolio, Prices, nowUtc);
                if (risk.Approved)
                {
                    (plans ??= new List<ExecutionPlan>(1)).Add(Planner.PlanOpening(id, instrument, side, risk.ApprovedUnits, p, nowUtc));
                    Synthesizer.RecordEntry(instrument, nowUtc);
                }
                else reason += "; rejected by risk";
                break;
            }
            case DecisionType.Close or DecisionType.Reduce:
            {
                var side = position > 0 ? PlanSide.Sell : PlanSide.Buy;
                var held = (decimal)Math.Abs(position);
                var whole = decision.Type == DecisionType.Close;
                var units = whole ? held : RoundDown(instrument, held * (decimal)Rules.ReduceFraction);
                if (units <= 0)
                {
                    reason += "; position too small to reduce by a lot step";
                    break;
                }
                risk = Risk.Evaluate(new OrderIntent(instrument, (int)side, double.NaN, double.NaN, double.NaN, 0, market.Atr, units), Portfolio, Prices, nowUtc);
                if (risk.Approved) (plans ??= new List<ExecutionPlan>(1)).Add(Planner.PlanExit(id, instrument, side, risk.ApprovedUnits, whole, bid, ask, nowUtc));
                break;
            }
        }

        var evt = _logger.LogDecision(new TradingDecisionEvent
        {
            DecisionId = id,
            Timestamp = nowUtc,
            Symbol = instrument.Symbol,
            DecisionType = decision.Type,
            Confidence = decision.Confidence,
            Reason = reason,
            SignalSources = weighted,
            Fusion = fused,
            PositionBefore = position,
            RiskAssessment = risk,
            ExecutionPlans = (IReadOnlyList<ExecutionPlan>?)plans ?? [],
            ModelVersions = modelVersions,
            FeatureVectorHash = market.FeatureVectorHash,
            FeatureDigest = market.FeatureDigest,
            Halted = KillSwitch.IsHalted,
        });
        if (plans is not null)
            foreach (var plan in plans) _gateway.Submit(plan);
        Decided?.Invoke(evt);
        return evt;
    }

    /// <summary>
    /// The model list of a decision that one model scored: the read-only list made for that name last time (the same
    /// model scores cycle after cycle), not a new one per decision.
    /// </summary>
    private IReadOnlyList<string> OneModel(string model)
    {
        if (_oneModel is { } last && last[0] == model) return last;
        return _oneModel = Array.AsReadOnly(new[] { model });
    }

    private System.Collections.ObjectModel.ReadOnlyCollection<string>? _oneModel;

    private string DecisionId(long sequence) => FormatDecisionId(_runId, sequence);

    /// <summary>
    /// RUN-0000001: the run id and the sequence number (not negative) in at least seven digits, what
    /// <c>ToString("D7")</c> writes. Written straight into the one string made: the "D7" format was parsed per decision.
    /// </summary>
    internal static string FormatDecisionId(string runId, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var digits = 7;
        for (var rest = sequence / 10_000_000; rest > 0; rest /= 10) digits++;
        return string.Create(runId.Length + 1 + digits, (runId, sequence), static (text, id) =>
        {
            id.runId.CopyTo(text);
            text[id.runId.Length] = '-';
            var value = (ulong)id.sequence;
            for (var i = text.Length - 1; i > id.runId.Length; i--)
            {
                var q = value / 10;
                text[i] = (char)('0' + (int)(value - q * 10));
                value = q;
            }
        });
    }

    /// <summary>The opening half of a flip is assessed as if the closing half had already filled.</summary>
    private RiskAssessment EvaluateAsFlat(Instrument instrument, double position, in OrderIntent intent, DateTime nowUtc)
    {
        var avg = Portfolio.AveragePrice(instrument);
        Portfolio.SetPosition(instrument, 0);
        try { return Risk.Evaluate(intent, Portfolio, Prices, nowUtc); }
        finally { Portfolio.SetPosition(instrument, position, avg); }
    }

    private static decimal RoundDown(Instrument instrument, decimal units)
    {
        var step = instrument.LotStep * instrument.ContractSize;
        return Math.Floor(units / step) * step;
    }
}
