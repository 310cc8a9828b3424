using System.Runtime.CompilerServices;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Decisions.Fusion;

/// <summary>
/// Fuses the signals of one cycle for one symbol into a direction, a confidence and the agreement between
/// sources, by a weighted average, a majority vote, or a stacking meta-model. Conflicts (strong signals both
/// ways) are always flagged and then handled by the configured policy: hold, keep the net result, or follow
/// the strongest signal.
/// </summary>
public sealed class SignalAggregator
{
    /// <summary>Sources the meta-model can tell apart; later ones are ignored by stacking (and noted).</summary>
    public const int MaxStackingSources = 32;

    private readonly DecisionRules _rules;
    private readonly Dictionary<string, int> _stackingIndex = new(StringComparer.Ordinal);
    private readonly double[] _features = new double[MaxStackingSources];
    private readonly Dictionary<int, long> _lastObserved = [];

    public SignalOutcomeTracker? Outcomes { get; }
    public DecisionRules Rules => _rules;

    public SignalAggregator(DecisionRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        var needsOutcomes = rules.Weighting != SourceWeighting.Config || rules.Method == FusionMethod.Stacking;
        if (needsOutcomes)
            Outcomes = new SignalOutcomeTracker(rules.PerformanceWindow, rules.Method == FusionMethod.Stacking
                ? new LogisticMetaModel(MaxStackingSources, rules.StackingWindow, rules.StackingMinSamples, rules.StackingRefitEvery, rules.StackingL2)
                : null);
    }

    /// <summary>
    /// The weight of a source now: its config weight, scaled by its trailing out-of-sample skill when the
    /// weighting asks for it and the source has enough resolved signals (else by the prior skill).
    /// </summary>
    public double WeightOf(string source)
    {
        var w = _rules.WeightOf(source);
        if (_rules.Weighting == SourceWeighting.Config || w == 0) return w;
        var perf = Outcomes!.PerformanceOf(source);
        var warm = perf is not null && perf.Count >= _rules.MinSamples;
        switch (_rules.Weighting)
        {
            case SourceWeighting.HitRate:
                return w * (warm ? Math.Max(0, 2 * perf!.HitRate - 1) : _rules.PriorSkill);
            case SourceWeighting.Pnl:
                if (!warm) return w * _rules.PriorSkill;
                var sd = perf!.PnlStdDev;
                return sd > 0 ? w * Math.Max(0, perf.MeanPnl / sd) : 0;
            default: // risk parity: equal risk per source; warm-up sources get the average of the warm ones
                if (warm && perf!.PnlStdDev > 0) return w / perf.PnlStdDev;
                double sum = 0;
                var n = 0;
                foreach (var p in Outcomes.AllPerformance)
                    if (p.Count >= _rules.MinSamples && p.PnlStdDev > 0) { sum += 1 / p.PnlStdDev; n++; }
                return n == 0 ? w : w * sum / n;
        }
    }

