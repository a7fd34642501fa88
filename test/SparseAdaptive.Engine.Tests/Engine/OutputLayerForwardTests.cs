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
        var (plan, outputPlan) = (KernelPolicy.Default.Plan(layer), KernelPolicy.Default.Plan(output));
        plan.TakesInTurns(outputPlan).Should().BeTrue();
        var random = new SeededRandom(3);
        var input = Enumerable.Range(0, 40 * Lanes).Select(_ => random.NextSymmetric(1f)).ToArray();
        var dropout = new Dropout(0.25f, 77);
        var (expectedHidden, expectedLogits) = (new float[hidden * Lanes], new float[10 * Lanes]);
        var (fusedHidden, fusedLogits) = (new float[hidden * Lanes], new float[10 * Lanes]);

        plan.Forward(input, expectedHidden, Lanes, relu: true, dropout, firstSample: Lanes);
        outputPlan.Forward(expectedHidden, expectedLogits, Lanes, relu: false);
        plan.ForwardInTurns(input, fusedHidden, Lanes, dropout, Lanes, outputPlan, fusedLogits);

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

        static bool InTurns(SparseNetwork network, KernelPolicy kernels) =>
            kernels.Plan(network.Layers[0]).TakesInTurns(kernels.Plan(network.Layers[1]));

        InTurns(narrow, KernelPolicy.Default).Should().BeTrue();
        InTurns(narrow, KernelPolicy.SparseKernelsOnly).Should().BeFalse("the output layer is on the sparse kernels");
        InTurns(wide, KernelPolicy.Default).Should().BeFalse("20 neurons get the dense weight update and their own forward");
        InTurns(denseFirst, KernelPolicy.Default).Should().BeFalse();
        var act = () => KernelPolicy.Default.Plan(wide.Layers[0]).ForwardInTurns(new float[30 * Lanes], new float[50 * Lanes], Lanes, null, 0,
            KernelPolicy.Default.Plan(wide.Layers[1]), new float[20 * Lanes]);
        act.Should().Throw<ArgumentException>().WithParameterName("next");
    }
}
