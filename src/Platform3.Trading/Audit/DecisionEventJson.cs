using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Audit;

/// <summary>
/// The canonical JSON of a <see cref="TradingDecisionEvent"/> (snake_case, fixed field order, invariant
/// numbers, NaN as null). Canonical because the audit hash is computed over it: the same decision always
/// serialises to the same bytes. Written by hand with a reused buffer: no reflection on the decision path.
/// </summary>
public sealed class DecisionEventJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _w;

    public DecisionEventJson() => _w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    public string Serialize(TradingDecisionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        var w = _w;
        w.WriteStartObject();
        w.WriteString("decision_id", e.DecisionId);
        w.WriteString("timestamp", Time(e.Timestamp));
        w.WriteString("symbol", e.Symbol);
        w.WriteString("decision_type", Name(e.DecisionType));
        Num(w, "confidence", e.Confidence);
        w.WriteString("reason", e.Reason);
        w.WriteBoolean("halted", e.Halted);
        Num(w, "position_before", e.PositionBefore);

        w.WriteStartArray("signal_sources");
        foreach (var (s, weight) in e.SignalSources)
        {
            w.WriteStartObject();
            w.WriteString("source", s.Source);
            w.WriteString("kind", s.Kind.ToString().ToLowerInvariant());
            w.WriteString("direction", Direction(s.Direction));
            Num(w, "strength", s.Strength);
            Num(w, "probability", s.Probability);
            Num(w, "expected_return", s.ExpectedReturn);
            w.WriteString("horizon", Duration(s.Horizon));
            w.WriteString("time", Time(s.Time));
            if (s.Model is null) w.WriteNull("model"); else w.WriteString("model", s.Model);
            Num(w, "weight", weight);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var f = e.Fusion;
        w.WriteStartObject("fusion");
        w.WriteString("method", f.Method switch { FusionMethod.MajorityVote => "majority_vote", FusionMethod.Stacking => "stacking", _ => "weighted_average" });
        w.WriteString("direction", Direction(f.Direction));
        Num(w, "confidence", f.Confidence);
        Num(w, "agreement", f.Agreement);
        Num(w, "score", f.Score);
        w.WriteBoolean("conflict", f.Conflict);
        w.WriteNumber("sources", f.Sources);
        w.WriteString("note", f.Note);
        w.WriteEndObject();

        if (e.RiskAssessment is { } r) WriteRisk(w, r); else w.WriteNull("risk_assessment");

        w.WriteStartArray("execution_plan");
        foreach (var p in e.ExecutionPlans) WritePlan(w, p);
        w.WriteEndArray();

        w.WriteStartArray("model_versions");
        foreach (var m in e.ModelVersions) w.WriteStringValue(m);
        w.WriteEndArray();
        if (e.FeatureVectorHash is null) w.WriteNull("feature_vector_hash"); else w.WriteString("feature_vector_hash", e.FeatureVectorHash);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private static void WriteRisk(Utf8JsonWriter w, RiskAssessment r)
    {
        w.WriteStartObject("risk_assessment");
        w.WriteBoolean("approved", r.Approved);
        w.WriteString("approved_units", Dec(r.ApprovedUnits));
        w.WriteString("target_units", Dec(r.TargetUnits));
        w.WriteString("sizing", r.SizingMethod);
        w.WriteBoolean("risk_reducing", r.RiskReducing);
        w.WriteStartArray("rejections");
        foreach (var x in r.Rejections)
        {
            w.WriteStartObject();
            w.WriteString("code", x.Code);
            w.WriteString("message", x.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        WriteMetrics(w, "before", r.Before);
        if (r.After is { } a) WriteMetrics(w, "after", a); else w.WriteNull("after");
        if (r.HaltTriggered is { } h) w.WriteString("halt_triggered", KillSwitch.Name(h)); else w.WriteNull("halt_triggered");
        w.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter w, string name, RiskMetrics m)
    {
        w.WriteStartObject(name);
        Num(w, "equity", m.Equity);
        Num(w, "daily_pnl", m.DailyPnlFraction);
        Num(w, "drawdown", m.Drawdown);
        Num(w, "leverage", m.Leverage);
        w.WriteString("max_gross_currency", m.MaxGrossCurrency);
        Num(w, "max_gross_exposure", m.MaxGrossExposure);
        w.WriteString("max_net_currency", m.MaxNetCurrency);
        Num(w, "max_net_exposure", m.MaxNetExposure);
        Num(w, "correlated_exposure", m.CorrelatedExposure);
        Num(w, "var", m.VarFraction);
        w.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter w, ExecutionPlan p)
    {
        w.WriteStartObject();
        w.WriteString("symbol", p.Instrument.Symbol);
        w.WriteString("side", p.Side == PlanSide.Buy ? "buy" : "sell");
        w.WriteString("purpose", p.Purpose.ToString().ToLowerInvariant());
        w.WriteString("units", Dec(p.Units));
        w.WriteString("order_type", p.OrderType.ToString().ToLowerInvariant());
        if (p.LimitPrice is { } lp) w.WriteString("limit_price", Dec(lp)); else w.WriteNull("limit_price");
        if (p.LimitTimeout is { } lt) w.WriteString("limit_timeout", Duration(lt)); else w.WriteNull("limit_timeout");
        w.WriteString("on_limit_timeout", p.OnLimitTimeout.ToString().ToLowerInvariant());
        Num(w, "decision_price", p.DecisionPrice);
        if (p.StopLoss is { } sl) w.WriteString("stop_loss", Dec(sl)); else w.WriteNull("stop_loss");
        if (p.TakeProfit is { } tp) w.WriteString("take_profit", Dec(tp)); else w.WriteNull("take_profit");
        w.WriteString("stop_method", p.StopMethod);
        w.WriteString("time_in_force", p.TimeInForce.ToString().ToUpperInvariant());
        if (p.ExpiresUtc is { } ex) w.WriteString("expires", Time(ex)); else w.WriteNull("expires");
        w.WriteStartArray("slices");
        foreach (var s in p.Slices) w.WriteStringValue(Dec(s));
        w.WriteEndArray();
        w.WriteString("slice_interval", Duration(p.SliceInterval));
        w.WriteEndObject();
    }

    public static string Name(DecisionType t) => t.ToString().ToUpperInvariant();

    private static string Direction(SignalDirection d) => d switch
    {
        SignalDirection.Long => "long",
        SignalDirection.Short => "short",
        _ => "flat",
    };

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan t) => ConfigDurations.Format(t);
}
