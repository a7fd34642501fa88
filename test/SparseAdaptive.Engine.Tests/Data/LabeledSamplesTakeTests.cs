using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Data;

public class LabeledSamplesTakeTests
{
    private static readonly LabeledSamples Samples = new([0, 1, 10, 11, 20, 21], [2, 0, 1], featureCount: 2, classCount: 3);

    [Fact]
    public void Take_keeps_the_first_samples_features_and_labels_in_order()
    {
        var first = Samples.Take(2);

        first.Count.Should().Be(2);
        first.GetFeatures(1).ToArray().Should().Equal(10, 11);
        Enumerable.Range(0, 2).Select(first.GetLabel).Should().Equal(2, 0);
        first.ClassCount.Should().Be(3);
        Samples.Take(5).Should().BeSameAs(Samples, "asking for more samples than there are gives them all");
    }

    [Fact]
    public void Take_refuses_a_count_below_one()
    {
        new Action(() => Samples.Take(0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("count");
    }
}
