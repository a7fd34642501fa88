using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class NeuronRemovalTests
{
    [Theory]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.25, new[] { 0 })]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.5, new[] { 0, 2 })]
    [InlineData(NeuronOrder.HighestDegreeFirst, 0.75, new[] { 0, 2, 3 })]
    [InlineData(NeuronOrder.HighestStrengthFirst, 0.25, new[] { 1 })]
    [InlineData(NeuronOrder.HighestStrengthFirst, 0.5, new[] { 1, 3 })]
    [InlineData(NeuronOrder.HighestStrengthFirst, 1.0, new[] { 1, 3, 0, 2 })]
    [InlineData(NeuronOrder.HighestInDegreeFirst, 0.5, new[] { 0, 3 })]
    [InlineData(NeuronOrder.HighestInDegreeFirst, 1.0, new[] { 0, 3, 2, 1 })]
    [InlineData(NeuronOrder.HighestOutDegreeFirst, 0.75, new[] { 0, 2, 1 })]
    [InlineData(NeuronOrder.HighestOutDegreeFirst, 1.0, new[] { 0, 2, 1, 3 })]
    public void Hubs_go_first_by_degree_in_degree_out_degree_or_strength_with_ties_in_index_order(NeuronOrder order, double fraction, int[] expected)
    {
        var removal = new NeuronRemoval(fraction, order);

        removal.ChooseNeurons(HandMadeNetworks.Hubs(), layer: 0, seed: 1).Should().Equal(expected);
        removal.ChooseNeurons(HandMadeNetworks.Hubs(), layer: 0, seed: 2).Should().Equal(expected, "a ranked removal ignores the seed");
    }

    [Fact]
    public void A_removed_neuron_loses_every_link_in_and_out_and_its_bias_and_nothing_else_changes()
    {
        var network = HandMadeNetworks.Hubs();
        var before = SmallNetworks.Serialize(network);

        var removed = new NeuronRemoval(0.5, NeuronOrder.HighestDegreeFirst).Apply(network, seed: 1);

        // Hidden neurons 0 and 2 go: the links into them (layer 0) and out of them (layer 1).
        removed.Layers[0].GetLinks().Should().Equal(new Link(0, 1, 3f), new Link(0, 3, 1f), new Link(1, 3, -1f), new Link(2, 3, 1f));
        removed.Layers[0].GetBiases().Should().Equal(0f, 0.2f, 0f, 0.4f);
        removed.Layers[1].GetLinks().Should().Equal(new Link(1, 0, 4f), new Link(3, 1, -1f));
        removed.Layers[1].GetBiases().Should().Equal(0.5f, -0.5f);
        SmallNetworks.Serialize(network).Should().Equal(before, "the original network is untouched");
    }

    [Fact]
    public void A_network_without_its_hidden_neurons_predicts_from_the_class_biases_alone()
    {
        var empty = new NeuronRemoval(1.0).Apply(HandMadeNetworks.Hubs(), seed: 3);
        var probabilities = new float[2];

        empty.Predict([1f, 1f, 1f], probabilities);

        empty.LinkCount.Should().Be(0);
        empty.Layers[0].GetBiases().Should().OnlyContain(b => b == 0f);
        probabilities[0].Should().BeApproximately(1f / (1f + MathF.Exp(-1f)), 1e-6f, "softmax of the class biases 0.5 and −0.5");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Random_removal_takes_the_rounded_fraction_of_each_hidden_layer_and_depends_only_on_the_seed(double fraction)
    {
        var network = SmallNetworks.Random(seed: 4, density: 0.4, 20, 15, 10, 3);
        var removal = new NeuronRemoval(fraction);

        var removed = removal.Apply(network, seed: 7);

        var chosen = new[] { removal.ChooseNeurons(network, 0, seed: 7), removal.ChooseNeurons(network, 1, seed: 7) };
        for (int h = 0; h < 2; h++)
        {
            chosen[h].Should().HaveCount((int)Math.Round(fraction * network.Layers[h].OutputSize, MidpointRounding.AwayFromZero)).And.OnlyHaveUniqueItems();
        }
        for (int l = 0; l < 3; l++)
        {
            // A link survives unless it leads into or out of a removed neuron.
            var expected = network.Layers[l].GetLinks()
                .Where(k => !(l < 2 && chosen[l].Contains(k.Target)) && !(l > 0 && chosen[l - 1].Contains(k.Source)));
            removed.Layers[l].GetLinks().Should().Equal(expected, $"layer {l}");
        }
        SmallNetworks.Serialize(removal.Apply(network, seed: 7)).Should().Equal(SmallNetworks.Serialize(removed));
        if (fraction is > 0 and < 1)
        {
            removal.ChooseNeurons(network, 0, seed: 8).Should().NotEqual(removal.ChooseNeurons(network, 0, seed: 7));
        }
    }

    [Fact]
    public void Random_removal_picks_neurons_uniformly()
    {
        // Each of 20 neurons is among the 5 removed in about a quarter of 800 draws.
        var network = SmallNetworks.Random(seed: 5, density: 0.5, 6, 20, 2);
        var removal = new NeuronRemoval(0.25);
        var taken = new int[20];
        for (int seed = 0; seed < 800; seed++)
        {
            foreach (int j in removal.ChooseNeurons(network, 0, seed))
            {
                taken[j]++;
            }
        }

        taken.Should().OnlyContain(n => n > 125 && n < 275, "a binomial(800, 0.25) count lies within 6 standard deviations of 200");
    }

    [Fact]
    public void One_hidden_layer_alone_leaves_the_links_of_the_others_bit_identical()
    {
        var network = SmallNetworks.Random(seed: 6, density: 0.5, 12, 10, 8, 4);

        var removed = new NeuronRemoval(0.5, NeuronOrder.HighestStrengthFirst, hiddenLayer: 1).Apply(network, seed: 1);

        // Hidden layer 1 is produced by layer 1 and read by layer 2; layer 0 is untouched.
        HandMadeNetworks.LinkBits(removed.Layers[0]).Should().Equal(HandMadeNetworks.LinkBits(network.Layers[0]));
        HandMadeNetworks.BiasBits(removed.Layers[0]).Should().Equal(HandMadeNetworks.BiasBits(network.Layers[0]));
        removed.Layers[1].GetInDegrees().Count(d => d == 0).Should().BeGreaterThanOrEqualTo(4);
        removed.Layers[1].GetBiases().Count(b => b == 0f).Should().Be(4);
        new NeuronRemoval(0.5, hiddenLayer: 1).ChooseNeurons(network, 0, seed: 1).Should().BeEmpty();
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        var network = HandMadeNetworks.Hubs();

        new Action(() => _ = new NeuronRemoval(1.5)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        new Action(() => _ = new NeuronRemoval(0.5, (NeuronOrder)9)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The order must be one of Random, HighestDegreeFirst, HighestStrengthFirst, HighestInDegreeFirst, HighestOutDegreeFirst; got 9.*")
            .Which.ParamName.Should().Be("order");
        new Action(() => _ = new NeuronRemoval(0.5, hiddenLayer: -1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("hiddenLayer");
        new Action(() => new NeuronRemoval(0.5, hiddenLayer: 1).Apply(network, 0)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("network");
        new Action(() => new NeuronRemoval(0.5).ChooseNeurons(network, 1, 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("layer");
    }
}
