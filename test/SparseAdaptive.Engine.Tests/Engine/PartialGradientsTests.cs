using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

public class PartialGradientsTests
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

    // Two steps, so that the second also reads a velocity the first wrote.
    private static (float[] Weights, float[] Velocity) ApplyTwice(SparseLayer original, (float[] Links, float[] Biases)[] shares, SgdStep step, int threads)
    {
        var layer = original.Clone();
        var network = SparseNetwork.FromLayers([layer]);
        var partials = PartialGradients.TryCreate(network, shares.Length)!;
        var velocity = new LayerVelocity(layer);
        for (int stepIndex = 0; stepIndex < 2; stepIndex++)
        {
            for (int block = 0; block < shares.Length; block++)
            {
                var (links, biases) = partials.Shares(layer, 0, block);
                shares[block].Links.CopyTo(links, 0);
                shares[block].Biases.CopyTo(biases, 0);
            }
            partials.SetFresh(true);
            partials.Apply(layer, 0, velocity, step, shares.Length, threads);
        }
        return (layer.GetWeights(), velocity.Weights);
    }

    private static float[] RandomFloats(int count, Random random) => Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
}
