using Platform3.AI.Tests.Support;
using Platform3.AI.Training;
using Platform3.AI.Training.Baselines;

namespace Platform3.AI.Tests.Training;

public class BaselineTests
{
    [Fact]
    public void Majority_predicts_training_frequencies()
    {
        var data = Synthetic.Planted(100, 1, 0, seed: 1);
        var train = Enumerable.Range(0, 60).ToArray();
        var ups = train.Count(i => data.Class[i] == 1);
        var p = new MajorityBaseline().Predict(data, train, [60, 61]);
        Assert.Equal((ups + 1.0) / 62, p[1], 6);
        Assert.Equal(p[1], p[3]);
    }

    [Fact]
    public void Persistence_uses_only_labels_resolved_by_t0()
    {
        // Labels 5 rows long: at row i the latest resolved label is row i-5 (its end equals row i's start).
        var data = Synthetic.Planted(50, 1, 0, seed: 2, horizon: 5);
        var last = PersistenceBaseline.LastResolved(data);
        Assert.Equal(-1, last[4]);
        Assert.Equal(0, last[5]);
        Assert.Equal(44, last[49]);
        Assert.All(Enumerable.Range(0, 50), i => Assert.True(last[i] < 0 || data.End[last[i]] <= data.Start[i]));
    }

    [Fact]
    public void Every_task_gets_three_baselines()
    {
        Assert.Equal(["majority", "momentum", "persistence"], Baselines.For(TaskKind.Binary).Select(b => b.Name));
        Assert.Equal(["zero", "momentum", "persistence"], Baselines.For(TaskKind.Regression).Select(b => b.Name));
    }
}
