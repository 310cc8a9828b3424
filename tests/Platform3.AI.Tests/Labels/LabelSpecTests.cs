using Platform3.AI.Labels;

namespace Platform3.AI.Tests.Labels;

public class LabelSpecTests
{
    [Fact]
    public void Only_a_meta_labels_description_is_recognised_as_one()
    {
        var meta = new LabelSpec { Kind = LabelKind.MetaLabel, Primary = new PrimarySignalSpec { Generator = "ma-cross(10,50)" } };
        Assert.StartsWith("meta-label(primary=", meta.ToString(), StringComparison.Ordinal);
        Assert.True(LabelSpec.DescribesMetaLabel(meta.ToString()));
        foreach (var kind in new[] { LabelKind.FixedHorizon, LabelKind.TripleBarrier, LabelKind.ForwardReturn, LabelKind.ForwardVolatility })
            Assert.False(LabelSpec.DescribesMetaLabel(new LabelSpec { Kind = kind }.ToString()), kind.ToString());
        Assert.False(LabelSpec.DescribesMetaLabel(null));
        Assert.False(LabelSpec.DescribesMetaLabel("meta-labelled-by-hand"));
    }
}