    /// <summary>
    /// Fuses the signals for one symbol at <paramref name="now"/>. Signals not yet known at <paramref name="now"/>
    /// are a caller bug (lookahead) and throw; expired ones are ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FusedSignal Fuse(ReadOnlySpan<SignalInput> signals, DateTime now)
    {
        Span<double> weights = signals.Length <= 64 ? stackalloc double[signals.Length] : new double[signals.Length];
        var active = 0;
        for (var i = 0; i < signals.Length; i++)
        {
            ref readonly var s = ref signals[i];
            if (s.Time > now)
                throw new InvalidOperationException($"signal from {s.Source} is stamped {s.Time:O}, after the decision time {now:O}: that would be lookahead");
            weights[i] = s.IsActiveAt(now) ? WeightOf(s.Source) : 0;
            if (s.IsActiveAt(now)) active++;
        }
        if (active == 0) return FusedSignal.None(_rules.Method, "no active signals");
        return _rules.Method switch
        {
            FusionMethod.MajorityVote => Vote(signals, weights, now),
            FusionMethod.Stacking => Stack(signals, weights, now),
            _ => Average(signals, weights, now, FusionMethod.WeightedAverage, ""),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FusedSignal Average(ReadOnlySpan<SignalInput> signals, ReadOnlySpan<double> weights, DateTime now, FusionMethod method, string note)
    {
        double sw = 0, sws = 0;
        var n = 0;
        for (var i = 0; i < signals.Length; i++)
        {
            if (weights[i] <= 0) continue;
            sw += weights[i];
            sws += weights[i] * signals[i].Score;
            n++;
        }
        if (sw <= 0) return FusedSignal.None(method, Join(note, "no source has a positive weight"));
        var score = sws / sw;
        var direction = Sign(score);
        return Resolve(signals, weights, direction, Math.Abs(score), score, method, n, note);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FusedSignal Vote(ReadOnlySpan<SignalInput> signals, ReadOnlySpan<double> weights, DateTime now)
    {
        double longVotes = 0, shortVotes = 0, total = 0, longStrength = 0, shortStrength = 0;
        var n = 0;
        for (var i = 0; i < signals.Length; i++)
        {
            var w = weights[i];
            if (w <= 0) continue;
            n++;
            total += w;
            if (signals[i].Direction == SignalDirection.Long) { longVotes += w; longStrength += w * signals[i].Strength; }
            else if (signals[i].Direction == SignalDirection.Short) { shortVotes += w; shortStrength += w * signals[i].Strength; }
        }
        if (total <= 0) return FusedSignal.None(FusionMethod.MajorityVote, "no source has a positive weight");
        // A strict majority of all votes (flat votes count as votes to stay out).
        var direction = longVotes > total / 2 ? SignalDirection.Long : shortVotes > total / 2 ? SignalDirection.Short : SignalDirection.Flat;
        var score = (longVotes - shortVotes) / total;
        if (direction == SignalDirection.Flat)
            return Resolve(signals, weights, direction, 0, score, FusionMethod.MajorityVote, n, "no strict majority");
        var votes = direction == SignalDirection.Long ? longVotes : shortVotes;
        var meanStrength = (direction == SignalDirection.Long ? longStrength : shortStrength) / votes;
        return Resolve(signals, weights, direction, votes / total * meanStrength, score, FusionMethod.MajorityVote, n, "");
    }

    private FusedSignal Stack(ReadOnlySpan<SignalInput> signals, ReadOnlySpan<double> weights, DateTime now)
    {
        var model = Outcomes!.MetaModel!;
        var features = BuildFeatures(signals, now, out var dropped);
        var note = dropped ? $"more than {MaxStackingSources} sources: extra ones ignored by stacking" : "";
        if (!model.IsFitted)
            return Average(signals, weights, now, FusionMethod.Stacking,
                Join(note, $"meta-model warming up ({model.Count}/{model.MinSamples} resolved cycles): weighted average used"));
        var p = model.PredictUp(features);
        var direction = p > 0.5 ? SignalDirection.Long : p < 0.5 ? SignalDirection.Short : SignalDirection.Flat;
        var n = 0;
        for (var i = 0; i < signals.Length; i++) if (weights[i] > 0) n++;
        return Resolve(signals, weights, direction, Math.Abs(2 * p - 1), 2 * p - 1, FusionMethod.Stacking, n, note);
    }

    /// <summary>Per-source scores of the active signals, in the meta-model's fixed source order.</summary>
    private ReadOnlySpan<double> BuildFeatures(ReadOnlySpan<SignalInput> signals, DateTime now, out bool dropped)
    {
        Array.Clear(_features);
        dropped = false;
        foreach (ref readonly var s in signals)
        {
            if (!s.IsActiveAt(now)) continue;
            if (!_stackingIndex.TryGetValue(s.Source, out var j))
            {
                if (_stackingIndex.Count >= MaxStackingSources) { dropped = true; continue; }
                j = _stackingIndex.Count;
                _stackingIndex[s.Source] = j;
            }
            _features[j] += s.Score;
        }
        return _features;
    }

    /// <summary>Agreement, conflict detection and the conflict policy, common to the three methods.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FusedSignal Resolve(ReadOnlySpan<SignalInput> signals, ReadOnlySpan<double> weights, SignalDirection direction,
        double confidence, double score, FusionMethod method, int sources, string note)
    {
        var conflict = false;
        var strongLong = false;
        var strongShort = false;
        var strongest = -1;
        var best = 0.0;
        for (var i = 0; i < signals.Length; i++)
        {
            if (weights[i] <= 0) continue;
            ref readonly var s = ref signals[i];
            if (s.Strength >= _rules.ConflictMinStrength && s.Strength > 0)
            {
                if (s.Direction == SignalDirection.Long) strongLong = true;
                else if (s.Direction == SignalDirection.Short) strongShort = true;
            }
            var ws = weights[i] * s.Strength;
            if (s.Direction != SignalDirection.Flat && ws > best) { best = ws; strongest = i; }
        }
        conflict = strongLong && strongShort;
        if (conflict)
        {
            switch (_rules.Conflict)
            {
                case ConflictPolicy.Hold:
                    direction = SignalDirection.Flat;
                    confidence = 0;
                    note = Join(note, "conflict: strong signals both ways, holding");
                    break;
                case ConflictPolicy.Strongest when strongest >= 0:
                    direction = signals[strongest].Direction;
                    confidence = signals[strongest].Strength;
                    note = Join(note, $"conflict: following the strongest signal ({signals[strongest].Source})");
                    break;
                default:
                    note = Join(note, "conflict: strong signals both ways, net result kept");
                    break;
            }
        }
        if (direction == SignalDirection.Flat) confidence = 0;
        return new FusedSignal(direction, Math.Clamp(confidence, 0, 1), Agreement(signals, weights, direction), score, method, conflict, sources, note);
    }

    private static double Agreement(ReadOnlySpan<SignalInput> signals, ReadOnlySpan<double> weights, SignalDirection direction)
    {
        double agree = 0, total = 0;
        for (var i = 0; i < signals.Length; i++)
        {
            if (weights[i] <= 0) continue;
            total += weights[i];
            if (signals[i].Direction == direction) agree += weights[i];
        }
        return total > 0 ? agree / total : 0;
    }

    /// <summary>
    /// Registers this cycle's signals (and, for stacking, its feature row) for scoring once their horizons
    /// pass, and scores whatever is due now. Call once per cycle, after <see cref="Fuse"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(Instrument instrument, DateTime now, ReadOnlySpan<SignalInput> signals, MarketPrices prices)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(prices);
        if (Outcomes is null) return;
        Outcomes.Resolve(now, prices);
        if (!prices.Has(instrument)) return;
        var mid = prices.Mid(instrument);
        // Each signal is scored once: the first cycle after it became known.
        var last = _lastObserved.GetValueOrDefault(instrument.Id, long.MinValue);
        foreach (ref readonly var s in signals)
            if (s.Time.Ticks > last && s.IsActiveAt(now)) Outcomes.ObserveSignal(s, instrument, mid);
        _lastObserved[instrument.Id] = now.Ticks;
        if (Outcomes.MetaModel is not null)
        {
            var features = BuildFeatures(signals, now, out _);
            Outcomes.ObserveRow(features.ToArray(), instrument, now, _rules.StackingHorizon, mid);
        }
    }

    private static SignalDirection Sign(double score) =>
        score > 1e-12 ? SignalDirection.Long : score < -1e-12 ? SignalDirection.Short : SignalDirection.Flat;

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;
}
