using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Audit;

/// <summary>
/// The canonical JSON of a <see cref="TradingDecisionEvent"/> (snake_case, fixed field order, invariant
/// numbers, NaN as null). Canonical because the audit hash is computed over it: the same decision always
/// serialises to the same bytes. Written by hand as UTF-8 into one reused buffer (<see cref="CanonicalJsonWriter"/>,
/// byte for byte what <see cref="Utf8JsonWriter"/> wrote before it): no reflection and no allocation per decision.
/// </summary>
public sealed class DecisionEventJson
{
    private readonly CanonicalJsonWriter _w = new();

    /// <summary>The decision's JSON as text.</summary>
    public string Serialize(TradingDecisionEvent e) => Encoding.UTF8.GetString(SerializeUtf8(e));

    /// <summary>The decision's JSON as UTF-8, valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> SerializeUtf8(TradingDecisionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var w = _w;
        w.Reset();
        w.StartObject();
        w.String("decision_id"u8, e.DecisionId);
        w.Time("timestamp"u8, e.Timestamp);
        w.String("symbol"u8, e.Symbol);
        w.String("decision_type"u8, Name(e.DecisionType));
        w.Number("confidence"u8, e.Confidence);
        w.String("reason"u8, e.Reason);
        w.Bool("halted"u8, e.Halted);
        w.Number("position_before"u8, e.PositionBefore);

        w.StartArray("signal_sources"u8);
        var signals = e.SignalSources;
        for (var i = 0; i < signals.Count; i++)
        {
            var (s, weight) = signals[i];
            w.StartObject();
            w.String("source"u8, s.Source);
            w.String("kind"u8, EnumText<SignalKind>.Lower(s.Kind));
            w.String("direction"u8, Direction(s.Direction));
            w.Number("strength"u8, s.Strength);
            w.Number("probability"u8, s.Probability);
            w.Number("expected_return"u8, s.ExpectedReturn);
            w.String("horizon"u8, Duration(s.Horizon));
            w.Time("time"u8, s.Time);
            w.String("model"u8, s.Model);
            w.Number("weight"u8, weight);
            w.EndObject();
        }
        w.EndArray();

        var f = e.Fusion;
        w.StartObject("fusion"u8);
        w.String("method"u8, f.Method switch { FusionMethod.MajorityVote => "majority_vote", FusionMethod.Stacking => "stacking", _ => "weighted_average" });
        w.String("direction"u8, Direction(f.Direction));
        w.Number("confidence"u8, f.Confidence);
        w.Number("agreement"u8, f.Agreement);
        w.Number("score"u8, f.Score);
        w.Bool("conflict"u8, f.Conflict);
        w.Int("sources"u8, f.Sources);
        w.String("note"u8, f.Note);
        w.EndObject();

        if (e.RiskAssessment is { } r) WriteRisk(w, r); else w.Null("risk_assessment"u8);

        w.StartArray("execution_plan"u8);
        var plans = e.ExecutionPlans;
        for (var i = 0; i < plans.Count; i++) WritePlan(w, plans[i]);
        w.EndArray();

