using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>The input gradient gathered by source (<see cref="TransposedTopology"/>) against the scatter along the rows.</summary>
public class TransposedTopologyTests
{
    [Theory]
    [InlineData(64, true)]
    [InlineData(64, false)] // to the raw inputs: no ReLU/dropout derivative
    [InlineData(16, true)]  // fewer lanes than one unrolled pass
    public void The_gathered_input_gradient_equals_the_scattered_one_bit_for_bit(int lanes, bool gated)
    {
        // 60 inputs, 25 outputs at 5%: some inputs have no link at all.
        var layer = SmallNetworks.Random(8, 0.05, 60, 25, 3).Layers[0];
        Enumerable.Range(0, 60).Should().Contain(i => layer.GetOutDegrees()[i] == 0);
        var outputGradient = Values(25 * lanes, 1);
        var activation = gated ? Values(60 * lanes, 2) : [];
        var scattered = Values(60 * lanes, 3);
        var gathered = Values(60 * lanes, 4);

        KernelDriver.Run(new ScatteredInputGradient(layer, outputGradient, scattered, activation, 1.25f, lanes), layer);
        KernelDriver.Run(new GatheredInputGradient(layer, TransposedTopology.Build(layer), outputGradient, gathered, activation, 1.25f, lanes), layer);

        gathered.Should().Equal(scattered);
        gathered.Should().Contain(v => v != 0f);
    }

    [Fact]
    public void The_fused_pass_gives_the_gathered_input_gradient_and_the_block_gradients_bit_for_bit()
    {
        const int Lanes = BatchBuffer.BlockLanes;
        var layer = SmallNetworks.Random(10, 0.1, 70, 45, 3).Layers[0];
        var columns = TransposedTopology.Build(layer);
        var outputGradient = Values(45 * Lanes, 1);
        var input = Values(70 * Lanes, 2);
        var (expectedInputGradient, inputGradient) = (new float[70 * Lanes], Values(70 * Lanes, 3));
        var (expectedLinks, links) = (new float[layer.LinkCount], new float[layer.LinkCount]);
        var (expectedBiases, biases) = (new float[45], new float[45]);

        KernelDriver.Run(new GatheredInputGradient(layer, columns, outputGradient, expectedInputGradient, input, 1.25f, Lanes), layer);
        KernelDriver.Run(new LinkGradientShares(layer, input, outputGradient, expectedLinks), layer);
        KernelDriver.Run(new BiasGradientShares(layer, outputGradient, expectedBiases), layer);
        KernelDriver.Run(new GatheredInputGradientAndShares(layer, columns, outputGradient, inputGradient, input, 1.25f, links, biases), layer);

        inputGradient.Should().Equal(expectedInputGradient);
        links.Should().Equal(expectedLinks);
        biases.Should().Equal(expectedBiases);
        links.Should().OnlyContain(v => v != 0f);
    }

    [Fact]
    public void Each_source_lists_its_targets_in_row_order_with_their_links()
    {
        var layer = SparseLayer.FromLinks(3, 3, [new(2, 0, 0.5f), new(0, 1, 1f), new(2, 1, 2f), new(2, 2, 3f)], [0f, 0f, 0f]);

        var columns = TransposedTopology.Build(layer);

        columns.ColumnOffsets.Should().Equal(0, 1, 1, 4);
        columns.Targets.Should().Equal(1, 0, 1, 2);
        columns.Links.Select(k => layer.GetWeights()[k]).Should().Equal(1f, 0.5f, 2f, 3f);
    }

    [Fact]
    public void A_rewired_layer_refuses_its_old_columns_and_the_propagator_rebuilds_them()
    {
        var network = SmallNetworks.Random(9, 0.2, 40, 30, 3);
        var layer = network.Layers[0];
        var stale = TransposedTopology.Build(layer);
        var random = new SeededRandom(5);
        TopologyEvolver.Rewire(layer, new LayerVelocity(layer), 0.5, ref random, threads: 1);

        var act = () => KernelDriver.Run(new GatheredInputGradient(layer, stale, new float[30 * 64], new float[40 * 64], [], 1f, 64), layer);
        act.Should().Throw<InvalidOperationException>();
        var twin = SmallNetworks.Random(9, 0.2, 40, 30, 3).Layers[0];
        var another = () => KernelDriver.Run(new GatheredInputGradient(twin, stale, new float[30 * 64], new float[40 * 64], [], 1f, 64), twin);
        another.Should().Throw<InvalidOperationException>("an index of one layer never serves another, even at the same version");

        var propagator = new BatchPropagator(network, 64, 1, BatchGradients.LayersAndInputs);
        propagator.Load(Values(64 * 40, 6), Enumerable.Range(0, 64).ToArray());
        propagator.Forward();
        propagator.SoftmaxCrossEntropy(Enumerable.Range(0, 64).Select(b => b % 3).ToArray());
        propagator.BackwardInputs(1);
        propagator.BackwardInputs(0);
        var first = propagator.Gradients[0].Block(0).ToArray();
        TopologyEvolver.Rewire(layer, new LayerVelocity(layer), 0.5, ref random, threads: 1);
        propagator.BackwardInputs(0);
        var afterRewiring = propagator.Gradients[0].Block(0).ToArray();

        var expected = new float[40 * 64];
        KernelDriver.Run(new ScatteredInputGradient(layer, propagator.Gradients[1].Block(0), expected, [], 1f, 64), layer);
        afterRewiring.Should().Equal(expected);
        afterRewiring.Should().NotEqual(first);
    }

    private static float[] Values(int count, int stream)
    {
        var random = new SeededRandom(41, stream);
        return Enumerable.Range(0, count).Select(_ => random.NextSymmetric(1f)).ToArray();
    }
}
