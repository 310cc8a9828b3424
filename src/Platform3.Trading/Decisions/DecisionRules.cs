using Platform3.Core.Configuration;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Decisions;

public enum FusionMethod
{
    WeightedAverage,
    MajorityVote,
    Stacking,
}

/// <summary>Where the per-source weights of the weighted average and the vote come from.</summary>
public enum SourceWeighting
{
    /// <summary>Fixed weights from the config.</summary>
    Config,
    /// <summary>Config weight × skill from the trailing out-of-sample hit rate (2·hit − 1, at least 0).</summary>
    HitRate,
    /// <summary>Config weight × skill from the trailing out-of-sample P&amp;L per signal (mean / sd, at least 0).</summary>
    Pnl,
    /// <summary>Config weight / sd of the source's trailing P&amp;L per signal: equal risk per source.</summary>
    RiskParity,
}

/// <summary>What to do when strong signals point both ways.</summary>
public enum ConflictPolicy
{
    /// <summary>Stand aside: the fused direction is flat.</summary>
    Hold,
    /// <summary>Let the method's net result stand (the conflict is only flagged).</summary>
    Net,
    /// <summary>Follow the single strongest weighted signal.</summary>
    Strongest,
}

public enum OppositeSignalPolicy
{
    /// <summary>Close the position now and open the other way in a later cycle.</summary>
    CloseFirst,
    /// <summary>Close and open the other way in the same cycle.</summary>
    Flip,
}

public enum EntryOrderType
{
    Market,
    Limit,
}

public enum LimitTimeoutAction
{
    Cancel,
    Market,
}

public enum PlanTimeInForce
{
    Gtc,
    Day,
    Ioc,
    Fok,
    Gtd,
}

public enum StopPlacement
{
    /// <summary>Stop and target at ATR multiples from the entry.</summary>
    Atr,
    /// <summary>Beyond the nearest support/resistance, falling back to ATR when none is near enough.</summary>
    Levels,
}

/// <summary>
/// The business rules of <c>config/decision-rules.yaml</c>: signal fusion, the thresholds that turn a fused
/// signal into BUY/SELL/HOLD/CLOSE/REDUCE, and execution planning. <see cref="Default"/> equals the shipped file.
/// </summary>
public sealed record DecisionRules
{
    // fusion
    public FusionMethod Method { get; init; } = FusionMethod.WeightedAverage;
    public SourceWeighting Weighting { get; init; } = SourceWeighting.Config;
    public double DefaultWeight { get; init; } = 1.0;
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
    public int PerformanceWindow { get; init; } = 200;
    public int MinSamples { get; init; } = 30;
    public double PriorSkill { get; init; } = 0.1;
    public ConflictPolicy Conflict { get; init; } = ConflictPolicy.Hold;
    public double ConflictMinStrength { get; init; } = 0.2;
    public int StackingWindow { get; init; } = 1000;
    public int StackingMinSamples { get; init; } = 200;
    public int StackingRefitEvery { get; init; } = 50;
    public double StackingL2 { get; init; } = 1.0;
    public TimeSpan StackingHorizon { get; init; } = TimeSpan.FromHours(1);

    // decision
    public double MinConfidence { get; init; } = 0.10;
    public double MinAgreement { get; init; } = 0.60;
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(30);
    public int MaxTradesPerDay { get; init; } = 10;
    public OppositeSignalPolicy OnOpposite { get; init; } = OppositeSignalPolicy.CloseFirst;
    public bool CloseOnFlat { get; init; }
    /// <summary>An opposite signal at least this confident, but below the entry thresholds, reduces the position; 0 turns it off.</summary>
    public double ReduceConfidence { get; init; } = 0.05;
    public double ReduceFraction { get; init; } = 0.5;

    // execution
    public EntryOrderType OrderType { get; init; } = EntryOrderType.Market;
    public double LimitOffsetPips { get; init; } = 0.5;
    public TimeSpan LimitTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public LimitTimeoutAction OnLimitTimeout { get; init; } = LimitTimeoutAction.Cancel;
    public PlanTimeInForce TimeInForce { get; init; } = PlanTimeInForce.Gtc;
    public StopPlacement Stops { get; init; } = StopPlacement.Atr;
    public double StopAtr { get; init; } = 1.5;
    public double TargetAtr { get; init; } = 3.0;
    public double LevelBufferPips { get; init; } = 2.0;
    public double MaxStopAtr { get; init; } = 4.0;
    public double MinStopPips { get; init; } = 5.0;
    public decimal SliceAboveLots { get; init; } = 20m;
    public decimal SliceLots { get; init; } = 10m;
    public TimeSpan SliceInterval { get; init; } = TimeSpan.FromMinutes(1);

