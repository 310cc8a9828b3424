using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Tests.Audit;

/// <summary>
/// The decision writer as it was before the hand-written emitter (Utf8JsonWriter over an ArrayBufferWriter), kept
/// unchanged as the oracle: the audit hashes of old logs were computed over its bytes, so the production writer
/// must produce the same bytes for every decision.
/// </summary>
internal sealed class LegacyDecisionEventJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _w;
    // Instance fields, not statics: the writer methods are compiled fully optimised at first call, and there a
    // static struct field costs a runtime helper call per access (measured: a quarter of the serialisation time).
    private readonly PropertyNames P = PropertyNames.Shared;

    public LegacyDecisionEventJson()
    {
        _w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Serialize(TradingDecisionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        var w = _w;
        w.WriteStartObject();
        w.WriteString(P.DecisionId, e.DecisionId);
        w.WriteString(P.Timestamp, Time(e.Timestamp));
        w.WriteString(P.Symbol, e.Symbol);
        w.WriteString(P.DecisionType, Name(e.DecisionType));
        Num(w, P.Confidence, e.Confidence);
        w.WriteString(P.Reason, e.Reason);
        w.WriteBoolean(P.Halted, e.Halted);
        Num(w, P.PositionBefore, e.PositionBefore);

        w.WriteStartArray(P.SignalSources);
        foreach (var (s, weight) in e.SignalSources)
        {
            w.WriteStartObject();
            w.WriteString(P.Source, s.Source);
            w.WriteString(P.Kind, EnumText<SignalKind>.Lower(s.Kind));
            w.WriteString(P.Direction, Direction(s.Direction));
            Num(w, P.Strength, s.Strength);
            Num(w, P.Probability, s.Probability);
            Num(w, P.ExpectedReturn, s.ExpectedReturn);
            w.WriteString(P.Horizon, Duration(s.Horizon));
            w.WriteString(P.Time, Time(s.Time));
            if (s.Model is null) w.WriteNull(P.Model); else w.WriteString(P.Model, s.Model);
            Num(w, P.Weight, weight);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var f = e.Fusion;
        w.WriteStartObject(P.Fusion);
        w.WriteString(P.Method, f.Method switch { FusionMethod.MajorityVote => "majority_vote", FusionMethod.Stacking => "stacking", _ => "weighted_average" });
        w.WriteString(P.Direction, Direction(f.Direction));
        Num(w, P.Confidence, f.Confidence);
        Num(w, P.Agreement, f.Agreement);
        Num(w, P.Score, f.Score);
        w.WriteBoolean(P.Conflict, f.Conflict);
        w.WriteNumber(P.Sources, f.Sources);
        w.WriteString(P.Note, f.Note);
        w.WriteEndObject();

        if (e.RiskAssessment is { } r) WriteRisk(w, r); else w.WriteNull(P.RiskAssessment);

        w.WriteStartArray(P.ExecutionPlan);
        foreach (var p in e.ExecutionPlans) WritePlan(w, p);
        w.WriteEndArray();

        w.WriteStartArray(P.ModelVersions);
        foreach (var m in e.ModelVersions) w.WriteStringValue(m);
        w.WriteEndArray();
        if (e.FeatureVectorHash is null) w.WriteNull(P.FeatureVectorHash); else w.WriteString(P.FeatureVectorHash, e.FeatureVectorHash);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteRisk(Utf8JsonWriter w, RiskAssessment r)
    {
        w.WriteStartObject(P.RiskAssessment);
        w.WriteBoolean(P.Approved, r.Approved);
        Dec(w, P.ApprovedUnits, r.ApprovedUnits);
        Dec(w, P.TargetUnits, r.TargetUnits);
        w.WriteString(P.Sizing, r.SizingMethod);
        w.WriteBoolean(P.RiskReducing, r.RiskReducing);
        w.WriteStartArray(P.Rejections);
        foreach (var x in r.Rejections)
        {
            w.WriteStartObject();
            w.WriteString(P.Code, x.Code);
            w.WriteString(P.Message, x.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(P.Notes);
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        WriteMetrics(w, P.Before, r.Before);
        if (r.After is { } a) WriteMetrics(w, P.After, a); else w.WriteNull(P.After);
        if (r.HaltTriggered is { } h) w.WriteString(P.HaltTriggered, KillSwitch.Name(h)); else w.WriteNull(P.HaltTriggered);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteMetrics(Utf8JsonWriter w, JsonEncodedText name, RiskMetrics m)
    {
        w.WriteStartObject(name);
        Num(w, P.Equity, m.Equity);
        Num(w, P.DailyPnl, m.DailyPnlFraction);
        Num(w, P.Drawdown, m.Drawdown);
        Num(w, P.Leverage, m.Leverage);
        w.WriteString(P.MaxGrossCurrency, m.MaxGrossCurrency);
        Num(w, P.MaxGrossExposure, m.MaxGrossExposure);
        w.WriteString(P.MaxNetCurrency, m.MaxNetCurrency);
        Num(w, P.MaxNetExposure, m.MaxNetExposure);
        Num(w, P.CorrelatedExposure, m.CorrelatedExposure);
        Num(w, P.Var, m.VarFraction);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePlan(Utf8JsonWriter w, ExecutionPlan p)
    {
        w.WriteStartObject();
        w.WriteString(P.Symbol, p.Instrument.Symbol);
        w.WriteString(P.Side, p.Side == PlanSide.Buy ? "buy" : "sell");
        w.WriteString(P.Purpose, EnumText<PlanPurpose>.Lower(p.Purpose));
        Dec(w, P.Units, p.Units);
        w.WriteString(P.OrderType, EnumText<EntryOrderType>.Lower(p.OrderType));
        if (p.LimitPrice is { } lp) Dec(w, P.LimitPrice, lp); else w.WriteNull(P.LimitPrice);
        if (p.LimitTimeout is { } lt) w.WriteString(P.LimitTimeout, Duration(lt)); else w.WriteNull(P.LimitTimeout);
        w.WriteString(P.OnLimitTimeout, EnumText<LimitTimeoutAction>.Lower(p.OnLimitTimeout));
        Num(w, P.DecisionPrice, p.DecisionPrice);
        if (p.StopLoss is { } sl) Dec(w, P.StopLoss, sl); else w.WriteNull(P.StopLoss);
        if (p.TakeProfit is { } tp) Dec(w, P.TakeProfit, tp); else w.WriteNull(P.TakeProfit);
        w.WriteString(P.StopMethod, p.StopMethod);
        w.WriteString(P.TimeInForce, EnumText<PlanTimeInForce>.Upper(p.TimeInForce));
        if (p.ExpiresUtc is { } ex) w.WriteString(P.Expires, Time(ex)); else w.WriteNull(P.Expires);
        w.WriteStartArray(P.Slices);
        foreach (var s in p.Slices) DecValue(w, s);
        w.WriteEndArray();
        w.WriteString(P.SliceInterval, Duration(p.SliceInterval));
        w.WriteEndObject();
    }

    public static string Name(DecisionType t) => EnumText<DecisionType>.Upper(t);

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

    /// <summary>Decimals as JSON strings (exact), formatted straight into UTF-8: the same text as ToString(InvariantCulture).</summary>
    private static void Dec(Utf8JsonWriter w, JsonEncodedText name, decimal d)
    {
        Span<byte> text = stackalloc byte[40];
        if (d.TryFormat(text, out var n, default, CultureInfo.InvariantCulture)) w.WriteString(name, text[..n]);
        else w.WriteString(name, d.ToString(CultureInfo.InvariantCulture));
    }

    private static void DecValue(Utf8JsonWriter w, decimal d)
    {
        Span<byte> text = stackalloc byte[40];
        if (d.TryFormat(text, out var n, default, CultureInfo.InvariantCulture)) w.WriteStringValue(text[..n]);
        else w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>UTC instants as ISO 8601 (the writer's own round-trip format: fractional seconds only when present).</summary>
    private static DateTime Time(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> Durations = new();

    private static string Duration(TimeSpan t) => Durations.GetOrAdd(t.Ticks, static k => ConfigDurations.Format(TimeSpan.FromTicks(k)));

    /// <summary>Property names, encoded once.</summary>
    private sealed class PropertyNames
    {
        public static readonly PropertyNames Shared = new();

        public readonly JsonEncodedText After = JsonEncodedText.Encode("after");
        public readonly JsonEncodedText Agreement = JsonEncodedText.Encode("agreement");
        public readonly JsonEncodedText Approved = JsonEncodedText.Encode("approved");
        public readonly JsonEncodedText ApprovedUnits = JsonEncodedText.Encode("approved_units");
        public readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
        public readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
        public readonly JsonEncodedText Conflict = JsonEncodedText.Encode("conflict");
        public readonly JsonEncodedText CorrelatedExposure = JsonEncodedText.Encode("correlated_exposure");
        public readonly JsonEncodedText DailyPnl = JsonEncodedText.Encode("daily_pnl");
        public readonly JsonEncodedText DecisionId = JsonEncodedText.Encode("decision_id");
        public readonly JsonEncodedText DecisionPrice = JsonEncodedText.Encode("decision_price");
        public readonly JsonEncodedText DecisionType = JsonEncodedText.Encode("decision_type");
        public readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
        public readonly JsonEncodedText Drawdown = JsonEncodedText.Encode("drawdown");
        public readonly JsonEncodedText Equity = JsonEncodedText.Encode("equity");
        public readonly JsonEncodedText ExecutionPlan = JsonEncodedText.Encode("execution_plan");
        public readonly JsonEncodedText ExpectedReturn = JsonEncodedText.Encode("expected_return");
        public readonly JsonEncodedText Expires = JsonEncodedText.Encode("expires");
        public readonly JsonEncodedText FeatureVectorHash = JsonEncodedText.Encode("feature_vector_hash");
        public readonly JsonEncodedText Fusion = JsonEncodedText.Encode("fusion");
        public readonly JsonEncodedText HaltTriggered = JsonEncodedText.Encode("halt_triggered");
        public readonly JsonEncodedText Halted = JsonEncodedText.Encode("halted");
        public readonly JsonEncodedText Horizon = JsonEncodedText.Encode("horizon");
        public readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public readonly JsonEncodedText Leverage = JsonEncodedText.Encode("leverage");
        public readonly JsonEncodedText LimitPrice = JsonEncodedText.Encode("limit_price");
        public readonly JsonEncodedText LimitTimeout = JsonEncodedText.Encode("limit_timeout");
        public readonly JsonEncodedText MaxGrossCurrency = JsonEncodedText.Encode("max_gross_currency");
        public readonly JsonEncodedText MaxGrossExposure = JsonEncodedText.Encode("max_gross_exposure");
        public readonly JsonEncodedText MaxNetCurrency = JsonEncodedText.Encode("max_net_currency");
        public readonly JsonEncodedText MaxNetExposure = JsonEncodedText.Encode("max_net_exposure");
        public readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
        public readonly JsonEncodedText ModelVersions = JsonEncodedText.Encode("model_versions");
        public readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
        public readonly JsonEncodedText Notes = JsonEncodedText.Encode("notes");
        public readonly JsonEncodedText OnLimitTimeout = JsonEncodedText.Encode("on_limit_timeout");
        public readonly JsonEncodedText OrderType = JsonEncodedText.Encode("order_type");
        public readonly JsonEncodedText PositionBefore = JsonEncodedText.Encode("position_before");
        public readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");
        public readonly JsonEncodedText Purpose = JsonEncodedText.Encode("purpose");
        public readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public readonly JsonEncodedText Rejections = JsonEncodedText.Encode("rejections");
        public readonly JsonEncodedText RiskAssessment = JsonEncodedText.Encode("risk_assessment");
        public readonly JsonEncodedText RiskReducing = JsonEncodedText.Encode("risk_reducing");
        public readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
        public readonly JsonEncodedText SignalSources = JsonEncodedText.Encode("signal_sources");
        public readonly JsonEncodedText Sizing = JsonEncodedText.Encode("sizing");
        public readonly JsonEncodedText SliceInterval = JsonEncodedText.Encode("slice_interval");
        public readonly JsonEncodedText Slices = JsonEncodedText.Encode("slices");
        public readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
        public readonly JsonEncodedText StopLoss = JsonEncodedText.Encode("stop_loss");
        public readonly JsonEncodedText StopMethod = JsonEncodedText.Encode("stop_method");
        public readonly JsonEncodedText Strength = JsonEncodedText.Encode("strength");
        public readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
        public readonly JsonEncodedText TakeProfit = JsonEncodedText.Encode("take_profit");
        public readonly JsonEncodedText TargetUnits = JsonEncodedText.Encode("target_units");
        public readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public readonly JsonEncodedText TimeInForce = JsonEncodedText.Encode("time_in_force");
        public readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
        public readonly JsonEncodedText Units = JsonEncodedText.Encode("units");
        public readonly JsonEncodedText Var = JsonEncodedText.Encode("var");
        public readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    }
}
