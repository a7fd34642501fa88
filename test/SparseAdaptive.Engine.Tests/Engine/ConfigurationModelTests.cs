using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Engine.Tests.Engine;

public class ConfigurationModelTests
{
    private static SparseLayer RandomLayer(int inputSize, int outputSize, double density, int seed)
    {
        var random = new SeededRandom(seed);
        return RandomTopology.CreateLayer(inputSize, outputSize, RandomTopology.LinkCount(inputSize, outputSize, density), ref random);
    }

    // A skewed layer with zeros on both sides: inputs 0–4 are hubs, inputs 40–49 and outputs 0–4 have no link.
    private static SparseLayer SkewedLayer()
    {
        var links = new List<Link>();
        for (int target = 5; target < 30; target++)
        {
            for (int source = 0; source < 40; source++)
            {
                if (source < 5 || (source * 7 + target * 3) % 11 == 0)
                {
                    links.Add(new Link(source, target, 1f));
                }
            }
        }
        return SparseLayer.FromLinks(50, 30, links, new float[30]);
    }

    private static HashSet<(int, int)> Pairs(SparseLayer layer) => layer.GetLinks().Select(l => (l.Source, l.Target)).ToHashSet();

    [Fact]
    public void Keeps_every_in_and_out_degree_and_places_no_link_twice()
    {
        var layer = SkewedLayer();

        var rewired = ConfigurationModel.Rewire(layer, seed: 3);

        rewired.GetInDegrees().Should().Equal(layer.GetInDegrees());
        rewired.GetOutDegrees().Should().Equal(layer.GetOutDegrees());
        rewired.GetOutDegrees()[40..].Should().OnlyContain(d => d == 0, "inputs without links stay without links");
        rewired.GetInDegrees()[..5].Should().OnlyContain(d => d == 0);
        Pairs(rewired).Should().HaveCount(rewired.LinkCount, "no (source, target) pair appears twice");
        Pairs(rewired).SetEquals(Pairs(layer)).Should().BeFalse();
    }

    [Fact]
    public void Moves_almost_every_link_of_a_large_sparse_layer()
    {
        var layer = RandomLayer(1000, 1000, 0.01, seed: 1);

        var rewired = ConfigurationModel.Rewire(layer, seed: 7);

        rewired.GetInDegrees().Should().Equal(layer.GetInDegrees());
        rewired.GetOutDegrees().Should().Equal(layer.GetOutDegrees());
        Pairs(rewired).Should().HaveCount(layer.LinkCount);
        double kept = (double)Pairs(rewired).Intersect(Pairs(layer)).Count() / layer.LinkCount;
        kept.Should().BeLessThan(0.05, "a random graph of 1% density shares about 1% of its links with another");
    }

    [Fact]
    public void The_same_seed_gives_the_same_layer_and_another_seed_another()
    {
        var layer = RandomLayer(200, 100, 0.05, seed: 2);

        var first = ConfigurationModel.Rewire(layer, seed: 11);
        var again = ConfigurationModel.Rewire(layer, seed: 11);
        var other = ConfigurationModel.Rewire(layer, seed: 12);

        again.GetLinks().Should().Equal(first.GetLinks());
        Pairs(other).SetEquals(Pairs(first)).Should().BeFalse();
        other.GetWeights().Should().NotEqual(first.GetWeights());
    }

    [Fact]
    public void Draws_fresh_he_uniform_weights_and_zero_biases()
    {
        var layer = SkewedLayer();

        var rewired = ConfigurationModel.Rewire(layer, seed: 5);

        rewired.GetBiases().Should().OnlyContain(b => b == 0f);
        var inDegrees = rewired.GetInDegrees();
        rewired.GetLinks().Should().OnlyContain(l => Math.Abs(l.Weight) <= RandomTopology.HeLimit(inDegrees[l.Target]));
        rewired.GetWeights().Distinct().Should().HaveCountGreaterThan(rewired.LinkCount / 2, "the trained weights (all 1) are replaced");
    }

    [Fact]
    public void A_complete_layer_has_only_itself_as_configuration_model()
    {
        var layer = RandomLayer(6, 4, 1.0, seed: 4);

        ConfigurationModel.Rewire(layer, seed: 1).GetLinks().Select(l => (l.Source, l.Target))
            .Should().Equal(layer.GetLinks().Select(l => (l.Source, l.Target)));
    }

    [Fact]
    public void Rewires_every_sparse_layer_of_a_network_and_keeps_the_dense_output_links()
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.1, 100, 80, 60, 10);

        var rewired = ConfigurationModel.Rewire(network, seed: 9);

        for (int l = 0; l < network.Layers.Count; l++)
        {
            rewired.Layers[l].GetInDegrees().Should().Equal(network.Layers[l].GetInDegrees());
            rewired.Layers[l].GetOutDegrees().Should().Equal(network.Layers[l].GetOutDegrees());
            rewired.Layers[l].GetBiases().Should().OnlyContain(b => b == 0f);
        }
        Pairs(rewired.Layers[0]).SetEquals(Pairs(network.Layers[0])).Should().BeFalse();
        Pairs(rewired.Layers[1]).SetEquals(Pairs(network.Layers[1])).Should().BeFalse();
        rewired.Layers[2].IsDense.Should().BeTrue();
        rewired.Layers[2].GetWeights().Should().NotEqual(network.Layers[2].GetWeights(), "the output layer starts afresh too");
        ConfigurationModel.Rewire(network, seed: 9).Layers.SelectMany(l => l.GetLinks())
            .Should().Equal(rewired.Layers.SelectMany(l => l.GetLinks()));
    }

    [Fact]
    public void Fresh_weights_keep_the_links_and_replace_the_weights()
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.1, 100, 80, 10);

        var fresh = FreshWeights.Of(network, seed: 2);

        for (int l = 0; l < network.Layers.Count; l++)
        {
            fresh.Layers[l].GetLinks().Select(x => (x.Source, x.Target)).Should().Equal(network.Layers[l].GetLinks().Select(x => (x.Source, x.Target)));
            fresh.Layers[l].GetWeights().Should().NotEqual(network.Layers[l].GetWeights());
            fresh.Layers[l].GetBiases().Should().OnlyContain(b => b == 0f);
        }
        FreshWeights.Of(network, seed: 2).Layers[0].GetWeights().Should().Equal(fresh.Layers[0].GetWeights());
        FreshWeights.Of(network, seed: 3).Layers[0].GetWeights().Should().NotEqual(fresh.Layers[0].GetWeights());
    }

    [Fact]
    public void A_negative_number_of_switches_is_refused()
    {
        var act = () => ConfigurationModel.Rewire(SkewedLayer(), seed: 1, switchesPerLink: -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("switchesPerLink");
    }
}