    public static DecisionRules Default { get; } = new();

    public double WeightOf(string source) => Weights.TryGetValue(source, out var w) ? w : DefaultWeight;

    public static DecisionRules Load(string path) => Read(YamlConfig.Load(path));

    public static DecisionRules Parse(string yaml, string fileName) => Read(YamlConfig.Parse(yaml, fileName));

    private static DecisionRules Read(ConfigNode root)
    {
        var d = Default;
        var r = d;
        root.AllowOnly("fusion", "decision", "execution");

        if (root.OptionalMap("fusion") is { } f)
        {
            f.AllowOnly("method", "weighting", "weights", "performance_window", "min_samples", "prior_skill", "conflict_policy",
                "conflict_min_strength", "stacking");
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            var defaultWeight = d.DefaultWeight;
            if (f.OptionalMap("weights") is { } w)
                foreach (var (source, value) in w.Entries())
                {
                    var v = (double)value.AsDecimal(0m, 1000m);
                    if (source == "default") defaultWeight = v;
                    else weights[source] = v;
                }
            r = r with
            {
                Method = f.OptionalOneOf("method", "weighted_average", "weighted_average", "majority_vote", "stacking") switch
                {
                    "majority_vote" => FusionMethod.MajorityVote,
                    "stacking" => FusionMethod.Stacking,
                    _ => FusionMethod.WeightedAverage,
                },
                Weighting = f.OptionalOneOf("weighting", "config", "config", "hit_rate", "pnl", "risk_parity") switch
                {
                    "hit_rate" => SourceWeighting.HitRate,
                    "pnl" => SourceWeighting.Pnl,
                    "risk_parity" => SourceWeighting.RiskParity,
                    _ => SourceWeighting.Config,
                },
                DefaultWeight = defaultWeight,
                Weights = weights,
                PerformanceWindow = f.OptionalInt("performance_window", d.PerformanceWindow, 5, 100_000),
                MinSamples = f.OptionalInt("min_samples", d.MinSamples, 1, 100_000),
                PriorSkill = f.OptionalDouble("prior_skill", d.PriorSkill, 0, 1),
                Conflict = f.OptionalOneOf("conflict_policy", "hold", "hold", "net", "strongest") switch
                {
                    "net" => ConflictPolicy.Net,
                    "strongest" => ConflictPolicy.Strongest,
                    _ => ConflictPolicy.Hold,
                },
                ConflictMinStrength = f.OptionalDouble("conflict_min_strength", d.ConflictMinStrength, 0, 1),
            };
            if (r.MinSamples > r.PerformanceWindow) f.Error("min_samples", $"{r.MinSamples} is larger than performance_window {r.PerformanceWindow}");
            if (f.OptionalMap("stacking") is { } s)
            {
                s.AllowOnly("window", "min_samples", "refit_every", "l2", "horizon");
                r = r with
                {
                    StackingWindow = s.OptionalInt("window", d.StackingWindow, 20, 1_000_000),
                    StackingMinSamples = s.OptionalInt("min_samples", d.StackingMinSamples, 10, 1_000_000),
                    StackingRefitEvery = s.OptionalInt("refit_every", d.StackingRefitEvery, 1, 1_000_000),
                    StackingL2 = s.OptionalDouble("l2", d.StackingL2, 0, 1e6),
                    StackingHorizon = s.OptionalDuration("horizon", d.StackingHorizon, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)),
                };
                if (r.StackingMinSamples > r.StackingWindow) s.Error("min_samples", $"{r.StackingMinSamples} is larger than window {r.StackingWindow}");
            }
        }

