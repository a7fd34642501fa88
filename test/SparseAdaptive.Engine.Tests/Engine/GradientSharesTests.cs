using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

public class GradientSharesTests
{
    [Fact]
    public void A_step_from_the_shares_gives_the_same_bits_on_one_and_two_threads()
    {
        // 80,000 links: split between two threads.
        var layer = SmallNetworks.Random(3, 0.5, 400, 400, 1).Layers[0];
        var random = new Random(3);
        const int blocks = 3;
        var shares = Enumerable.Range(0, blocks)
            .Select(_ => (Links: RandomFloats(layer.LinkCount, random), Biases: RandomFloats(layer.OutputSize, random))).ToArray();
        var step = new SgdStep(0.05f, 0.9f, 1e-4f);

        var (oneWeights, oneVelocity) = ApplyTwice(layer, shares, step, threads: 1);
        var (twoWeights, twoVelocity) = ApplyTwice(layer, shares, step, threads: 2);

        layer.LinkCount.Should().Be(80_000, "enough links for two threads' share of the update");
        twoWeights.Should().Equal(oneWeights);
        twoVelocity.Should().Equal(oneVelocity);
        oneWeights.Should().NotEqual(layer.GetWeights(), "the step moved the weights");
    }

    [Theory]
    [InlineData(1.0)]  // the dense output layer: shares summed sixteen links at once on 512-bit vectors
    [InlineData(0.3)]
    public void The_update_from_the_training_pass_shares_equals_the_update_from_the_blocks_bit_for_bit(double outputDensity)
    {
        // Without dropout the training pass computes what forward, loss and backward compute one after the other; only
        // the training pass leaves shares, so the second propagator updates every layer from the blocks instead.
        var network = SmallNetworks.Random(4, 0.2, 60, 50, 3);
        var output = network.Layers[1];
        if (outputDensity < 1)
        {
            output.RemoveLinks(Enumerable.Range(0, output.LinkCount).Select(k => k % 10 < 7).ToArray());
        }
        var features = RandomFloats(150 * 60, new Random(5));
        int[] rows = Enumerable.Range(0, 150).ToArray();
        int[] labels = rows.Select(r => r % 3).ToArray();
        var step = new SgdStep(0.1f, 0.9f, 1e-4f);

        var fromShares = network.Clone();
        var sharing = new BatchPropagator(fromShares, 150, threads: 2);
        sharing.Load(features, rows);
        sharing.TrainingPass(labels, dropoutRate: 0f, dropoutKey: 0);
        UpdateAll(sharing, fromShares, step);

        var fromBlocks = network.Clone();
        var direct = new BatchPropagator(fromBlocks, 150, threads: 2);
        direct.Load(features, rows);
        direct.Forward();
        direct.SoftmaxCrossEntropy(labels);
        direct.BackwardInputs(1);
        UpdateAll(direct, fromBlocks, step);

        SmallNetworks.Serialize(fromShares).Should().Equal(SmallNetworks.Serialize(fromBlocks));
        SmallNetworks.Serialize(fromShares).Should().NotEqual(SmallNetworks.Serialize(network), "the step moved the weights");
    }

    private static void UpdateAll(BatchPropagator propagator, SparseNetwork network, SgdStep step)
    {
        for (int l = network.Layers.Count - 1; l >= 0; l--)
        {
            propagator.UpdateWeights(l, new LayerVelocity(network.Layers[l]), step);
        }
    }

    // Two steps, so that the second also reads a velocity the first wrote.
    private static (float[] Weights, float[] Velocity) ApplyTwice(SparseLayer original, (float[] Links, float[] Biases)[] shares, SgdStep step, int threads)
    {
        var layer = original.Clone();
        var gradientShares = new GradientShares(layer, shares.Length, withLinks: true, previous: null);
        var velocity = new LayerVelocity(layer);
        for (int stepIndex = 0; stepIndex < 2; stepIndex++)
        {
            for (int block = 0; block < shares.Length; block++)
            {
                shares[block].Links.CopyTo(gradientShares.Links![block], 0);
                shares[block].Biases.CopyTo(gradientShares.Biases[block], 0);
            }
            gradientShares.ApplyToBiases(layer, velocity, step, shares.Length);
            gradientShares.ApplyToLinks(layer, velocity, step, shares.Length, threads);
        }
        return (layer.GetWeights(), velocity.Weights);
    }

    private static float[] RandomFloats(int count, Random random) => Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
}
