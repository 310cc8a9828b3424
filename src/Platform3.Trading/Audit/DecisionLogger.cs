using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Platform3.Trading.Audit;

/// <summary>
/// Writes every decision (and the orders and fills that follow from it) into the hash-chained audit log.
/// Orders and fills reference their decision id, so <c>p3 audit explain</c> can walk from signals to fills.
/// </summary>
public sealed class DecisionLogger(IAuditLog log)
{
    private readonly DecisionEventJson _json = new();
    private readonly ArrayBufferWriter<byte> _eventBuffer = new(512);
    private readonly Utf8JsonWriter _eventWriter = new(Stream.Null);

    public IAuditLog Log => log;

    /// <summary>Persists the decision and returns it with its record hash.</summary>
    public TradingDecisionEvent LogDecision(TradingDecisionEvent decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        decision.RecordHash = log.AppendUtf8(AuditKinds.Decision, decision.DecisionId, decision.Timestamp, _json.SerializeUtf8(decision));
        return decision;
    }

    /// <summary>An order event of the trading engine that belongs to a decision.</summary>
    public string LogOrder(string decisionId, DateTime timeUtc, string orderId, string eventName, string symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason) =>
        log.AppendUtf8(AuditKinds.Order, decisionId, timeUtc, Write(w =>
        {
            w.WriteString("order_id", orderId);
            w.WriteString("event", eventName);
            w.WriteString("symbol", symbol);
            w.WriteString("side", side);
            w.WriteString("quantity", quantity.ToString(CultureInfo.InvariantCulture));
            w.WriteString("order_type", orderType);
            if (price is { } p) w.WriteString("price", p.ToString(CultureInfo.InvariantCulture)); else w.WriteNull("price");
            if (reason is null) w.WriteNull("reason"); else w.WriteString("reason", reason);
        }));

    /// <summary>A fill of an order that belongs to a decision, with slippage against the decision price.</summary>
    public string LogFill(string decisionId, DateTime timeUtc, string orderId, string symbol, string side, decimal quantity, decimal price,
        double decisionPrice, double slippagePips, decimal commission) =>
        log.AppendUtf8(AuditKinds.Fill, decisionId, timeUtc, Write(w =>
        {
            w.WriteString("order_id", orderId);
            w.WriteString("symbol", symbol);
            w.WriteString("side", side);
            w.WriteString("quantity", quantity.ToString(CultureInfo.InvariantCulture));
            w.WriteString("price", price.ToString(CultureInfo.InvariantCulture));
            if (double.IsFinite(decisionPrice)) w.WriteNumber("decision_price", decisionPrice); else w.WriteNull("decision_price");
            if (double.IsFinite(slippagePips)) w.WriteNumber("slippage_pips", slippagePips); else w.WriteNull("slippage_pips");
            w.WriteString("commission", commission.ToString(CultureInfo.InvariantCulture));
        }));

    /// <summary>An order or fill record through one reused writer and buffer (same bytes as a fresh writer).</summary>
    private ReadOnlySpan<byte> Write(Action<Utf8JsonWriter> body)
    {
        _eventBuffer.ResetWrittenCount();
        _eventWriter.Reset(_eventBuffer);
        _eventWriter.WriteStartObject();
        body(_eventWriter);
        _eventWriter.WriteEndObject();
        _eventWriter.Flush();
        return _eventBuffer.WrittenSpan;
    }
}
