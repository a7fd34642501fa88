using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class NeuronStrengthsTests
{
    [Fact]
    public void Strengths_sum_the_absolute_weights_on_each_side()
    {
        var layer = SparseLayer.FromLinks(3, 2,
            [new Link(0, 0, 0.5f), new Link(2, 0, -1.5f), new Link(0, 1, -0.25f)], new float[2]);

        var strengths = NeuronStrengths.Of(layer);

        strengths.In.Should().Equal(2.0, 0.25);
        strengths.Out.Should().Equal(0.75, 0.0, 1.5);
    }
}
