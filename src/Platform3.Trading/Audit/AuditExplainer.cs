using System.Globalization;
using System.Text.Json;

namespace Platform3.Trading.Audit;

/// <summary>Turns a decision's audit records (the decision, then its orders and fills) into readable lines.</summary>
public static class AuditExplainer
{
    public static IEnumerable<string> Explain(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var rec in records)
        {
            using var doc = JsonDocument.Parse(rec.Payload);
            var p = doc.RootElement;
            switch (rec.Kind)
            {
                case AuditKinds.Decision:
                    foreach (var line in Decision(rec, p)) yield return line;
                    break;
                case AuditKinds.Order:
                    yield return $"  order  {Time(rec.TimeUtc)}  {S(p, "order_id")} {S(p, "event")}: {S(p, "side")} {S(p, "quantity")} {S(p, "symbol")} {S(p, "order_type")}" +
                                 Opt(p, "price", " @ ") + Opt(p, "reason", " (", ")") + $"   [record {rec.Seq}]";
                    break;
                case AuditKinds.Fill:
                    yield return $"  fill   {Time(rec.TimeUtc)}  {S(p, "order_id")}: {S(p, "side")} {S(p, "quantity")} {S(p, "symbol")} @ {S(p, "price")}" +
                                 Opt(p, "decision_price", ", decision price ") + Opt(p, "slippage_pips", ", slippage ", " pips") +
                                 $", commission {S(p, "commission")}   [record {rec.Seq}]";
                    break;
                default:
                    yield return $"  {rec.Kind} {Time(rec.TimeUtc)}: {rec.Payload}   [record {rec.Seq}]";
                    break;
            }
        }
    }

    private static IEnumerable<string> Decision(AuditRecord rec, JsonElement p)
    {
        yield return $"Decision {S(p, "decision_id")}  {S(p, "symbol")}  {S(p, "timestamp")}";
        yield return $"  record {rec.Seq}, hash {rec.Hash}, previous {rec.PrevHash[..16]}...";
        yield return $"  position before: {N(p, "position_before")} units; halted: {S(p, "halted")}";
        var signals = p.GetProperty("signal_sources");
        yield return $"1. Signals ({signals.GetArrayLength()}):";
        foreach (var s in signals.EnumerateArray())
            yield return $"   - {S(s, "source")} [{S(s, "kind")}] {S(s, "direction")} strength {N(s, "strength")}" +
                         Opt(s, "probability", ", P(up) ") + Opt(s, "expected_return", ", E[r] ") +
                         $", horizon {S(s, "horizon")}, at {S(s, "time")}" + Opt(s, "model", ", model ") + $", weight {N(s, "weight")}";
        var f = p.GetProperty("fusion");
        yield return $"2. Fusion ({S(f, "method")}): {S(f, "direction")}, confidence {N(f, "confidence")}, agreement {N(f, "agreement")}, " +
                     $"score {N(f, "score")}, conflict {S(f, "conflict")}" + (S(f, "note").Length > 0 ? $" - {S(f, "note")}" : "");
        yield return $"3. Decision: {S(p, "decision_type")} (confidence {N(p, "confidence")}): {S(p, "reason")}";
        if (p.GetProperty("risk_assessment") is { ValueKind: JsonValueKind.Object } r)
        {
            yield return r.GetProperty("approved").GetBoolean()
                ? $"4. Risk: APPROVED {S(r, "approved_units")} units (sizing {S(r, "sizing")}, target {S(r, "target_units")}{(r.GetProperty("risk_reducing").GetBoolean() ? ", reduces risk" : "")})"
                : $"4. Risk: REJECTED (sizing {S(r, "sizing")}, target {S(r, "target_units")})";
            foreach (var x in r.GetProperty("rejections").EnumerateArray()) yield return $"   - {S(x, "code")}: {S(x, "message")}";
            foreach (var n in r.GetProperty("notes").EnumerateArray()) yield return $"   - note: {n.GetString()}";
            yield return "   before: " + Metrics(r.GetProperty("before"));
            if (r.GetProperty("after") is { ValueKind: JsonValueKind.Object } a) yield return "   after:  " + Metrics(a);
        }
        else yield return "4. Risk: not consulted (no order intended)";
        var plans = p.GetProperty("execution_plan");
        if (plans.GetArrayLength() == 0) yield return "5. Execution plan: none";
        else
        {
            yield return "5. Execution plan:";
            foreach (var x in plans.EnumerateArray())
                yield return $"   - {S(x, "purpose")}: {S(x, "side")} {S(x, "units")} {S(x, "symbol")} {S(x, "order_type")}" + Opt(x, "limit_price", " @ ") +
                             Opt(x, "limit_timeout", " for ") + $", decision price {N(x, "decision_price")}" + Opt(x, "stop_loss", ", SL ") +
                             Opt(x, "take_profit", ", TP ") + (S(x, "stop_method").Length > 0 ? $" ({S(x, "stop_method")})" : "") +
                             $", {S(x, "time_in_force")}" + Opt(x, "expires", " until ") + $", slices [{string.Join(", ", x.GetProperty("slices").EnumerateArray().Select(v => v.GetString()))}]";
        }
        var models = p.GetProperty("model_versions").EnumerateArray().Select(m => m.GetString()).ToArray();
        yield return $"   models: {(models.Length == 0 ? "none" : string.Join(", ", models))}; feature vector hash: {S(p, "feature_vector_hash")}";
        yield return "6. Orders and fills:";
    }

    private static string Metrics(JsonElement m) =>
        $"equity {N(m, "equity")}, day P&L {Pct(m, "daily_pnl")}, drawdown {Pct(m, "drawdown")}, leverage {N(m, "leverage")}x, " +
        $"max gross {S(m, "max_gross_currency")} {N(m, "max_gross_exposure")}x, max net {S(m, "max_net_currency")} {N(m, "max_net_exposure")}x, " +
        $"correlated {N(m, "correlated_exposure")}x, VaR {Pct(m, "var")}";

    private static string S(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null => "-",
            _ => v.GetRawText(),
        } : "-";

    private static string N(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.#####", CultureInfo.InvariantCulture) : "-";

    private static string Pct(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (v.GetDouble() * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Opt(JsonElement e, string name, string prefix, string suffix = "") =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? prefix + (v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.#####", CultureInfo.InvariantCulture) : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) + suffix
            : "";

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
