using Platform3.AI.Labels;
using Platform3.AI.Tests.Support;

namespace Platform3.AI.Tests.Labels;

public class LabelerTests
{
    private const double Pip = 0.0001;

    [Fact]
    public void Fixed_horizon_signs_moves_outside_the_dead_zone_and_records_t1()
    {
        // Moves over 2 bars: +3 pips, -3 pips, +1 pip (inside a 2-pip dead zone), +6 pips, then the unresolved tail.
        var bars = Synthetic.FromCloses(1.1000, 1.1002, 1.1003, 1.0999, 1.1004, 1.1005);
        var labels = Labeler.FixedHorizon(bars, new LabelSpec { Horizon = 2, DeadZone = 2 }, Pip);

        Assert.Equal(new sbyte[] { 1, -1, 0, 1, 0, 0 }, labels.Side);
        Assert.Equal(new[] { true, true, true, true, false, false }, labels.Valid);
        Assert.Equal(4, labels.ValidCount);
        Assert.Equal(bars.Time[2] + TimeSpan.TicksPerMinute, labels.EndTicks[0]);
        Assert.Equal(bars.Time[0] + TimeSpan.TicksPerMinute, labels.StartTicks[0]);
        Assert.Equal(Math.Log(1.1003 / 1.1000), labels.Value[0], 12);
        var narrow = Labeler.FixedHorizon(bars, new LabelSpec { Horizon = 2, DeadZone = 0.5 }, Pip);
        Assert.Equal(1, narrow.Side[2]);
    }

    [Fact]
    public void Fixed_horizon_with_an_atr_dead_zone_waits_for_the_atr()
    {
        var bars = Synthetic.RandomWalkBars(200, seed: 3);
        var labels = Labeler.FixedHorizon(bars, new LabelSpec { Horizon = 5, DeadZone = 0.5, DeadZoneUnit = WidthUnit.Atr, AtrPeriod = 14 }, Pip);
        Assert.All(Enumerable.Range(0, 13), i => Assert.False(labels.Valid[i]));
        Assert.True(labels.Valid[13]);
        Assert.Equal(200 - 13 - 5, labels.ValidCount);
    }

    [Fact]
    public void Triple_barrier_takes_the_first_touched_barrier_and_its_time()
    {
        // Constant true range 0.0010 → ATR(2) = 0.0010 after two bars. pt = sl = 1 ATR.
        (double, double, double, double)[] ohlc =
        [
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1005, 1.0995, 1.1000), // i = 1: ATR ready (0.0010); entry 1.1000, barriers 1.1010 / 1.0990
            (1.1000, 1.1008, 1.0998, 1.1005),
            (1.1005, 1.1011, 1.1001, 1.1009), // upper touched here → +1, t1 = close of bar 3
            (1.1009, 1.1010, 1.0980, 1.0985),
            (1.0985, 1.0990, 1.0980, 1.0985),
            (1.0985, 1.0990, 1.0980, 1.0985),
            (1.0985, 1.0990, 1.0980, 1.0985),
        ];
        var bars = Synthetic.FromOhlc(ohlc);
        var labels = Labeler.TripleBarrier(bars, new LabelSpec { Kind = LabelKind.TripleBarrier, Horizon = 4, AtrPeriod = 2 });

