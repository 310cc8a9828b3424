using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

public class SignalAggregatorTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 14);
    private static readonly TimeSpan H = TimeSpan.FromHours(1);

    private static SignalInput S(string source, SignalDirection d, double strength, DateTime? time = null) =>
        new(source, SignalKind.Technical, "EURUSD", d, strength, H, time ?? T);

    [Fact]
    public void Weighted_average_uses_config_weights()
    {
        var rules = DecisionRules.Default with { Weights = new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 }, ConflictMinStrength = 1 };
        var f = new SignalAggregator(rules).Fuse([S("a", SignalDirection.Long, 0.6), S("b", SignalDirection.Short, 0.2)], T);
        // (3·0.6 − 1·0.2) / 4 = 0.4
        Assert.Equal(SignalDirection.Long, f.Direction);
        Assert.Equal(0.4, f.Confidence, 12);
        Assert.Equal(0.75, f.Agreement, 12);
        Assert.False(f.Conflict);
        Assert.Equal(2, f.Sources);
    }

    [Fact]
    public void Expired_signals_are_ignored_and_future_ones_refused()
    {
        var agg = new SignalAggregator(DecisionRules.Default);
        var f = agg.Fuse([S("old", SignalDirection.Short, 1, T - H), S("new", SignalDirection.Long, 0.5)], T);
        Assert.Equal(SignalDirection.Long, f.Direction);
        Assert.Equal(1, f.Sources);
        Assert.Equal("no active signals", agg.Fuse([S("old", SignalDirection.Short, 1, T - H)], T).Note);
        Assert.Throws<InvalidOperationException>(() => agg.Fuse([S("future", SignalDirection.Long, 1, T.AddTicks(1))], T));
    }

    [Fact]
    public void Majority_vote_needs_a_strict_majority_with_flat_votes_counted()
    {
        var agg = new SignalAggregator(DecisionRules.Default with { Method = FusionMethod.MajorityVote, ConflictMinStrength = 1 });
        var yes = agg.Fuse([S("a", SignalDirection.Long, 0.8), S("b", SignalDirection.Long, 0.4), S("c", SignalDirection.Short, 0.9)], T);
        Assert.Equal(SignalDirection.Long, yes.Direction);
        Assert.Equal(2.0 / 3, yes.Agreement, 12);
        Assert.Equal(2.0 / 3 * 0.6, yes.Confidence, 12);
        var no = agg.Fuse([S("a", SignalDirection.Long, 0.8), S("b", SignalDirection.Flat, 0), S("c", SignalDirection.Short, 0.9)], T);
        Assert.Equal(SignalDirection.Flat, no.Direction);
        Assert.Equal("no strict majority", no.Note);
    }

    [Fact]
    public void Conflicts_are_flagged_and_handled_by_policy()
    {
        SignalInput[] signals = [S("a", SignalDirection.Long, 0.9), S("b", SignalDirection.Long, 0.3), S("c", SignalDirection.Short, 0.5)];
        var hold = new SignalAggregator(DecisionRules.Default).Fuse(signals, T);
        Assert.True(hold.Conflict);
        Assert.Equal(SignalDirection.Flat, hold.Direction);
        Assert.Equal(0, hold.Confidence);
        Assert.Contains("holding", hold.Note);
        var net = new SignalAggregator(DecisionRules.Default with { Conflict = ConflictPolicy.Net }).Fuse(signals, T);
        Assert.True(net.Conflict);
        Assert.Equal(SignalDirection.Long, net.Direction);
        Assert.Equal((0.9 + 0.3 - 0.5) / 3, net.Confidence, 12);
        var strongest = new SignalAggregator(DecisionRules.Default with { Conflict = ConflictPolicy.Strongest }).Fuse(signals, T);
        Assert.Equal(0.9, strongest.Confidence, 12);
        Assert.Contains("(a)", strongest.Note);
    }

    [Fact]
    public void Model_probabilities_and_expected_returns_become_strengths()
    {
        var p = SignalInput.FromProbabilities("m", "EURUSD", T, H, 0.7, 0.3, "day@3");
        Assert.Equal(SignalDirection.Long, p.Direction);
        Assert.Equal(0.4, p.Strength, 12);
        Assert.Equal(0.7, p.Probability);
        var three = SignalInput.FromProbabilities("m", "EURUSD", T, H, 0.2, 0.5, "day@3");
        Assert.Equal(SignalDirection.Short, three.Direction);
        Assert.Equal(0.3, three.Strength, 12);
        var r = SignalInput.FromExpectedReturn("m", "EURUSD", T, H, -0.002, 0.001, "reg@1");
        Assert.Equal(1.0, r.Strength);
        Assert.Equal(-0.002, r.ExpectedReturn);
        Assert.Throws<ArgumentException>(() => new SignalInput("m", SignalKind.Model, "EURUSD", SignalDirection.Long, 0.5, H, T));
    }

    /// <summary>
    /// Source "good" is right 75% of the time, "bad" 40%: with hit-rate weighting (out-of-sample, resolved after the
    /// horizon) the good one ends up with the weight and the bad one with none.
    /// </summary>
    [Fact]
    public void Hit_rate_weighting_learns_from_resolved_signals_only()
    {
        var rules = DecisionRules.Default with { Weighting = SourceWeighting.HitRate, MinSamples = 30, PerformanceWindow = 200 };
        var agg = new SignalAggregator(rules);
        var eurusd = I("EURUSD");
        var prices = Prices(Currency.USD, T);
        var rng = new Random(3);
        var mid = 1.1;
        var t = T;
        Assert.Equal(rules.PriorSkill, agg.WeightOf("good"));
        for (var i = 0; i < 400; i++)
        {
            var up = rng.NextDouble() < 0.5;
            var good = rng.NextDouble() < 0.75 ? up : !up;
            var bad = rng.NextDouble() < 0.40 ? up : !up;
            SignalInput[] s =
            [
                new("good", SignalKind.Technical, "EURUSD", good ? SignalDirection.Long : SignalDirection.Short, 0.5, H, t),
                new("bad", SignalKind.Technical, "EURUSD", bad ? SignalDirection.Long : SignalDirection.Short, 0.5, H, t),
            ];
            agg.Fuse(s, t);
            agg.Observe(eurusd, t, s, prices);
            // The move over the next hour, revealed only when that hour has passed.
            mid *= up ? 1.001 : 0.999;
            t += H;
            prices.Set(eurusd, t.Ticks, mid - 0.00005, mid + 0.00005);
        }
        var goodPerf = agg.Outcomes!.PerformanceOf("good")!;
        Assert.InRange(goodPerf.HitRate, 0.65, 0.85);
        Assert.True(agg.WeightOf("good") > 0.3);
        Assert.Equal(0, agg.WeightOf("bad"));
        Assert.True(agg.Outcomes.PendingSignals <= 2);
    }

    /// <summary>The meta-model learns that one source is informative and another is noise.</summary>
    [Fact]
    public void Stacking_meta_model_learns_which_source_to_trust()
    {
        var rules = DecisionRules.Default with
        {
            Method = FusionMethod.Stacking, StackingMinSamples = 100, StackingWindow = 500, StackingRefitEvery = 25,
            StackingHorizon = H, Conflict = ConflictPolicy.Net,
        };
        var agg = new SignalAggregator(rules);
        var eurusd = I("EURUSD");
        var prices = Prices(Currency.USD, T);
        var rng = new Random(11);
        var mid = 1.1;
        var t = T;
        FusedSignal last = default;
        for (var i = 0; i < 600; i++)
        {
            var up = rng.NextDouble() < 0.5;
            var informative = rng.NextDouble() < 0.8 ? up : !up;
            var noise = rng.NextDouble() < 0.5;
            SignalInput[] s =
            [
                new("informative", SignalKind.Model, "EURUSD", informative ? SignalDirection.Long : SignalDirection.Short, 0.6, H, t, "m@1"),
                new("noise", SignalKind.Technical, "EURUSD", noise ? SignalDirection.Long : SignalDirection.Short, 0.9, H, t),
            ];
            last = agg.Fuse(s, t);
            agg.Observe(eurusd, t, s, prices);
            mid *= up ? 1.001 : 0.999;
            t += H;
            prices.Set(eurusd, t.Ticks, mid - 0.00005, mid + 0.00005);
        }
        var model = agg.Outcomes!.MetaModel!;
        Assert.True(model.IsFitted);
        var beta = model.Coefficients.ToArray();
        Assert.True(beta[1] > 1.0, $"informative coefficient {beta[1]}");
        Assert.True(Math.Abs(beta[2]) < beta[1] / 3, $"noise coefficient {beta[2]} vs {beta[1]}");
        Assert.Equal(FusionMethod.Stacking, last.Method);
        Assert.DoesNotContain("warming up", last.Note);
        // Informative says long, noise says short (stronger): stacking follows the informative source.
        var f = agg.Fuse(
        [
            new SignalInput("informative", SignalKind.Model, "EURUSD", SignalDirection.Long, 0.6, H, t, "m@1"),
            new SignalInput("noise", SignalKind.Technical, "EURUSD", SignalDirection.Short, 0.9, H, t),
        ], t);
        Assert.Equal(SignalDirection.Long, f.Direction);
        Assert.True(f.Confidence > 0.3);
    }

    [Fact]
    public void Stacking_falls_back_to_the_weighted_average_while_warming_up()
    {
        var agg = new SignalAggregator(DecisionRules.Default with { Method = FusionMethod.Stacking });
        var f = agg.Fuse([S("a", SignalDirection.Long, 0.5)], T);
        Assert.Equal(FusionMethod.Stacking, f.Method);
        Assert.Contains("warming up (0/200", f.Note);
        Assert.Equal(0.5, f.Confidence, 12);
    }
}
