using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>The ways a layer changes after it is built: each keeps the layer's invariants and says when its links moved.</summary>
public class SparseLayerMutationTests
{
    [Fact]
    public void Permuting_weights_keeps_the_links_the_multiset_and_the_topology_version()
    {
        var layer = SmallNetworks.Random(2, 0.3, 30, 20, 2).Layers[0];
        var before = layer.GetLinks();
        int version = layer.TopologyVersion;
        int[] links = [3, 17, 5, 40, 41];
        var random = new SeededRandom(9);

        layer.PermuteWeights(links, ref random);

        var after = layer.GetLinks();
        after.Select(l => (l.Source, l.Target)).Should().Equal(before.Select(l => (l.Source, l.Target)));
        links.Select(k => after[k].Weight).Should().BeEquivalentTo(links.Select(k => before[k].Weight));
        Enumerable.Range(0, before.Length).Except(links).Should().OnlyContain(k => after[k].Weight == before[k].Weight);
        links.Should().Contain(k => after[k].Weight != before[k].Weight);
        layer.TopologyVersion.Should().Be(version, "weights moved, links did not");
    }

    [Fact]
    public void Removing_links_keeps_the_survivors_in_order_scaled_and_moves_the_version_on()
    {
        var layer = SparseLayer.FromLinks(3, 2, [new(0, 0, 1f), new(2, 0, 2f), new(1, 1, 3f), new(2, 1, 4f)], [0.5f, -0.5f]);
        var plan = KernelPolicy.Default.Plan(layer);

        layer.RemoveLinks([false, true, false, false], survivorScale: 2f);

        layer.GetLinks().Should().Equal(new Link(0, 0, 2f), new Link(1, 1, 6f), new Link(2, 1, 8f));
        layer.GetBiases().Should().Equal(0.5f, -0.5f);
        plan.IsCurrentFor(layer).Should().BeFalse("the links moved");
        var act = () => layer.RemoveLinks([true]);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Removing_neurons_cuts_their_links_on_both_sides_and_zeroes_their_biases()
    {
        var layer = SmallNetworks.Random(4, 1.0, 6, 5).Layers[0];
        bool[] outputs = [false, true, false, false, true];
        bool[] inputs = [true, false, false, false, false, false];

        layer.RemoveNeurons(outputs, inputs);

        layer.GetLinks().Should().OnlyContain(l => !outputs[l.Target] && !inputs[l.Source]);
        layer.LinkCount.Should().Be(3 * 5);
        layer.GetBiases().Where((_, j) => outputs[j]).Should().OnlyContain(b => b == 0f);
        layer.GetBiases().Where((_, j) => !outputs[j]).Should().OnlyContain(b => b != 0f);
    }

    [Fact]
    public void Replacing_links_refuses_counts_that_do_not_fit_and_leaves_the_layer_as_it_was()
    {
        var layer = SmallNetworks.Random(6, 0.5, 8, 4, 2).Layers[0];
        var before = layer.GetLinks();
        int version = layer.TopologyVersion;
        var momentum = new float[layer.LinkCount];

        var tooMany = () => layer.ReplaceLinks(new RemoveNegative(), new FixedGrowth(layer.GetInDegrees(), extra: 1), momentum, threads: 1);

        tooMany.Should().Throw<InvalidOperationException>();
        layer.GetLinks().Should().Equal(before);
        layer.TopologyVersion.Should().Be(version);
    }

    [Fact]
    public void Replacing_links_keeps_their_number_sorts_the_new_ones_in_and_moves_the_version_on()
    {
        var layer = SmallNetworks.Random(6, 0.5, 8, 4, 2).Layers[0];
        int count = layer.LinkCount;
        int negative = layer.GetWeights().Count(w => w < 0);
        var plan = KernelPolicy.Default.Plan(layer);

        int replaced = layer.ReplaceLinks(new RemoveNegative(), new FixedGrowth(layer.GetInDegrees(), extra: 0), new float[count], threads: 2);

        replaced.Should().Be(negative);
        layer.LinkCount.Should().Be(count);
        layer.GetWeights().Count(w => w == 0.25f).Should().Be(negative, "every new link starts at the growth's weight");
        layer.GetLinks().GroupBy(l => l.Target).Should().OnlyContain(row => row.Select(l => l.Source).SequenceEqual(row.Select(l => l.Source).Order().Distinct()));
        plan.IsCurrentFor(layer).Should().BeFalse();
    }

    private readonly struct RemoveNegative : ILinkRemoval
    {
        public bool Removes(float weight, int link) => weight < 0;
    }

    // Each row gets back as many links as it lost (row 0 extra more), at its lowest empty sources, with weight 0.25.
    private sealed class FixedGrowth(int[] degrees, int extra) : ILinkGrowth
    {
        public int[] CountPerRow(int[] kept, int count) => [.. kept.Select((k, row) => degrees[row] - k + (row == 0 ? extra : 0))];

        public void Draw(int row, int freeCount, Span<int> freeRanks, Span<float> weights, bool[] scratch)
        {
            for (int i = 0; i < freeRanks.Length; i++)
            {
                freeRanks[i] = i;
                weights[i] = 0.25f;
            }
        }
    }
}
