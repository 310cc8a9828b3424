using System.Text.Json;
using Platform3.AI.Inference;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Pipeline;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Audit;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Hosting;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>A model trained and registered by ml-core, served by the inference engine, deciding in a backtest.</summary>
public sealed class ModelSignalSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-model-src-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Synthetic EURUSD from 2024-03-04, resampled to M15 and stored, with a training job over the store.</summary>
    private (BarSeries M15, TrainingJob Job) StoreEurusdM15(int days, int seed)
    {
        var from = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var m15 = BarResampler.Resample(new SyntheticMarket().M1("EURUSD", from, from.AddDays(days), SynthModel.Regime, seed), Timeframe.M15, FxCalendar.Default);
        BarStore.Open(_dir).WriteBars(m15);
        return (m15, new TrainingJob(_dir, InstrumentCatalog.Builtin, FxCalendar.Default));
    }

    [Fact]
    public void A_registered_champion_drives_decisions_with_its_version_and_feature_hash_in_the_audit_log()
    {
        var (m15, job) = StoreEurusdM15(days: 50, seed: 7);
        var config = ModelConfigLoader.Parse("""
            name: day-eurusd
            symbols: [EURUSD]
            timeframe: M15
            range: { from: 2024-03-04, to: 2024-04-01 }
            features: core@1
            label: { kind: fixed-horizon, horizon: 4 }
            trainer:
              kind: lightgbm-binary
              threads: 1
              params: { num_iterations: 25, num_leaves: 7, min_data_in_leaf: 40 }
            cv: { mode: expanding, folds: 2, min_train: 600, embargo: 4 }
            seeds: { training: 5, hpo: 9 }
            """, "day-eurusd.yaml");
        var outcome = job.Run(config);
        var version = outcome.Registered!;
        job.Registry.Promote(version.Name, "champion", version.Version, "test");

        // Backtest only after the training range: the model never saw these bars.
        var test = m15.Range(m15.LowerBound(new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc).Ticks), m15.Count);
        var data = new MarketDataSet().AddBars(InstrumentCatalog.Builtin.Get("EURUSD"), test);
        using var engine = new InferenceEngine(job.Registry);
        var audit = new InMemoryAuditLog();
        var strategy = new DecisionStrategy(new DecisionEngineSetup
        {
            Config = DecisionEngineConfig.Default with { Rules = DecisionRules.Default with { MinConfidence = 0.02, MinAgreement = 0.5 } },
            Timeframe = Timeframe.M15,
            Audit = audit,
            Sources = ctx => [new ModelSignalSource(engine, "day-eurusd@champion", ctx.Universe, Timeframe.M15, ctx.Calendar, TimeSpan.FromHours(1), ctx.Clock)],
        });
        var result = new BacktestEngine(new BacktestSettings()).Run(data, strategy);

        Assert.Null(result.LedgerProblem);
        var decisions = audit.Records.Where(r => r.Kind == AuditKinds.Decision).Select(r => JsonDocument.Parse(r.Payload).RootElement).ToArray();
        var withModel = decisions.Where(d => d.GetProperty("signal_sources").GetArrayLength() > 0).ToArray();
        Assert.True(withModel.Length > decisions.Length / 2, $"{withModel.Length} of {decisions.Length} decisions had a model signal");
        var first = withModel[0];
        var signal = first.GetProperty("signal_sources")[0];
        Assert.Equal("model:day-eurusd", signal.GetProperty("source").GetString());
        Assert.Equal("model", signal.GetProperty("kind").GetString());
        Assert.Equal($"day-eurusd@{version.Version}", signal.GetProperty("model").GetString());
        Assert.InRange(signal.GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal([$"day-eurusd@{version.Version}"], first.GetProperty("model_versions").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(32, first.GetProperty("feature_vector_hash").GetString()!.Length);
        // Signals are never from after the decision.
        Assert.All(withModel, d => Assert.True(
            d.GetProperty("signal_sources")[0].GetProperty("time").GetDateTime() <= d.GetProperty("timestamp").GetDateTime()));
        Assert.True(strategy.DecisionCounts.GetValueOrDefault(DecisionType.Buy) + strategy.DecisionCounts.GetValueOrDefault(DecisionType.Sell) > 0);
        Assert.NotEmpty(result.Trades);
    }

    [Fact]
    public void A_meta_label_model_is_refused_as_a_signal_source_because_its_classes_are_not_directions()
    {
        var (_, job) = StoreEurusdM15(days: 40, seed: 11);
        var config = ModelConfigLoader.Parse("""
            name: meta-test
            symbols: [EURUSD]
            timeframe: M15
            range: { from: 2024-03-04, to: 2024-04-10 }
            features: core@2
            label:
              kind: meta-label
              horizon: 8
              profit_take_atr: 1.0
              stop_loss_atr: 1.0
              atr_period: 14
              primary: { signal: "ma-cross(3,8)", sides: both }
            trainer:
              kind: lightgbm-binary
              threads: 1
              params: { num_iterations: 10, num_leaves: 4, min_data_in_leaf: 10 }
            cv: { mode: expanding, folds: 2, min_train: 60, embargo: 8 }
            seeds: { training: 5, hpo: 9 }
            """, "meta-test.yaml");
        var version = job.Run(config).Registered!;
        using var engine = new InferenceEngine(job.Registry);
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");

        var error = Assert.Throws<Platform3.Core.Errors.UsageException>(() => new ModelSignalSource(engine, version.Ref, [eurusd], Timeframe.M15,
            FxCalendar.Default, TimeSpan.FromHours(1), TimeProvider.System));
        Assert.Contains("meta-label model", error.Message);
        Assert.Contains(version.Ref, error.Message);
    }
}