        if (root.OptionalMap("decision") is { } x)
        {
            x.AllowOnly("min_confidence", "min_agreement", "cooldown", "max_trades_per_day", "on_opposite_signal", "close_on_flat",
                "reduce_confidence", "reduce_fraction");
            r = r with
            {
                MinConfidence = x.OptionalDouble("min_confidence", d.MinConfidence, 0, 1),
                MinAgreement = x.OptionalDouble("min_agreement", d.MinAgreement, 0, 1),
                Cooldown = x.OptionalDuration("cooldown", d.Cooldown, TimeSpan.Zero, TimeSpan.FromDays(30)),
                MaxTradesPerDay = x.OptionalInt("max_trades_per_day", d.MaxTradesPerDay, 0, 1_000_000),
                OnOpposite = x.OptionalOneOf("on_opposite_signal", "close_first", "close_first", "flip") == "flip"
                    ? OppositeSignalPolicy.Flip : OppositeSignalPolicy.CloseFirst,
                CloseOnFlat = x.OptionalBool("close_on_flat", d.CloseOnFlat),
                ReduceConfidence = x.OptionalDouble("reduce_confidence", d.ReduceConfidence, 0, 1),
                ReduceFraction = x.OptionalDouble("reduce_fraction", d.ReduceFraction, 0, 1, exclusiveMin: true),
            };
            if (r.ReduceConfidence > r.MinConfidence && r.ReduceConfidence > 0)
                x.Error("reduce_confidence", $"{r.ReduceConfidence} is above min_confidence {r.MinConfidence}; a reduce needs a weaker signal than an entry");
        }

        if (root.OptionalMap("execution") is { } e)
        {
            e.AllowOnly("order_type", "limit_offset_pips", "limit_timeout", "on_limit_timeout", "time_in_force", "stops", "stop_atr",
                "target_atr", "level_buffer_pips", "max_stop_atr", "min_stop_pips", "slice_above_lots", "slice_lots", "slice_interval");
            r = r with
            {
                OrderType = e.OptionalOneOf("order_type", "market", "market", "limit") == "limit" ? EntryOrderType.Limit : EntryOrderType.Market,
                LimitOffsetPips = e.OptionalDouble("limit_offset_pips", d.LimitOffsetPips, 0, 1000),
                LimitTimeout = e.OptionalDuration("limit_timeout", d.LimitTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)),
                OnLimitTimeout = e.OptionalOneOf("on_limit_timeout", "cancel", "cancel", "market") == "market" ? LimitTimeoutAction.Market : LimitTimeoutAction.Cancel,
                TimeInForce = e.OptionalOneOf("time_in_force", "gtc", "gtc", "day", "ioc", "fok", "gtd") switch
                {
                    "day" => PlanTimeInForce.Day,
                    "ioc" => PlanTimeInForce.Ioc,
                    "fok" => PlanTimeInForce.Fok,
                    "gtd" => PlanTimeInForce.Gtd,
                    _ => PlanTimeInForce.Gtc,
                },
                Stops = e.OptionalOneOf("stops", "atr", "atr", "levels") == "levels" ? StopPlacement.Levels : StopPlacement.Atr,
                StopAtr = e.OptionalDouble("stop_atr", d.StopAtr, 0, 100, exclusiveMin: true),
                TargetAtr = e.OptionalDouble("target_atr", d.TargetAtr, 0, 100, exclusiveMin: true),
                LevelBufferPips = e.OptionalDouble("level_buffer_pips", d.LevelBufferPips, 0, 1000),
                MaxStopAtr = e.OptionalDouble("max_stop_atr", d.MaxStopAtr, 0, 100, exclusiveMin: true),
                MinStopPips = e.OptionalDouble("min_stop_pips", d.MinStopPips, 0, 10_000),
                SliceAboveLots = e.OptionalDecimal("slice_above_lots", d.SliceAboveLots, 0m, 1e6m, exclusiveMin: true),
                SliceLots = e.OptionalDecimal("slice_lots", d.SliceLots, 0m, 1e6m, exclusiveMin: true),
                SliceInterval = e.OptionalDuration("slice_interval", d.SliceInterval, TimeSpan.Zero, TimeSpan.FromDays(1)),
            };
            if (r.MaxStopAtr < r.StopAtr) e.Error("max_stop_atr", $"{r.MaxStopAtr} is below stop_atr {r.StopAtr}");
            if (r.SliceLots > r.SliceAboveLots) e.Error("slice_lots", $"{r.SliceLots} is above slice_above_lots {r.SliceAboveLots}");
        }

        root.Errors.ThrowIfAny();
        return r;
    }
}
