using System.Runtime.CompilerServices;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Audit;

/// <summary>
/// Writes every decision (and the orders and fills that follow from it) into the hash-chained audit log.
/// Orders and fills reference their decision id, so <c>p3 audit explain</c> can walk from signals to fills.
/// </summary>
public sealed class DecisionLogger(IAuditLog log)
{
    private readonly DecisionEventJson _json = new();
    // Order and fill records are written by hand too, byte for byte what the Utf8JsonWriter that wrote them before
    // produced (doubles in its shortest round-trip form, decimals as their invariant text in strings): no closure,
    // no writer state and no decimal strings per record.
    private readonly CanonicalJsonWriter _eventWriter = new(512);

    public IAuditLog Log => log;

    // The in-memory log (backtests) is called directly, and told the payload came from the canonical writer (valid
    // UTF-8 by construction, not scanned again): an interface call and a scan of every record were measurable.
    private readonly InMemoryAuditLog? _memory = log as InMemoryAuditLog;

    private void Append(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        if (_memory is { } memory) memory.AppendWritten(kind, refId, timeUtc, utf8Payload, digest);
        else log.AppendUtf8Digest(kind, refId, timeUtc, utf8Payload, digest);
    }

    /// <summary>Persists the decision and returns it with its record hash.</summary>
    public TradingDecisionEvent LogDecision(TradingDecisionEvent decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Append(AuditKinds.Decision, decision.DecisionId, decision.Timestamp, _json.SerializeUtf8(decision), decision.RecordDigest);
        decision.MarkRecordDigestWritten();
        return decision;
    }

    /// <summary>An order event of the trading engine that belongs to a decision.</summary>
    public string LogOrder(string decisionId, DateTime timeUtc, string orderId, string eventName, string symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason)
    {
        Span<byte> digest = stackalloc byte[AuditChain.DigestBytes];
        AppendOrder(decisionId, timeUtc, orderId, eventName, symbol, side, quantity, orderType, price, reason, digest);
        return AuditChain.LowerHex(digest);
    }

    /// <summary><see cref="LogOrder"/> for hosts that do not need the hash: the digest goes to <paramref name="digest"/>, no string is made.</summary>
    internal void AppendOrder(string decisionId, DateTime timeUtc, string orderId, string eventName, string symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason, Span<byte> digest) =>
        Append(AuditKinds.Order, decisionId, timeUtc, OrderJson(new OrderRef(orderId), eventName, symbol, side, quantity, orderType, price, reason), digest);

    /// <summary><see cref="AppendOrder(string, DateTime, string, string, string, string, decimal, string, decimal?, string?, Span{byte})"/> with the order's id written from its number (no id string).</summary>
    internal void AppendOrder(string decisionId, DateTime timeUtc, OrderId orderId, string eventName, string symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason, Span<byte> digest) =>
        Append(AuditKinds.Order, decisionId, timeUtc, OrderJson(new OrderRef(orderId), eventName, symbol, side, quantity, orderType, price, reason), digest);

    /// <summary>A fill of an order that belongs to a decision, with slippage against the decision price.</summary>
    public string LogFill(string decisionId, DateTime timeUtc, string orderId, string symbol, string side, decimal quantity, decimal price,
        double decisionPrice, double slippagePips, decimal commission)
    {
        Span<byte> digest = stackalloc byte[AuditChain.DigestBytes];
        AppendFill(decisionId, timeUtc, orderId, symbol, side, quantity, price, decisionPrice, slippagePips, commission, digest);
        return AuditChain.LowerHex(digest);
    }

    /// <summary><see cref="LogFill"/> for hosts that do not need the hash: the digest goes to <paramref name="digest"/>, no string is made.</summary>
    internal void AppendFill(string decisionId, DateTime timeUtc, string orderId, string symbol, string side, decimal quantity, decimal price,
        double decisionPrice, double slippagePips, decimal commission, Span<byte> digest) =>
        Append(AuditKinds.Fill, decisionId, timeUtc, FillJson(new OrderRef(orderId), symbol, side, quantity, price, decisionPrice, slippagePips, commission), digest);

    /// <summary><see cref="AppendFill(string, DateTime, string, string, string, decimal, decimal, double, double, decimal, Span{byte})"/> with the order's id written from its number (no id string).</summary>
    internal void AppendFill(string decisionId, DateTime timeUtc, OrderId orderId, string symbol, string side, decimal quantity, decimal price,
        double decisionPrice, double slippagePips, decimal commission, Span<byte> digest) =>
        Append(AuditKinds.Fill, decisionId, timeUtc, FillJson(new OrderRef(orderId), symbol, side, quantity, price, decisionPrice, slippagePips, commission), digest);

    /// <summary>
    /// An order's id as a record holds it: the text given, or an <see cref="OrderId"/> whose text ("O" and its number)
    /// is written straight from the number.
    /// </summary>
    internal readonly struct OrderRef
    {
        private readonly string? _text;
        private readonly OrderId _id;

        public OrderRef(string text) => _text = text;

        public OrderRef(OrderId id) => _id = id;

        public void Write(CanonicalJsonWriter w)
        {
            if (_text is not null) w.String("order_id"u8, _text);
            else if (!w.PrefixedNumber("order_id"u8, (byte)'O', _id.Value)) w.String("order_id"u8, _id.ToString());
        }
    }

    /// <summary>The payload of an order record (valid until the next record is written).</summary>
    internal ReadOnlySpan<byte> OrderJson(string orderId, string eventName, string symbol, string side, decimal quantity, string orderType,
        decimal? price, string? reason) => OrderJson(new OrderRef(orderId), eventName, symbol, side, quantity, orderType, price, reason);

    internal ReadOnlySpan<byte> OrderJson(OrderRef orderId, string eventName, string symbol, string side, decimal quantity, string orderType,
        decimal? price, string? reason)
    {
        var w = _eventWriter;
        w.Reset();
        w.StartObject();
        orderId.Write(w);
        w.String("event"u8, eventName);
        w.String("symbol"u8, symbol);
        w.String("side"u8, side);
        w.Decimal("quantity"u8, quantity);
        w.String("order_type"u8, orderType);
        if (price is { } p) w.Decimal("price"u8, p); else w.Null("price"u8);
        w.String("reason"u8, reason);
        w.EndObject();
        return w.Written;
    }

    /// <summary>The payload of a fill record (valid until the next record is written).</summary>
    internal ReadOnlySpan<byte> FillJson(string orderId, string symbol, string side, decimal quantity, decimal price, double decisionPrice,
        double slippagePips, decimal commission) => FillJson(new OrderRef(orderId), symbol, side, quantity, price, decisionPrice, slippagePips, commission);

    internal ReadOnlySpan<byte> FillJson(OrderRef orderId, string symbol, string side, decimal quantity, decimal price, double decisionPrice,
        double slippagePips, decimal commission)
    {
        var w = _eventWriter;
        w.Reset();
        w.StartObject();
        orderId.Write(w);
        w.String("symbol"u8, symbol);
        w.String("side"u8, side);
        w.Decimal("quantity"u8, quantity);
        w.Decimal("price"u8, price);
        w.RoundTrip("decision_price"u8, decisionPrice);
        w.RoundTrip("slippage_pips"u8, slippagePips);
        w.Decimal("commission"u8, commission);
        w.EndObject();
        return w.Written;
    }
}
