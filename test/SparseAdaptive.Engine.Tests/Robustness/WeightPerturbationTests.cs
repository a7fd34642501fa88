using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class WeightPerturbationTests
{
    private static SparseNetwork Network() => SmallNetworks.Random(seed: 21, density: 0.3, 40, 30, 25, 5);

    public static TheoryData<WeightPerturbation> ZeroFractions => new()
    {
        new LinkRemoval(0, PerturbedLayers.All),
        new LinkWeightShuffle(0, PerturbedLayers.All),
    };

    [Theory]
    [MemberData(nameof(ZeroFractions))]
    public void Fraction_zero_leaves_the_network_bit_identical(WeightPerturbation perturbation)
    {
        var network = Network();

        var copy = perturbation.Apply(network, seed: 3);

        SmallNetworks.Serialize(copy).Should().Equal(SmallNetworks.Serialize(network));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Removal_removes_exactly_the_rounded_fraction_of_each_hidden_layer(double fraction)
    {
        var network = Network();
        var before = SmallNetworks.Serialize(network);

        var removed = new LinkRemoval(fraction).Apply(network, seed: 5);

        for (int l = 0; l < network.Layers.Count; l++)
        {
            int links = network.Layers[l].LinkCount;
            int expected = l < network.Layers.Count - 1 ? links - (int)Math.Round(fraction * links, MidpointRounding.AwayFromZero) : links;
            removed.Layers[l].LinkCount.Should().Be(expected, $"layer {l} has {links} links");
            // Survivors keep their positions and weights.
            removed.Layers[l].GetLinks().Should().BeSubsetOf(network.Layers[l].GetLinks());
            removed.Layers[l].GetBiases().Should().Equal(network.Layers[l].GetBiases());
        }
        SmallNetworks.Serialize(network).Should().Equal(before, "the original network is untouched");
    }

    [Fact]
    public void A_network_with_every_link_removed_saves_loads_and_scores_its_biases()
    {
        var empty = new LinkRemoval(1.0, PerturbedLayers.All).Apply(Network(), seed: 1);
        using var stream = new MemoryStream(SmallNetworks.Serialize(empty));

        var loaded = SparseNetwork.Load(stream);

        loaded.LinkCount.Should().Be(0);
        var probabilities = new float[5];
        loaded.Predict(new float[40], probabilities);
        var expected = empty.Layers[^1].GetBiases();
        Array.IndexOf(probabilities, probabilities.Max()).Should().Be(Array.IndexOf(expected, expected.Max()));
    }

    [Fact]
    public void Removal_reaches_the_output_layer_only_on_request()
    {
        var network = Network();

        var output = new LinkRemoval(0.5, PerturbedLayers.Output).Apply(network, seed: 1);

        output.Layers[^1].LinkCount.Should().Be(network.Layers[^1].LinkCount / 2);
        output.Layers.SkipLast(1).Select(l => l.LinkCount).Should().Equal(network.Layers.SkipLast(1).Select(l => l.LinkCount));
    }

    [Fact]
    public void Removal_picks_links_uniformly_at_random()
    {
        // Each of the 300 links of a 30×10 layer survives removal of 50% in about half of 400 draws.
        var layer = SparseLayer.FromLinks(30, 10, Enumerable.Range(0, 300).Select(k => new Link(k % 30, k / 30, 1f + k)), new float[10]);
        var network = SparseNetwork.FromLayers([layer, SparseLayer.FromLinks(10, 2, [new Link(0, 0, 1f)], new float[2])]);
        var survived = new int[300];
        for (int seed = 0; seed < 400; seed++)
        {
            foreach (var link in new LinkRemoval(0.5).Apply(network, seed).Layers[0].GetLinks())
            {
                survived[(int)link.Weight - 1]++;
            }
        }

        survived.Should().OnlyContain(n => n > 140 && n < 260, "a binomial(400, 0.5) count lies within 6 standard deviations of 200");
    }

    [Fact]
    public void Shuffling_keeps_the_topology_and_the_multiset_of_weights()
    {
        var network = Network();

        var shuffled = new LinkWeightShuffle(0.6, PerturbedLayers.All).Apply(network, seed: 9);

        for (int l = 0; l < network.Layers.Count; l++)
        {
            var original = network.Layers[l].GetLinks();
            var changed = shuffled.Layers[l].GetLinks();
            changed.Select(k => (k.Source, k.Target)).Should().Equal(original.Select(k => (k.Source, k.Target)));
            changed.Select(k => k.Weight).Order().Should().Equal(original.Select(k => k.Weight).Order());
            shuffled.Layers[l].GetBiases().Should().Equal(network.Layers[l].GetBiases());
            int moved = changed.Zip(original).Count(p => p.First.Weight != p.Second.Weight);
            int picked = (int)Math.Round(0.6 * original.Length, MidpointRounding.AwayFromZero);
            moved.Should().BeLessThanOrEqualTo(picked).And.BeGreaterThan(picked / 2, $"layer {l}: a random permutation of {picked} weights moves most of them");
        }
    }

    [Fact]
    public void Shuffling_leaves_the_output_layer_alone_by_default()
    {
        var network = Network();

        var shuffled = new LinkWeightShuffle(1.0).Apply(network, seed: 2);

        shuffled.Layers[^1].GetWeights().Should().Equal(network.Layers[^1].GetWeights());
        shuffled.Layers[0].GetWeights().Should().NotEqual(network.Layers[0].GetWeights());
    }

    [Fact]
    public void The_same_seed_gives_the_same_network_and_another_seed_another()
    {
        var network = Network();
        var removal = new LinkRemoval(0.3);
        var shuffle = new LinkWeightShuffle(0.3);

        SmallNetworks.Serialize(removal.Apply(network, 4)).Should().Equal(SmallNetworks.Serialize(removal.Apply(network, 4)));
        SmallNetworks.Serialize(shuffle.Apply(network, 4)).Should().Equal(SmallNetworks.Serialize(shuffle.Apply(network, 4)));
        SmallNetworks.Serialize(removal.Apply(network, 5)).Should().NotEqual(SmallNetworks.Serialize(removal.Apply(network, 4)));
        SmallNetworks.Serialize(shuffle.Apply(network, 5)).Should().NotEqual(SmallNetworks.Serialize(shuffle.Apply(network, 4)));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_rejected(double fraction)
    {
        new Action(() => _ = new LinkRemoval(fraction)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("fraction");
        new Action(() => _ = new LinkWeightShuffle(fraction)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("fraction");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void An_unknown_layer_choice_is_rejected(int layers)
    {
        new Action(() => _ = new LinkRemoval(0.5, (PerturbedLayers)layers)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("layers");
    }
}
