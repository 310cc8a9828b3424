using System.Globalization;
using Platform3.Core.Domain;

namespace Platform3.Trading.Orders;

/// <summary>A refusal: a machine-readable reason and a message that names the field and what was expected.</summary>
public readonly record struct Rejection(RejectReason Reason, string Message)
{
    public static readonly Rejection None = new(RejectReason.None, "");
    public bool IsRejected => Reason != RejectReason.None;
}

/// <summary>
/// Static checks on an order request: size on the lot grid, prices on the tick grid and present exactly
/// where the type needs them, a coherent time in force, and bracket children on the correct side of the
/// entry. It never rounds or clamps anything: a bad request is refused with a reason.
/// </summary>
public static class OrderValidator
{
    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <param name="request">The request.</param>
    /// <param name="nowUtc">Current engine time, for GTD expiries.</param>
    /// <param name="bid">Current bid (NaN when no quote yet); used as a market bracket's reference.</param>
    /// <param name="ask">Current ask (NaN when no quote yet).</param>
    public static Rejection Validate(OrderRequest request, DateTime nowUtc, double bid, double ask)
    {
        var r = ValidateSize(request.Instrument, request.Quantity);
        if (r.IsRejected) return r;
        r = ValidatePrices(request);
        if (r.IsRejected) return r;
        r = ValidateTimeInForce(request, nowUtc);
        if (r.IsRejected) return r;
        return ValidateBracket(request, bid, ask);
    }

    public static Rejection ValidateSize(Instrument instrument, decimal units)
    {
        if (units <= 0)
            return new(RejectReason.NonPositiveSize, $"quantity: expected a positive number of units, got {S(units)}");
        var rules = SizeRules.Of(instrument);
        var step = rules.Step;
        if (!rules.IsMultipleOfStep(units))
            return new(RejectReason.SizeOffLotStep,
                $"quantity: expected a multiple of the lot step {S(instrument.LotStep)} lots ({S(step)} units), got {S(units)} units");
        // Compare in units so the common, valid case needs no decimal division.
        if (units < rules.MinUnits)
            return new(RejectReason.SizeBelowMinimum, $"quantity: {S(units / instrument.ContractSize)} lots is below the minimum {S(instrument.MinLot)} lots");
        if (units > rules.MaxUnits)
            return new(RejectReason.SizeAboveMaximum, $"quantity: {S(units / instrument.ContractSize)} lots is above the maximum {S(instrument.MaxLot)} lots");
        return Rejection.None;
    }

    public static Rejection ValidatePrice(Instrument instrument, string field, decimal price)
    {
        if (price <= 0) return new(RejectReason.NonPositivePrice, $"{field}: expected a positive price, got {S(price)}");
        if (!instrument.IsOnTick(price))
            return new(RejectReason.PriceOffTick,
                $"{field}: {S(price)} is off the tick size {S(instrument.TickSize)} of {instrument.Symbol} ({instrument.PricePrecision} decimals)");
        return Rejection.None;
    }

    private static Rejection ValidatePrices(OrderRequest q)
    {
        var (needLimit, needStop, needOffset) = q.Type switch
        {
            OrderType.Market => (false, false, false),
            OrderType.Limit => (true, false, false),
            OrderType.Stop => (false, true, false),
            OrderType.StopLimit => (true, true, false),
            OrderType.TrailingStop => (false, false, true),
            _ => throw new ArgumentOutOfRangeException(nameof(q)),
        };
        var r = Presence(q.LimitPrice, needLimit, "limit price", q.Type);
        if (r.IsRejected) return r;
        r = Presence(q.StopPrice, needStop, "stop price", q.Type);
        if (r.IsRejected) return r;
        r = Presence(q.TrailingOffset, needOffset, "trailing offset", q.Type);
        if (r.IsRejected) return r;
        if (q.LimitPrice is { } l && (r = ValidatePrice(q.Instrument, "limit price", l)).IsRejected) return r;
        if (q.StopPrice is { } s && (r = ValidatePrice(q.Instrument, "stop price", s)).IsRejected) return r;
        if (q.TrailingOffset is { } o && (r = ValidatePrice(q.Instrument, "trailing offset", o)).IsRejected) return r;
        if (q.StopLoss is { } sl && (r = ValidatePrice(q.Instrument, "stop-loss", sl)).IsRejected) return r;
        if (q.TakeProfit is { } tp && (r = ValidatePrice(q.Instrument, "take-profit", tp)).IsRejected) return r;
        return Rejection.None;
    }