        Assert.False(labels.Valid[0]);
        Assert.True(labels.Valid[1]);
        Assert.Equal(1, labels.Side[1]);
        Assert.Equal(3, labels.EndIndex[1]);
        Assert.Equal(bars.Time[3] + TimeSpan.TicksPerMinute, labels.EndTicks[1]);
        Assert.Equal(Math.Log(1.1010 / 1.1000), labels.Value[1], 10);
    }

    [Fact]
    public void Triple_barrier_counts_a_bar_touching_both_barriers_as_the_stop()
    {
        (double, double, double, double)[] ohlc =
        [
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1050, 1.0950, 1.1000), // both barriers inside one bar
            (1.1000, 1.1001, 1.0999, 1.1000),
        ];
        var labels = Labeler.TripleBarrier(Synthetic.FromOhlc(ohlc), new LabelSpec { Kind = LabelKind.TripleBarrier, Horizon = 2, AtrPeriod = 2 });
        Assert.Equal(-1, labels.Side[1]);
        Assert.Equal(1, labels.Counters["both-touched"]);
    }

    [Fact]
    public void Triple_barrier_vertical_outcome_is_sign_or_zero()
    {
        (double, double, double, double)[] ohlc =
        [
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1003, 1.0998, 1.1002),
            (1.1002, 1.1004, 1.0999, 1.1003),
        ];
        var bars = Synthetic.FromOhlc(ohlc);
        var spec = new LabelSpec { Kind = LabelKind.TripleBarrier, Horizon = 2, AtrPeriod = 2 };
        var sign = Labeler.TripleBarrier(bars, spec);
        Assert.Equal(1, sign.Side[1]);
        Assert.Equal(3, sign.EndIndex[1]);
        Assert.Equal(1, sign.Counters["vertical"]);
        var zero = Labeler.TripleBarrier(bars, spec with { Vertical = VerticalOutcome.Zero });
        Assert.Equal(0, zero.Side[1]);
    }

    [Fact]
    public void Regression_targets_are_the_forward_return_and_realised_volatility()
    {
        var bars = Synthetic.FromCloses(1.0, 1.1, 1.0, 1.2);
        var ret = Labeler.ForwardReturn(bars, 2);
        Assert.Equal(Math.Log(1.0 / 1.0), ret.Value[0], 12);
        Assert.Equal(Math.Log(1.2 / 1.1), ret.Value[1], 12);
        var vol = Labeler.ForwardVolatility(bars, 2);
        var r1 = Math.Log(1.1); var r2 = Math.Log(1.0 / 1.1);
        Assert.Equal(Math.Sqrt(r1 * r1 + r2 * r2), vol.Value[0], 12);
        Assert.False(vol.Valid[2]);
    }

    [Fact]
    public void Meta_labels_say_whether_the_primary_side_was_right()
    {
        (double, double, double, double)[] ohlc =
        [
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1005, 1.0995, 1.1000),
            (1.1000, 1.1012, 1.0998, 1.1011), // upper barrier 1.1010 touched
            (1.1011, 1.1012, 1.1010, 1.1011),
        ];
        var bars = Synthetic.FromOhlc(ohlc);
        var spec = new LabelSpec { Kind = LabelKind.TripleBarrier, Horizon = 2, AtrPeriod = 2 };
        var longBet = MetaLabeler.Build(bars, [0, 1, 0, 0], spec);
        var shortBet = MetaLabeler.Build(bars, [0, -1, 0, 0], spec);
        Assert.True(longBet.Valid[1]);
        Assert.Equal(1, longBet.Side[1]);
        Assert.True(longBet.Value[1] > 0);
        Assert.Equal(0, shortBet.Side[1]);
        Assert.True(shortBet.Value[1] < 0);
        Assert.False(longBet.Valid[0]); // no bet, no label
    }

    [Property(MaxTest = 40)]
    public Property Labels_never_look_past_their_horizon(int seed)
    {
        // Recompute on data truncated just after each label's horizon: the label must not change.
        var bars = Synthetic.RandomWalkBars(120, seed);
        var specs = new[]
        {
            new LabelSpec { Horizon = 3, DeadZone = 0.3, DeadZoneUnit = WidthUnit.Atr, AtrPeriod = 5 },
            new LabelSpec { Kind = LabelKind.TripleBarrier, Horizon = 6, AtrPeriod = 5, ProfitTakeAtr = 1.2, StopLossAtr = 0.8 },
        };
        var ok = true;
        foreach (var spec in specs)
        {
            var full = Labeler.Build(bars, spec, Pip);
            foreach (var i in new[] { 10, 40, 77, 100 })
            {
                var cut = Labeler.Build(bars.Range(0, i + spec.Horizon + 1), spec, Pip);
                ok &= cut.Valid[i] == full.Valid[i] && cut.Side[i] == full.Side[i] && cut.EndTicks[i] == full.EndTicks[i]
                      && (!full.Valid[i] || cut.Value[i].Equals(full.Value[i]));
            }
        }
        return ok.ToProperty();
    }

    [Fact]
    public void Uniqueness_weights_discount_overlapping_labels()
    {
        // Labels 0 and 1 overlap on bar 2; label 2 spans bar 3 alone... (closes are irrelevant to weights)
        var bars = Synthetic.FromCloses(1, 1.1, 1.2, 1.3, 1.4, 1.5);
        var labels = Labeler.ForwardReturn(bars, 2); // 0:[1,2] 1:[2,3] 2:[3,4] 3:[4,5]
        var w = SampleUniqueness.Weights(labels);
        // concurrency: bar1=1, bar2=2, bar3=2, bar4=2, bar5=1
        double[] u = [(1 + 0.5) / 2, (0.5 + 0.5) / 2, (0.5 + 0.5) / 2, (0.5 + 1) / 2];
        var scale = 4 / u.Sum();
        for (var i = 0; i < 4; i++) Assert.Equal(u[i] * scale, w[i], 12);
        Assert.Equal(0, w[4]);
    }
}
