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
        w.WriteString(N("decision_id"), e.DecisionId);
        w.WriteString(N("timestamp"), Time(e.Timestamp));
        w.WriteString(N("symbol"), e.Symbol);
        w.WriteString(N("decision_type"), Name(e.DecisionType));
        Num(w, N("confidence"), e.Confidence);
        w.WriteString(N("reason"), e.Reason);
        w.WriteBoolean(N("halted"), e.Halted);
        Num(w, N("position_before"), e.PositionBefore);

        w.WriteStartArray(N("signal_sources"));
        foreach (var (s, weight) in e.SignalSources)
        {
            w.WriteStartObject();
            w.WriteString(N("source"), s.Source);
            w.WriteString(N("kind"), s.Kind.ToString().ToLowerInvariant());
            w.WriteString(N("direction"), Direction(s.Direction));
            Num(w, N("strength"), s.Strength);
            Num(w, N("probability"), s.Probability);
            Num(w, N("expected_return"), s.ExpectedReturn);
            w.WriteString(N("horizon"), Duration(s.Horizon));
            w.WriteString(N("time"), Time(s.Time));
            if (s.Model is null) w.WriteNull(N("model")); else w.WriteString(N("model"), s.Model);
            Num(w, N("weight"), weight);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var f = e.Fusion;
        w.WriteStartObject(N("fusion"));
        w.WriteString(N("method"), f.Method switch { FusionMethod.MajorityVote => "majority_vote", FusionMethod.Stacking => "stacking", _ => "weighted_average" });
        w.WriteString(N("direction"), Direction(f.Direction));
        Num(w, N("confidence"), f.Confidence);
        Num(w, N("agreement"), f.Agreement);
        Num(w, N("score"), f.Score);
        w.WriteBoolean(N("conflict"), f.Conflict);
        w.WriteNumber(N("sources"), f.Sources);
        w.WriteString(N("note"), f.Note);
        w.WriteEndObject();

        if (e.RiskAssessment is { } r) WriteRisk(w, r); else w.WriteNull(N("risk_assessment"));

        w.WriteStartArray(N("execution_plan"));
        foreach (var p in e.ExecutionPlans) WritePlan(w, p);
        w.WriteEndArray();

        w.WriteStartArray(N("model_versions"));
        foreach (var m in e.ModelVersions) w.WriteStringValue(m);
        w.WriteEndArray();
        if (e.FeatureVectorHash is null) w.WriteNull(N("feature_vector_hash")); else w.WriteString(N("feature_vector_hash"), e.FeatureVectorHash);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private static void WriteRisk(Utf8JsonWriter w, RiskAssessment r)
    {
        w.WriteStartObject(N("risk_assessment"));
        w.WriteBoolean(N("approved"), r.Approved);
        w.WriteString(N("approved_units"), Dec(r.ApprovedUnits));
        w.WriteString(N("target_units"), Dec(r.TargetUnits));
        w.WriteString(N("sizing"), r.SizingMethod);
        w.WriteBoolean(N("risk_reducing"), r.RiskReducing);
        w.WriteStartArray(N("rejections"));
        foreach (var x in r.Rejections)
        {
            w.WriteStartObject();
            w.WriteString(N("code"), x.Code);
            w.WriteString(N("message"), x.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(N("notes"));
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        WriteMetrics(w, N("before"), r.Before);
        if (r.After is { } a) WriteMetrics(w, N("after"), a); else w.WriteNull(N("after"));
        if (r.HaltTriggered is { } h) w.WriteString(N("halt_triggered"), KillSwitch.Name(h)); else w.WriteNull(N("halt_triggered"));
        w.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter w, JsonEncodedText name, RiskMetrics m)
    {
        w.WriteStartObject(name);
        Num(w, N("equity"), m.Equity);
        Num(w, N("daily_pnl"), m.DailyPnlFraction);
        Num(w, N("drawdown"), m.Drawdown);
        Num(w, N("leverage"), m.Leverage);
        w.WriteString(N("max_gross_currency"), m.MaxGrossCurrency);
        Num(w, N("max_gross_exposure"), m.MaxGrossExposure);
        w.WriteString(N("max_net_currency"), m.MaxNetCurrency);
        Num(w, N("max_net_exposure"), m.MaxNetExposure);
        Num(w, N("correlated_exposure"), m.CorrelatedExposure);
        Num(w, N("var"), m.VarFraction);
        w.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter w, ExecutionPlan p)
    {
        w.WriteStartObject();
        w.WriteString(N("symbol"), p.Instrument.Symbol);
        w.WriteString(N("side"), p.Side == PlanSide.Buy ? "buy" : "sell");
        w.WriteString(N("purpose"), p.Purpose.ToString().ToLowerInvariant());
        w.WriteString(N("units"), Dec(p.Units));
        w.WriteString(N("order_type"), p.OrderType.ToString().ToLowerInvariant());
        if (p.LimitPrice is { } lp) w.WriteString(N("limit_price"), Dec(lp)); else w.WriteNull(N("limit_price"));
        if (p.LimitTimeout is { } lt) w.WriteString(N("limit_timeout"), Duration(lt)); else w.WriteNull(N("limit_timeout"));
        w.WriteString(N("on_limit_timeout"), p.OnLimitTimeout.ToString().ToLowerInvariant());
        Num(w, N("decision_price"), p.DecisionPrice);
        if (p.StopLoss is { } sl) w.WriteString(N("stop_loss"), Dec(sl)); else w.WriteNull(N("stop_loss"));
        if (p.TakeProfit is { } tp) w.WriteString(N("take_profit"), Dec(tp)); else w.WriteNull(N("take_profit"));
        w.WriteString(N("stop_method"), p.StopMethod);
        w.WriteString(N("time_in_force"), p.TimeInForce.ToString().ToUpperInvariant());
        if (p.ExpiresUtc is { } ex) w.WriteString(N("expires"), Time(ex)); else w.WriteNull(N("expires"));
        w.WriteStartArray(N("slices"));
        foreach (var s in p.Slices) w.WriteStringValue(Dec(s));
        w.WriteEndArray();
        w.WriteString(N("slice_interval"), Duration(p.SliceInterval));
        w.WriteEndObject();
    }

    public static string Name(DecisionType t) => t.ToString().ToUpperInvariant();

    private static string Direction(SignalDirection d) => d switch
    {
        SignalDirection.Long => "long",
        SignalDirection.Short => "short",
        _ => "flat",
    };

    private static void Num(Utf8JsonWriter w, JsonEncodedText name, double v)
    {
        Span<byte> text = stackalloc byte[40];
        if (CompactNumber.TryFormat(v, text, out var n))
        {
            w.WritePropertyName(name);
            w.WriteRawValue(text[..n], skipInputValidation: true);
        }
        else w.WriteNull(name);
    }

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>UTC instants as ISO 8601 (the writer's own round-trip format: fractional seconds only when present).</summary>
    private static DateTime Time(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> Durations = new();

    private static string Duration(TimeSpan t) => Durations.GetOrAdd(t.Ticks, static k => ConfigDurations.Format(TimeSpan.FromTicks(k)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonEncodedText> Names = new(StringComparer.Ordinal);

    /// <summary>Property names, encoded once.</summary>
    private static JsonEncodedText N(string name) => Names.GetOrAdd(name, static n => JsonEncodedText.Encode(n));
}
