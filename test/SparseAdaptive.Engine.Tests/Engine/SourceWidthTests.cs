using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>Layers of up to 65,536 inputs keep 16-bit link sources, wider ones 32-bit; both must compute the same things.</summary>
public class SourceWidthTests
{
    [Theory]
    [InlineData(65_536, true)]
    [InlineData(65_537, false)]
    public void The_source_width_follows_the_input_count_and_the_highest_sources_survive(int inputSize, bool narrow)
    {
        var layer = SparseLayer.FromLinks(inputSize, 2,
            [new Link(inputSize - 1, 0, 0.5f), new Link(0, 0, 2f), new Link(inputSize - 2, 1, -1f)], [0.25f, 0f]);

        (layer.NarrowSources is not null).Should().Be(narrow);
        (layer.WideSources is not null).Should().Be(!narrow);
        layer.GetLinks().Select(l => l.Source).Should().Equal(0, inputSize - 1, inputSize - 2);

        var input = new float[inputSize];
        input[0] = 1f;
        input[inputSize - 1] = 3f;
        input[inputSize - 2] = 4f;
        var network = SparseNetwork.FromLayers([layer]);
        var logits = new float[2];
        network.Predict(input, logits);
        // Softmax of the logits 0.25 + 2·1 + 0.5·3 = 3.75 and −1·4 = −4.
        float expected = 1f / (1f + MathF.Exp(-4f - 3.75f));
        logits[0].Should().BeApproximately(expected, 1e-6f);
    }

    [Fact]
    public void Batched_pass_training_and_rewiring_agree_across_the_two_widths()
    {
        // The same links in a layer of 65,536 inputs (16-bit) and of 65,537 (32-bit, the extra input never linked).
        const int Inputs = 65_536, Classes = 8, Samples = 64;
        var random = new SeededRandom(9);
        var narrow = RandomTopology.CreateLayer(Inputs, Classes, 2_000, ref random);
        var wide = SparseLayer.FromLinks(Inputs + 1, Classes, narrow.GetLinks(), narrow.GetBiases());
        narrow.NarrowSources.Should().NotBeNull();
        wide.WideSources.Should().NotBeNull();

        var samples = SmallNetworks.Blobs(Samples, Inputs, Classes, seed: 4);
        var wideSamples = new LabeledSamples(
            Enumerable.Range(0, Samples).SelectMany(s => samples.GetFeatures(s).ToArray().Append(0f)).ToArray(), samples.Labels, Inputs + 1, Classes);
        var step = new SgdStep(0.1f, 0.9f, 1e-4f);
        var inputGradients = new List<float[]>();
        var kept = new List<HashSet<(int, int)>>();
        foreach (var (layer, data) in new[] { (narrow, samples), (wide, wideSamples) })
        {
            var propagator = new BatchPropagator(SparseNetwork.FromLayers([layer]), Samples, threads: 2, BatchGradients.LayersAndInputs);
            var velocity = new LayerVelocity(layer);
            propagator.Load(data.Features, Enumerable.Range(0, Samples).ToArray());
            propagator.TrainingPass(data.Labels, dropoutRate: 0f, dropoutKey: 0);
            propagator.BackwardInputs(0);
            inputGradients.Add(Enumerable.Range(0, Inputs).Select(i => propagator.Gradients[0][i, 5]).ToArray());
            propagator.UpdateWeights(0, velocity, step);
            var rewiring = new SeededRandom(3);
            TopologyEvolver.Rewire(layer, velocity, 0.3, ref rewiring, threads: 2);
            kept.Add(layer.GetLinks().Select(l => (l.Source, l.Target)).ToHashSet());
        }

        inputGradients[1].Should().Equal(inputGradients[0]);
        inputGradients[0].Should().Contain(g => g != 0f);
        wide.GetBiases().Should().Equal(narrow.GetBiases());
        // The same links are removed (the weights were updated identically); new ones are drawn among each layer's own
        // empty positions, so only the 70% kept must be common.
        kept[1].Intersect(kept[0]).Count().Should().BeGreaterThanOrEqualTo(1_400);
    }
}
