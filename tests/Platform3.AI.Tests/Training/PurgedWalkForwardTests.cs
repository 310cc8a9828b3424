using Platform3.AI.Training.Splits;

namespace Platform3.AI.Tests.Training;

public class PurgedWalkForwardTests
{
    private static (long[] Start, long[] End) VariableLabels(int n, int maxLength, int seed)
    {
        var rng = new Random(seed);
        var start = new long[n];
        var end = new long[n];
        for (var i = 0; i < n; i++)
        {
            start[i] = (i + 1) * TimeSpan.TicksPerMinute;
            end[i] = start[i] + rng.Next(1, maxLength + 1) * TimeSpan.TicksPerMinute;
        }
        return (start, end);
    }

    [Property(MaxTest = 60)]
    public Property No_training_label_overlaps_its_test_span(PositiveInt seed, bool rolling)
    {
        var (start, end) = VariableLabels(600, 25, seed.Get);
        var folds = PurgedWalkForward.Split(start, end, new WalkForwardOptions
        {
            Folds = 5, MinTrain = 200, Mode = rolling ? WindowMode.Rolling : WindowMode.Expanding, Embargo = 3,
        });
        return folds.All(f => PurgedWalkForward.Leaks(start, end, f.Train, f.Test).Length == 0
                              && f.Train.All(j => j < f.Test[0])
                              && f.Purged > 0).ToProperty();
    }

    [Fact]
    public void Folds_tile_the_tail_and_rolling_windows_keep_their_size()
    {
        var (start, end) = VariableLabels(1000, 1, 1);
        var folds = PurgedWalkForward.Split(start, end, new WalkForwardOptions { Folds = 4, MinTrain = 200, Mode = WindowMode.Rolling });
        Assert.Equal(4, folds.Count);
        Assert.Equal(Enumerable.Range(200, 800), folds.SelectMany(f => f.Test));
        // Labels one minute long end exactly when the next row starts: only the last train row touches the test span.
        Assert.All(folds, f => Assert.Equal(1, f.Purged));
        Assert.All(folds, f => Assert.Equal(199, f.Train.Length));
        var expanding = PurgedWalkForward.Split(start, end, new WalkForwardOptions { Folds = 4, MinTrain = 200 });
        Assert.Equal([199, 399, 599, 799], expanding.Select(f => f.Train.Length));
    }

    [Fact]
    public void The_embargo_drops_rows_just_before_the_test_span()
    {
        var (start, end) = VariableLabels(300, 1, 1);
        var f = PurgedWalkForward.Split(start, end, new WalkForwardOptions { Folds = 1, MinTrain = 200, Embargo = 10 })[0];
        Assert.Equal(10, f.Embargoed);
        Assert.Equal(188, f.Train[^1]); // 199 purged, 189..198 embargoed
    }

    /// <summary>
    /// The classic leak: purging from the END of the first test label instead of its START keeps training
    /// rows whose labels end inside [t0, t1) of the first test label — they were resolved with prices from
    /// the test period. This reproduces that bug and shows our split has no such rows.
    /// </summary>
    [Fact]
    public void Regression_purging_from_the_first_test_labels_end_leaks_and_ours_does_not()
    {
        var (start, end) = VariableLabels(800, 30, 11);
        var options = new WalkForwardOptions { Folds = 4, MinTrain = 300 };
        var folds = PurgedWalkForward.Split(start, end, options);
        var buggyLeaks = 0;
        foreach (var fold in folds)
        {
            var first = fold.Test[0];
            // The bug: the purge window opens at end[first] rather than start[first].
            var buggyTrain = Enumerable.Range(0, first).Where(j => end[j] < end[first]).ToArray();
            buggyLeaks += PurgedWalkForward.Leaks(start, end, buggyTrain, fold.Test).Length;
            Assert.Empty(PurgedWalkForward.Leaks(start, end, fold.Train, fold.Test));
            // Every row the bug keeps but we drop is a row whose label was still open when the test span began.
            foreach (var j in buggyTrain.Except(fold.Train))
                Assert.True(end[j] >= start[first], $"row {j} was dropped without overlapping the test span");
        }
        Assert.True(buggyLeaks > 20, $"the buggy purge should keep overlapping rows, kept {buggyLeaks}");
    }

    [Fact]
    public void Without_purging_training_rows_overlap_the_test_span()
    {
        var (start, end) = VariableLabels(500, 20, 5);
        var folds = PurgedWalkForward.Split(start, end, new WalkForwardOptions { Folds = 3, MinTrain = 200, Purge = false });
        Assert.Contains(folds, f => PurgedWalkForward.Leaks(start, end, f.Train, f.Test).Length > 0);
    }

    [Fact]
    public void Too_little_data_is_a_clear_error()
    {
        var (start, end) = VariableLabels(100, 2, 1);
        var ex = Assert.Throws<ArgumentException>(() => PurgedWalkForward.Split(start, end, new WalkForwardOptions { MinTrain = 200 }));
        Assert.Contains("MinTrain = 200", ex.Message);
    }
}
