using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class RecalculatedNeuronRemovalTests
{
    private const double OneThird = 1.0 / 3;

    [Fact]
    public void A_hub_that_lost_its_in_links_to_an_earlier_removal_is_passed_over()
    {
        var network = HandMadeNetworks.FadingHub();
        var once = new NeuronRemoval(OneThird, NeuronOrder.HighestDegreeFirst);
        var recalculated = new NeuronRemoval(OneThird, NeuronOrder.HighestDegreeFirst, recalculated: true);

        once.ChooseNeurons(network, 0, seed: 0).Should().Equal(0);
        once.ChooseNeurons(network, 1, seed: 0).Should().Equal(0);
        recalculated.ChooseNeurons(network, 0, seed: 0).Should().Equal([0], "the first hidden layer has lost nothing before it is ranked");
        recalculated.ChooseNeurons(network, 1, seed: 0).Should().Equal([1], "without A0, B0 has degree 2 and B1 still 3");

        var removed = recalculated.Apply(network, seed: 0);

        // A0 (0→A0, 1→A0, A0→B0) and B1 (A1→B1, A2→B1, B1→C0) are gone.
        removed.Layers[0].GetLinks().Should().Equal(new Link(0, 1, 1f), new Link(1, 2, 1f));
        removed.Layers[1].GetLinks().Should().Equal(new Link(2, 2, 1f));
        removed.Layers[2].GetLinks().Should().Equal(new Link(0, 0, 1f), new Link(0, 1, 1f), new Link(2, 1, 1f));
    }

    [Fact]
    public void With_one_hidden_layer_the_recalculated_choice_is_the_ranking_of_the_intact_network()
    {
        var network = HandMadeNetworks.FadingHub();
        var removal = new NeuronRemoval(OneThird, NeuronOrder.HighestDegreeFirst, hiddenLayer: 1, recalculated: true);

        removal.ChooseNeurons(network, 0, seed: 0).Should().BeEmpty();
        removal.ChooseNeurons(network, 1, seed: 0).Should().Equal([0], "A0 stays, so B0 keeps degree 3 and goes before B1 by index");
        var removed = removal.Apply(network, seed: 0);

        HandMadeNetworks.LinkBits(removed.Layers[0]).Should().Equal(HandMadeNetworks.LinkBits(network.Layers[0]));
        removed.Layers[1].GetLinks().Should().Equal(new Link(1, 1, 1f), new Link(2, 1, 1f), new Link(2, 2, 1f));
        removed.Layers[2].GetLinks().Should().Equal(new Link(1, 0, 1f), new Link(2, 1, 1f));
    }

    [Theory]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.25, null)]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.5, null)]
    [InlineData(NeuronOrder.HighestInDegreeFirst, 0.5, null)]
    [InlineData(NeuronOrder.HighestStrengthFirst, 0.5, null)]
    [InlineData(NeuronOrder.HighestOutDegreeFirst, 0.5, null)]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.5, 2)]
    [InlineData(NeuronOrder.HighestStrengthFirst, 0.75, 1)]
    public void The_recalculated_choice_is_that_of_recounting_the_damaged_network_after_every_removal(NeuronOrder order, double fraction, int? hiddenLayer)
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.25, 30, 24, 20, 16, 4);
        var recalculated = new NeuronRemoval(fraction, order, hiddenLayer, recalculated: true);
        var once = new NeuronRemoval(fraction, order, hiddenLayer);

        var expected = RecountedChoice(network, fraction, order, hiddenLayer);

        var chosen = Enumerable.Range(0, 3).Select(h => recalculated.ChooseNeurons(network, h, seed: 0)).ToArray();
        for (int h = 0; h < 3; h++)
        {
            chosen[h].Should().Equal(expected[h], $"hidden layer {h}");
        }
        var simultaneous = Enumerable.Range(0, 3).Select(h => once.ChooseNeurons(network, h, seed: 0)).ToArray();
        bool earlierLayersMatter = hiddenLayer is null && order != NeuronOrder.HighestOutDegreeFirst;
        chosen.Zip(simultaneous).Any(pair => !pair.First.SequenceEqual(pair.Second)).Should().Be(earlierLayersMatter,
            "re-ranking changes a choice only through the in-links that earlier layers' removals took");
        var removed = recalculated.Apply(network, seed: 0);
        for (int h = 0; h < 3; h++)
        {
            var biases = removed.Layers[h].GetBiases();
            Enumerable.Range(0, biases.Length).Where(j => biases[j] == 0f).Should().BeEquivalentTo(expected[h], $"the removed neurons of hidden layer {h}");
        }
    }

    [Fact]
    public void A_random_removal_cannot_be_recalculated()
    {
        new Action(() => _ = new NeuronRemoval(0.5, NeuronOrder.Random, recalculated: true)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A random removal has no ranking to recalculate: recalculated needs one of the hub orders, not Random.*")
            .Which.ParamName.Should().Be("recalculated");
        new Action(() => RobustnessSweep.NeuronRemoval([0.5], [1], recalculated: true)).Should().ThrowExactly<ArgumentException>()
            .Which.ParamName.Should().Be("recalculated");
    }

    // The rule taken literally: one neuron at a time, each time every degree or strength recounted from scratch over
    // the links whose two ends are both still there, the largest taken (the lowest index on a tie).
    private static int[][] RecountedChoice(SparseNetwork network, double fraction, NeuronOrder order, int? hiddenLayer)
    {
        var layers = network.Layers;
        var removed = Enumerable.Range(0, layers.Count - 1).Select(_ => new List<int>()).ToArray();
        bool Removed(int hidden, int neuron) => hidden >= 0 && hidden < removed.Length && removed[hidden].Contains(neuron);
        double Size(Link link) => order == NeuronOrder.HighestStrengthFirst ? Math.Abs(link.Weight) : 1;

        for (int h = 0; h < removed.Length; h++)
        {
            if (hiddenLayer is int only && only != h)
            {
                continue;
            }
            int count = (int)Math.Round(fraction * layers[h].OutputSize, MidpointRounding.AwayFromZero);
            for (int step = 0; step < count; step++)
            {
                var sizes = new double[layers[h].OutputSize];
                foreach (var link in layers[h].GetLinks().Where(k => !Removed(h - 1, k.Source) && !Removed(h, k.Target)))
                {
                    sizes[link.Target] += order == NeuronOrder.HighestOutDegreeFirst ? 0 : Size(link);
                }
                foreach (var link in layers[h + 1].GetLinks().Where(k => !Removed(h, k.Source) && !Removed(h + 1, k.Target)))
                {
                    sizes[link.Source] += order == NeuronOrder.HighestInDegreeFirst ? 0 : Size(link);
                }
                int largest = -1;
                for (int j = 0; j < sizes.Length; j++)
                {
                    if (!removed[h].Contains(j) && (largest < 0 || sizes[j] > sizes[largest]))
                    {
                        largest = j;
                    }
                }
                removed[h].Add(largest);
            }
        }
        return removed.Select(r => r.ToArray()).ToArray();
    }
}
