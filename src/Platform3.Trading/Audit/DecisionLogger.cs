using System.Globalization;
using System.Text.Json;

namespace Platform3.Trading.Audit;

/// <summary>
/// Writes every decision (and the orders and fills that follow from it) into the hash-chained audit log.
/// Orders and fills reference their decision id, so <c>p3 audit explain</c> can walk from signals to fills.
/// </summary>
public sealed class DecisionLogger(IAuditLog log)
{
    private readonly DecisionEventJson _json = new();

    public IAuditLog Log => log;

    /// <summary>Persists the decision and returns it with its record hash.</summary>
    public TradingDecisionEvent LogDecision(TradingDecisionEvent decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = log.Append(AuditKinds.Decision, decision.DecisionId, decision.Timestamp, _json.Serialize(decision));
        decision.RecordHash = record.Hash;
        return decision;
    }

    /// <summary>An order event of the trading engine that belongs to a decision.</summary>
    public AuditRecord LogOrder(string decisionId, DateTime timeUtc, string orderId, string eventName, string symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason) =>
        log.Append(AuditKinds.Order, decisionId, timeUtc, Write(w =>
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
    public AuditRecord LogFill(string decisionId, DateTime timeUtc, string orderId, string symbol, string side, decimal quantity, decimal price,
        double decisionPrice, double slippagePips, decimal commission) =>
        log.Append(AuditKinds.Fill, decisionId, timeUtc, Write(w =>
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

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
