using Platform3.AI.Features;
using Platform3.AI.Labels;
using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Config;
using Platform3.AI.Training.Pipeline;
using Platform3.Core.Calendar;
using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.SignalProcessing;

namespace Platform3.AI.Tests.Training;

/// <summary>Meta-labels configured in a model's YAML: the primary signal, validation, the dataset and a training run.</summary>
public class MetaLabelConfigTests
{
    private static string Meta(string primary, string trainer = "lightgbm-binary") =>
        TrainingFixture.Config(name: "meta", trainer: trainer, minTrain: 150, label: $$"""

              kind: meta-label
              horizon: 8
              profit_take_atr: 1.5
              stop_loss_atr: 1.0
              primary: {{primary}}
            """);

    [Fact]
    public void A_meta_label_config_names_its_primary_signal()
    {
        var c = TrainingFixture.Parse(Meta("{ signal: 'ma-cross(5, 20, ma=sma)', sides: long }"));
        Assert.Equal(LabelKind.MetaLabel, c.Label.Kind);
        Assert.Equal("ma-cross(5,20,ma=sma)", c.Label.Primary!.Generator);
        Assert.Equal(BetSides.Long, c.Label.Primary.Sides);
        Assert.Equal(8, c.Label.Horizon);
        Assert.Contains("meta-label(primary=ma-cross(5,20,ma=sma) long only", c.Label.ToString());

        var m = TrainingFixture.Parse(Meta("{ model: 'day-eurusd@champion', threshold: 0.6 }"));
        Assert.Equal("day-eurusd@champion", m.Label.Primary!.Model);
        Assert.Equal(0.6, m.Label.Primary.Threshold);
        Assert.Null(m.Label.Primary.Generator);
    }

    [Fact]
    public void Bad_primaries_are_reported_with_their_key_and_line()
    {
        string Problems(string yaml) => string.Join("\n", Assert.Throws<ConfigException>(() => TrainingFixture.Parse(yaml)).Problems);

        var unknown = Problems(Meta("{ signal: 'ma-crossing(5,20)' }"));
        Assert.Matches(@"line \d+: label\.primary\.signal: Unknown signal generator 'ma-crossing'", unknown);
        Assert.Contains("valid: ma-cross(fast=10", unknown);
        Assert.Contains("give exactly one of signal", Problems(Meta("{ signal: 'rsi-threshold(14,30,70)', model: 'x@1' }")));
        Assert.Contains("give exactly one of signal", Problems(Meta("{ sides: long }")));
        Assert.Contains("label.primary.threshold: applies to a model primary only", Problems(Meta("{ signal: 'ma-cross(5,20)', threshold: 0.6 }")));
        Assert.Contains("label.primary.model: 'bad name@1' is not a model reference", Problems(Meta("{ model: 'bad name@1' }")));
        Assert.Contains("label.primary.sides: 'up' is not one of", Problems(Meta("{ signal: 'ma-cross(5,20)', sides: up }")));
        Assert.Contains("label.primary.colour: unknown key", Problems(Meta("{ signal: 'ma-cross(5,20)', colour: red }")));
        Assert.Contains("label.primary: is required", Problems(TrainingFixture.Config(label: "{ kind: meta-label, horizon: 8 }")));
        Assert.Contains("trainer: lightgbm-multiclass predicts Multiclass but a meta-label is binary",
            Problems(Meta("{ signal: 'ma-cross(5,20)' }", trainer: "lightgbm-multiclass")));
        Assert.Contains("label.primary: only a meta-label has a primary signal",
            Problems(TrainingFixture.Config(label: "{ kind: triple-barrier, horizon: 8, primary: { signal: 'ma-cross(5,20)' } }")));
    }

    [Property(MaxTest = 20)]
    public Property Generator_sides_are_point_in_time(int seed)
    {
        // The side at bar i is the same when computed on bars truncated after i: no bet looks ahead.
        var bars = Synthetic.RandomWalkBars(400, seed, tf: Timeframe.M15);
        var full = PrimarySides.FromGenerator(bars, "ma-cross(5,20)");
        var cut = 150 + Math.Abs(seed % 200);
        var truncated = PrimarySides.FromGenerator(bars.Range(0, cut), "ma-cross(5,20)");
        return (full.Take(cut).SequenceEqual(truncated) && full.Any(s => s != 0)).ToProperty();
    }

