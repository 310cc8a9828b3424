using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Tests.Shared;
using Platform3.Trading.Decisions;

namespace Platform3.Trading.Tests.Decisions;

public sealed class DecisionRulesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Shipped_file_loads_and_equals_the_documented_defaults()
    {
        var loaded = DecisionRules.Load(Path.Combine(SharedData.RepoRoot, "config", "decision-rules.yaml"));
        Assert.Empty(loaded.Weights);
        Assert.Equal(DecisionRules.Default with { Weights = loaded.Weights }, loaded);
    }

    [Fact]
    public void Every_bad_key_and_value_is_reported_with_its_line()
    {
        const string yaml = """
            fusion:
              method: astrology
              weights:
                default: heavy
              stacking:
                window: 5
            decision:
              min_confidence: 2
              cooldown: soon
              on_opposite_signal: panic
            execution:
              stops: feelings
              slippage: 3
            """;
        var ex = Assert.Throws<ConfigException>(() => DecisionRules.Parse(yaml, "decision-rules.yaml"));
        var all = string.Join("\n", ex.Problems);
        Assert.Contains("line 2: fusion.method: 'astrology' is not one of", all);
        Assert.Contains("line 4: fusion.weights.default: expected a number, got 'heavy'", all);
        Assert.Contains("line 6: fusion.stacking.window: 5 must be between 20 and", all);
        Assert.Contains("line 8: decision.min_confidence: 2 must be <= 1", all);
        Assert.Contains("line 9: decision.cooldown: expected a duration", all);
        Assert.Contains("line 10: decision.on_opposite_signal: 'panic' is not one of", all);
        Assert.Contains("line 12: execution.stops: 'feelings' is not one of", all);
        Assert.Contains("line 13: execution.slippage: unknown key", all);
        Assert.Equal(8, ex.Problems.Count);
    }

    [Fact]
    public void The_engine_refuses_to_start_and_reports_both_files()
    {
        File.WriteAllText(Path.Combine(_dir, DecisionEngineConfig.RulesFile), "decision:\n  min_agreement: lots\n");
        File.WriteAllText(Path.Combine(_dir, DecisionEngineConfig.LimitsFile), "limits:\n  max_leverage: -1\n");
        var ex = Assert.Throws<UsageException>(() => DecisionEngineConfig.Load(_dir, InstrumentCatalog.Builtin));
        Assert.Contains("will not start", ex.Message);
        Assert.Contains("line 2: decision.min_agreement: expected a number", ex.Message);
        Assert.Contains("line 2: limits.max_leverage: -1 must be > 0", ex.Message);
    }

    [Fact]
    public void Missing_files_mean_the_defaults()
    {
        var c = DecisionEngineConfig.Load(_dir, InstrumentCatalog.Builtin);
        Assert.Same(DecisionRules.Default, c.Rules);
        Assert.Empty(c.News.Events);
    }

    [Fact]
    public void Values_are_read()
    {
        var r = DecisionRules.Parse("""
            fusion: { method: stacking, weighting: risk_parity, weights: { default: 0.5, "model:day": 2 }, conflict_policy: strongest }
            decision: { cooldown: 2h, on_opposite_signal: flip, close_on_flat: yes, max_trades_per_day: 0 }
            execution: { order_type: limit, time_in_force: day, stops: levels, slice_above_lots: 5, slice_lots: 2.5 }
            """, "r.yaml");
        Assert.Equal(FusionMethod.Stacking, r.Method);
        Assert.Equal(SourceWeighting.RiskParity, r.Weighting);
        Assert.Equal(0.5, r.WeightOf("other"));
        Assert.Equal(2, r.WeightOf("model:day"));
        Assert.Equal(ConflictPolicy.Strongest, r.Conflict);
        Assert.Equal(TimeSpan.FromHours(2), r.Cooldown);
        Assert.Equal(OppositeSignalPolicy.Flip, r.OnOpposite);
        Assert.True(r.CloseOnFlat);
        Assert.Equal(0, r.MaxTradesPerDay);
        Assert.Equal(EntryOrderType.Limit, r.OrderType);
        Assert.Equal(PlanTimeInForce.Day, r.TimeInForce);
        Assert.Equal(StopPlacement.Levels, r.Stops);
        Assert.Equal(2.5m, r.SliceLots);
    }
}
