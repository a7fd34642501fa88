using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>The last hidden layer's forward and the output layer's taken in turns, against the two one after the other.</summary>
public class OutputLayerForwardTests
{
    private const int Lanes = BatchBuffer.BlockLanes;

    [Theory]
    [InlineData(2500)] // three turns, the last partial
    [InlineData(300)]  // one turn
    public void Turns_give_the_bits_of_the_two_forwards_one_after_the_other(int hidden)
    {
        var network = SmallNetworks.Random(12, 0.02, 40, hidden, 10);
        var (layer, output) = (network.Layers[0], network.Layers[1]);
        LayerKernels.CanAccumulateInto(layer, output).Should().BeTrue();
        var random = new SeededRandom(3);
        var input = Enumerable.Range(0, 40 * Lanes).Select(_ => random.NextSymmetric(1f)).ToArray();
        var dropout = new Dropout(0.25f, 77);
        var (expectedHidden, expectedLogits) = (new float[hidden * Lanes], new float[10 * Lanes]);
        var (fusedHidden, fusedLogits) = (new float[hidden * Lanes], new float[10 * Lanes]);

        LayerKernels.Forward(layer, input, expectedHidden, Lanes, relu: true, dropout, firstSample: Lanes);
        LayerKernels.Forward(output, expectedHidden, expectedLogits, Lanes, relu: false);
        LayerKernels.ForwardWithOutputLayer(layer, input, fusedHidden, Lanes, dropout, Lanes, output, fusedLogits);

        fusedHidden.Should().Equal(expectedHidden);
        fusedLogits.Should().Equal(expectedLogits);
        fusedLogits.Should().Contain(v => v < 0f, "the logits are not passed through a ReLU");
    }

    [Fact]
    public void Only_a_narrow_fully_connected_layer_fed_by_a_sparse_one_is_taken_in_turns()
    {
        var narrow = SmallNetworks.Random(13, 0.1, 30, 50, 10);
        var wide = SmallNetworks.Random(13, 0.1, 30, 50, 20);
        var denseFirst = SmallNetworks.Random(13, 1.0, 30, 50, 10);

        LayerKernels.CanAccumulateInto(narrow.Layers[0], narrow.Layers[1]).Should().BeTrue();
        LayerKernels.CanAccumulateInto(wide.Layers[0], wide.Layers[1]).Should().BeFalse("20 neurons get the dense weight update and their own forward");
        LayerKernels.CanAccumulateInto(denseFirst.Layers[0], denseFirst.Layers[1]).Should().BeFalse();
        var act = () => LayerKernels.ForwardWithOutputLayer(wide.Layers[0], new float[30 * Lanes], new float[50 * Lanes], Lanes, null, 0,
            wide.Layers[1], new float[20 * Lanes]);
        act.Should().Throw<ArgumentException>().WithParameterName("next");
    }
}