    [Fact]
    public void Generator_bets_sit_on_the_bars_whose_close_fired_them()
    {
        var bars = Synthetic.RandomWalkBars(600, 3, tf: Timeframe.M15);
        var signals = SignalGenerators.Create("rsi-threshold(7,30,70)", bars.Symbol, bars.Timeframe).Run(bars);
        var side = PrimarySides.FromGenerator(bars, "rsi-threshold(7,30,70)");
        Assert.Equal(signals.Count, side.Count(s => s != 0));
        foreach (var s in signals)
        {
            var i = bars.LowerBound(s.Time.Ticks - Timeframe.M15.DurationTicks);
            Assert.Equal(s.Time.Ticks, bars.Time[i] + Timeframe.M15.DurationTicks);
            Assert.Equal((sbyte)s.Direction, side[i]);
        }
        Assert.All(PrimarySides.Keep((sbyte[])side.Clone(), BetSides.Short), s => Assert.True(s <= 0));
        var tp = TrainingFixture.Parse(Meta("{ signal: 'ma-cross(5,20)' }"));
        Assert.Equal(1, PrimarySides.OfOutput([0.3f, 0.7f], TaskKind.Binary, [-1, 1], 0.6));
        Assert.Equal(0, PrimarySides.OfOutput([0.45f, 0.55f], TaskKind.Binary, [-1, 1], 0.6));
        Assert.Equal(-1, PrimarySides.OfOutput([0.6f, 0.1f, 0.3f], TaskKind.Multiclass, [-1, 0, 1], 0.55));
        Assert.NotNull(tp.Label.Primary);
    }

    [Fact]
    public void The_dataset_holds_one_row_per_primary_bet_labelled_by_whether_it_paid()
    {
        var bars = Market.Eurusd(Timeframe.M15, 30);
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core2, InstrumentCatalog.Builtin.Get("EURUSD"), bars, FxCalendar.Default);
        var spec = new LabelSpec { Kind = LabelKind.MetaLabel, Horizon = 8, ProfitTakeAtr = 1.5, StopLossAtr = 1.0, Primary = new PrimarySignalSpec { Generator = "ma-cross(5,20)" } };
        var side = PrimarySides.FromGenerator(bars, "ma-cross(5,20)");
        var (data, report) = DatasetBuilder.Build(frame, bars, spec, TaskKind.Binary, 0.0001, false, FxCalendar.Default, side);
        var expected = MetaLabeler.Build(bars, side, spec);
        Assert.Equal([0.0, 1.0], data.ClassValues);
        Assert.True(data.Count > 40, $"{data.Count} rows");
        Assert.True(report.NoPrimaryBet > 10 * data.Count, report.ToString());
        Assert.Contains("no primary bet", report.ToString());
        Assert.Equal(0, report.DeadZone);
        Assert.Contains(data.Class, c => c == 0);
        Assert.Contains(data.Class, c => c == 1);
        for (var k = 0; k < data.Count; k++)
        {
            var i = bars.LowerBound(data.BarTime[k]);
            Assert.NotEqual(0, side[i]);
            Assert.Equal(expected.Side[i], data.Class[k]);
            Assert.Equal(expected.EndTicks[i], data.End[k]);
            // A yes means the bet's own return (side × price move) was positive.
            Assert.Equal(expected.Value[i] > 0, data.Class[k] == 1);
        }
        Assert.Throws<ArgumentException>(() => DatasetBuilder.Build(frame, bars, spec, TaskKind.Binary, 0.0001, false, FxCalendar.Default));
    }

    [Fact]
    public void A_meta_model_trains_from_yaml_on_a_signal_or_on_an_earlier_model_and_refuses_an_in_sample_model()
    {
        using var fx = new TrainingFixture(Timeframe.M15, 70);
        var job = new TrainingJob(fx.DataDir, InstrumentCatalog.Builtin, FxCalendar.Default);
        var messages = new List<string>();
        var meta = job.Run(TrainingFixture.Parse(Meta("{ signal: 'ma-cross(5,20)' }")), messages.Add);
        Assert.Contains(messages, m => m.StartsWith("primary ma-cross(5,20) on EURUSD:", StringComparison.Ordinal));
        Assert.Equal([0.0, 1.0], meta.Registered!.Signature.ClassValues);
        Assert.StartsWith("meta-label(", meta.Registered.Signature.Label);
        Assert.Equal(meta.Dataset.Count, meta.Dataset.BarTime.Count(t => meta.PrimaryBets!["EURUSD"].ContainsKey(t)));
        Assert.True(double.IsFinite(meta.Result.Overall.GetOrNaN("auc")));

        // A primary model trained on 2024-03-11 .. 2024-04-01 may label bets from 2024-04-01 on, not before.
        const string range = "from: 2024-03-11, to: 2024-04-20";
        var primary = job.Run(TrainingFixture.Parse(TrainingFixture.Config(name: "primary", minTrain: 400)
            .Replace(range, "from: 2024-03-11, to: 2024-04-01", StringComparison.Ordinal)));
        var later = Meta("{ model: 'primary@1', threshold: 0.5 }").Replace(range, "from: 2024-04-01, to: 2024-05-10", StringComparison.Ordinal);
        var onModel = job.Run(TrainingFixture.Parse(later), register: false);
        Assert.True(onModel.Dataset.Count > 150, $"{onModel.Dataset.Count} rows");
        Assert.All(onModel.PrimaryBets!["EURUSD"].Values, s => Assert.True(s is 1 or -1));
        var early = TrainingFixture.Parse(later.Replace("from: 2024-04-01", "from: 2024-03-25", StringComparison.Ordinal));
        var ex = Assert.Throws<DataException>(() => job.BuildDataset(early));
        Assert.Contains("primary@1 was trained on data up to 2024-04-01, after this range starts (2024-03-25)", ex.Message);
        Assert.NotNull(primary.Registered);
    }
}