    private static Rejection Presence(decimal? value, bool needed, string field, OrderType type)
    {
        if (needed && value is null) return new(RejectReason.MissingPrice, $"{field}: required for a {type} order");
        if (!needed && value is not null) return new(RejectReason.UnexpectedPrice, $"{field}: a {type} order has none, got {S(value.Value)}");
        return Rejection.None;
    }

    private static Rejection ValidateTimeInForce(OrderRequest q, DateTime nowUtc)
    {
        if (q.TimeInForce == TimeInForce.Gtd)
        {
            if (q.ExpireAt is not { } at) return new(RejectReason.InvalidExpiry, "expire_at: required for a GTD order");
            if (at.Ticks <= nowUtc.Ticks)
                return new(RejectReason.ExpiryInPast, $"expire_at: {at:yyyy-MM-dd HH:mm:ss} UTC is not after the current time {nowUtc:yyyy-MM-dd HH:mm:ss} UTC");
        }
        else if (q.ExpireAt is not null)
            return new(RejectReason.InvalidExpiry, $"expire_at: only a GTD order takes an expiry, this one is {q.TimeInForce}");
        return Rejection.None;
    }

    /// <summary>
    /// The entry a bracket's children are judged against: the limit for a limit or stop-limit, the stop for a
    /// stop, and the current quote the entry would take for a market or trailing entry.
    /// </summary>
    private static Rejection ValidateBracket(OrderRequest q, double bid, double ask)
    {
        if (!q.IsBracket) return Rejection.None;
        if (q.PositionId is not null || q.ReduceOnly)
            return new(RejectReason.UnexpectedPrice, "stop-loss/take-profit: a closing or reduce-only order cannot carry bracket children");
        decimal? reference = q.Type switch
        {
            OrderType.Limit or OrderType.StopLimit => q.LimitPrice,
            OrderType.Stop => q.StopPrice,
            _ => q.Side == OrderSide.Buy
                ? (double.IsNaN(ask) ? null : q.Instrument.RoundPrice(ask).Value)
                : (double.IsNaN(bid) ? null : q.Instrument.RoundPrice(bid).Value),
        };
        if (reference is not { } entry) return Rejection.None; // no quote yet: the broker checks again on the fill
        var buy = q.Side == OrderSide.Buy;
        if (q.StopLoss is { } sl && (buy ? sl >= entry : sl <= entry))
            return new(RejectReason.StopLossWrongSide,
                $"stop-loss: {S(sl)} must be {(buy ? "below" : "above")} the {(buy ? "buy" : "sell")} entry {S(entry)}");
        if (q.TakeProfit is { } tp && (buy ? tp <= entry : tp >= entry))
            return new(RejectReason.TakeProfitWrongSide,
                $"take-profit: {S(tp)} must be {(buy ? "above" : "below")} the {(buy ? "buy" : "sell")} entry {S(entry)}");
        return Rejection.None;
    }
}

/// <summary>
/// An instrument's size limits in units, worked out once per instrument rather than per order (the last
/// instrument's are kept; a run trades a few). The lot-step check takes whole numbers when it can: for a whole
/// number of units and a whole step, u mod step in integers is zero exactly when the decimal remainder is.
/// </summary>
internal sealed class SizeRules
{
    private static SizeRules? _last;

    private SizeRules(Instrument instrument)
    {
        Instrument = instrument;
        Step = instrument.LotStep * instrument.ContractSize;
        MinUnits = instrument.MinLot * instrument.ContractSize;
        MaxUnits = instrument.MaxLot * instrument.ContractSize;
        if (Step > 0 && Step == decimal.Truncate(Step) && Step <= long.MaxValue) _wholeStep = (long)Step;
    }

    private readonly long _wholeStep;

    public Instrument Instrument { get; }
    public decimal Step { get; }
    public decimal MinUnits { get; }
    public decimal MaxUnits { get; }

    public static SizeRules Of(Instrument instrument)
    {
        var r = _last; // one reference read: another thread may swap in another instrument's rules, never half of them
        if (r is null || !ReferenceEquals(r.Instrument, instrument)) _last = r = new SizeRules(instrument);
        return r;
    }

    public bool IsMultipleOfStep(decimal units)
    {
        if (_wholeStep > 0 && units > 0 && units <= 1_000_000_000_000_000m && units == decimal.Truncate(units))
            return (long)units % _wholeStep == 0;
        return units % Step == 0;
    }
}