        w.StartArray("model_versions"u8);
        var models = e.ModelVersions;
        for (var i = 0; i < models.Count; i++) w.StringValue(models[i]);
        w.EndArray();
        // The text when one was given, else the digest's hex written in place: the same bytes as its text (plain ASCII).
        if (e.FeatureVectorHashText is { } hash) w.String("feature_vector_hash"u8, hash);
        else if (e.FeatureDigest.HasValue) w.Digest("feature_vector_hash"u8, e.FeatureDigest);
        else w.Null("feature_vector_hash"u8);
        w.EndObject();
        return w.Written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRisk(CanonicalJsonWriter w, RiskAssessment r)
    {
        w.StartObject("risk_assessment"u8);
        w.Bool("approved"u8, r.Approved);
        w.Decimal("approved_units"u8, r.ApprovedUnits);
        w.Decimal("target_units"u8, r.TargetUnits);
        w.String("sizing"u8, r.SizingMethod);
        w.Bool("risk_reducing"u8, r.RiskReducing);
        w.StartArray("rejections"u8);
        var rejections = r.Rejections;
        for (var i = 0; i < rejections.Count; i++)
        {
            w.StartObject();
            w.String("code"u8, rejections[i].Code);
            w.String("message"u8, rejections[i].Message);
            w.EndObject();
        }
        w.EndArray();
        w.StartArray("notes"u8);
        var notes = r.Notes;
        for (var i = 0; i < notes.Count; i++) w.StringValue(notes[i]);
        w.EndArray();
        WriteMetrics(w, "before"u8, r.Before);
        if (r.After is { } a) WriteMetrics(w, "after"u8, a); else w.Null("after"u8);
        if (r.HaltTriggered is { } h) w.String("halt_triggered"u8, KillSwitch.Name(h)); else w.Null("halt_triggered"u8);
        w.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteMetrics(CanonicalJsonWriter w, ReadOnlySpan<byte> name, in RiskMetrics m)
    {
        w.StartObject(name);
        w.Number("equity"u8, m.Equity);
        w.Number("daily_pnl"u8, m.DailyPnlFraction);
        w.Number("drawdown"u8, m.Drawdown);
        w.Number("leverage"u8, m.Leverage);
        w.String("max_gross_currency"u8, m.MaxGrossCurrency);
        w.Number("max_gross_exposure"u8, m.MaxGrossExposure);
        w.String("max_net_currency"u8, m.MaxNetCurrency);
        w.Number("max_net_exposure"u8, m.MaxNetExposure);
        w.Number("correlated_exposure"u8, m.CorrelatedExposure);
        w.Number("var"u8, m.VarFraction);
        w.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePlan(CanonicalJsonWriter w, ExecutionPlan p)
    {
        w.StartObject();
        w.String("symbol"u8, p.Instrument.Symbol);
        w.String("side"u8, p.Side == PlanSide.Buy ? "buy" : "sell");
        w.String("purpose"u8, EnumText<PlanPurpose>.Lower(p.Purpose));
        w.Decimal("units"u8, p.Units);
        w.String("order_type"u8, EnumText<EntryOrderType>.Lower(p.OrderType));
        if (p.LimitPrice is { } lp) w.Decimal("limit_price"u8, lp); else w.Null("limit_price"u8);
        if (p.LimitTimeout is { } lt) w.String("limit_timeout"u8, Duration(lt)); else w.Null("limit_timeout"u8);
        w.String("on_limit_timeout"u8, EnumText<LimitTimeoutAction>.Lower(p.OnLimitTimeout));
        w.Number("decision_price"u8, p.DecisionPrice);
        if (p.StopLoss is { } sl) w.Decimal("stop_loss"u8, sl); else w.Null("stop_loss"u8);
        if (p.TakeProfit is { } tp) w.Decimal("take_profit"u8, tp); else w.Null("take_profit"u8);
        w.String("stop_method"u8, p.StopMethod);
        w.String("time_in_force"u8, EnumText<PlanTimeInForce>.Upper(p.TimeInForce));
        if (p.ExpiresUtc is { } ex) w.Time("expires"u8, ex); else w.Null("expires"u8);
        w.StartArray("slices"u8);
        var slices = p.Slices;
        for (var i = 0; i < slices.Count; i++) w.DecimalValue(slices[i]);
        w.EndArray();
        w.String("slice_interval"u8, Duration(p.SliceInterval));
        w.EndObject();
    }

    public static string Name(DecisionType t) => EnumText<DecisionType>.Upper(t);

    private static string Direction(SignalDirection d) => d switch
    {
        SignalDirection.Long => "long",
        SignalDirection.Short => "short",
        _ => "flat",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> Durations = new();

    private static string Duration(TimeSpan t) => Durations.GetOrAdd(t.Ticks, static k => ConfigDurations.Format(TimeSpan.FromTicks(k)));
}
