using System.Runtime.CompilerServices;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Decisions;

/// <summary>Entry, stop and target prices chosen for an opening order.</summary>
public readonly record struct PlannedPrices(double Reference, double Entry, double StopLoss, double TakeProfit, string StopMethod);

/// <summary>
/// Turns a decision into an <see cref="ExecutionPlan"/>: order type and entry, stop-loss and take-profit from ATR
/// multiples or beyond the nearest support/resistance, time in force, and slicing. Buys are priced off the ask and
/// sells off the bid; every price is on the instrument's tick grid, rounded in the trader's favour for limits and
/// away from the entry for stops.
/// </summary>
public sealed class ExecutionPlanner(DecisionRules rules, FxCalendar calendar)
{
    public DecisionRules Rules => rules;

    /// <summary>Prices for an opening order, or null with a reason when they cannot be set (no ATR, no quote).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PlannedPrices? PriceOpening(Instrument instrument, PlanSide side, double bid, double ask, in MarketContext market, out string reason)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!(bid > 0) || !(ask >= bid)) { reason = $"no valid quote for {instrument.Symbol}"; return null; }
        if (!(market.Atr > 0) || !double.IsFinite(market.Atr)) { reason = $"no ATR for {instrument.Symbol} yet"; return null; }
        var buy = side == PlanSide.Buy;
        var reference = buy ? ask : bid;
        var tick = instrument.TickSizeD;
        var pip = instrument.PipSizeD;
        double entry;
        if (rules.OrderType == EntryOrderType.Limit)
        {
            var raw = buy ? ask - rules.LimitOffsetPips * pip : bid + rules.LimitOffsetPips * pip;
            entry = buy ? Floor(raw, tick) : Ceil(raw, tick); // a better price, on the grid
        }
        else entry = reference;

        var atr = market.Atr;
        var minStop = Math.Max(rules.MinStopPips * pip, tick);
        var atrStop = Math.Max(rules.StopAtr * atr, minStop);
        double stopDistance = atrStop;
        double targetDistance = Math.Max(rules.TargetAtr * atr, minStop);
        var method = "atr";
        if (rules.Stops == StopPlacement.Levels)
        {
            var buffer = rules.LevelBufferPips * pip;
            var maxStop = rules.MaxStopAtr * atr;
            var level = buy ? market.Support : market.Resistance;
            var stopFromLevel = double.IsFinite(level) && (buy ? level < entry : level > entry) ? Math.Abs(entry - level) + buffer : double.NaN;
            var usedLevelStop = double.IsFinite(stopFromLevel) && stopFromLevel >= minStop && stopFromLevel <= maxStop;
            if (usedLevelStop) stopDistance = stopFromLevel;
            var opposite = buy ? market.Resistance : market.Support;
            var targetFromLevel = double.IsFinite(opposite) && (buy ? opposite > entry : opposite < entry) ? Math.Abs(opposite - entry) - buffer : double.NaN;
            var usedLevelTarget = double.IsFinite(targetFromLevel) && targetFromLevel >= minStop;
            if (usedLevelTarget) targetDistance = targetFromLevel;
            method = usedLevelStop && usedLevelTarget ? "levels" : usedLevelStop || usedLevelTarget ? "levels+atr" : "atr (no usable level)";
        }
        var stop = buy ? Floor(entry - stopDistance, tick) : Ceil(entry + stopDistance, tick);
        var target = buy ? Round(entry + targetDistance, tick) : Round(entry - targetDistance, tick);
        if (stop <= 0) { reason = $"stop {stop} would not be a positive price"; return null; }
        reason = "";
        return new PlannedPrices(reference, entry, stop, target, method);
    }

    /// <summary>The plan for an approved opening order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExecutionPlan PlanOpening(string decisionId, Instrument instrument, PlanSide side, decimal units, in PlannedPrices prices, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var limit = rules.OrderType == EntryOrderType.Limit;
        return new ExecutionPlan
        {
            DecisionId = decisionId,
            Instrument = instrument,
            Side = side,
            Purpose = PlanPurpose.Open,
            Units = Risk.Units.Normalize(units),
            OrderType = rules.OrderType,
            LimitPrice = limit ? instrument.RoundPrice(prices.Entry).Value : null,
            LimitTimeout = limit ? rules.LimitTimeout : null,
            OnLimitTimeout = rules.OnLimitTimeout,
            DecisionPrice = prices.Reference,
            StopLoss = instrument.RoundPrice(prices.StopLoss).Value,
            TakeProfit = instrument.RoundPrice(prices.TakeProfit).Value,
            TimeInForce = rules.TimeInForce,
            ExpiresUtc = Expiry(nowUtc),
            Slices = Slice(instrument, units),
            SliceInterval = rules.SliceInterval,
            StopMethod = prices.StopMethod,
            CreatedUtc = nowUtc,
        };
    }

    /// <summary>A market order that closes or reduces a position (no stop or target: it removes risk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExecutionPlan PlanExit(string decisionId, Instrument instrument, PlanSide side, decimal units, bool whole, double bid, double ask, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new ExecutionPlan
        {
            DecisionId = decisionId,
            Instrument = instrument,
            Side = side,
            Purpose = whole ? PlanPurpose.Close : PlanPurpose.Reduce,
            Units = Risk.Units.Normalize(units),
            OrderType = EntryOrderType.Market,
            DecisionPrice = side == PlanSide.Buy ? ask : bid,
            TimeInForce = PlanTimeInForce.Gtc,
            Slices = Slice(instrument, units),
            SliceInterval = rules.SliceInterval,
            CreatedUtc = nowUtc,
        };
    }

    private DateTime? Expiry(DateTime nowUtc) => rules.TimeInForce switch
    {
        PlanTimeInForce.Day => new DateTime(calendar.NextDailyCloseUtcTicks(nowUtc.Ticks), DateTimeKind.Utc),
        PlanTimeInForce.Gtd => nowUtc + rules.LimitTimeout,
        _ => null,
    };

    /// <summary>Splits sizes above the slicing threshold into children of <c>slice_lots</c> (whole lot steps), the remainder last.</summary>
    public IReadOnlyList<decimal> Slice(Instrument instrument, decimal units)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var contract = instrument.ContractSize;
        units = Units.Normalize(units);
        if (units <= rules.SliceAboveLots * contract) return [units];
        var step = instrument.LotStep * contract;
        var child = Math.Max(step, Math.Floor(rules.SliceLots * contract / step) * step);
        var slices = new List<decimal>();
        var left = units;
        while (left > 0)
        {
            var s = Math.Min(child, left);
            slices.Add(Units.Normalize(s));
            left -= s;
        }
        return slices;
    }

    private static double Floor(double v, double tick) => Math.Floor(v / tick + 1e-9) * tick;
    private static double Ceil(double v, double tick) => Math.Ceiling(v / tick - 1e-9) * tick;
    private static double Round(double v, double tick) => Math.Round(v / tick) * tick;
}
