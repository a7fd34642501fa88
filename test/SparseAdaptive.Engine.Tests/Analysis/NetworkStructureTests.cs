using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class NetworkStructureTests
{
    private static SparseLayer Layer(int inputSize, int outputSize, params (int Source, int Target)[] links) =>
        SparseLayer.FromLinks(inputSize, outputSize, links.Select(l => new Link(l.Source, l.Target, 1f)), new float[outputSize]);

    // 3 inputs → 3 hidden → 3 hidden → 2 classes. First hidden layer: 0 on a path, 1 without fan-out, 2 without fan-in.
    // Second: 0 on a path, 1 linked both ways but fed only by the unreached neuron 2 of the first, 2 without links.
    private static SparseNetwork TwoHiddenLayers() => SparseNetwork.FromLayers(
    [
        Layer(3, 3, (0, 0), (1, 1)),
        Layer(3, 3, (0, 0), (2, 1)),
        Layer(3, 2, (0, 0), (1, 1)),
    ]);

    // 4 inputs → 3 hidden → 2 classes: inputs 0–2 and the hidden neurons form K3,3; input 3 hangs on hidden 0;
    // hidden 0 and 1 feed one class each. Degrees: inputs 3, 3, 3, 1; hidden 5, 4, 3; classes 1, 1.
    private static SparseNetwork CompleteCore() => SparseNetwork.FromLayers(
    [
        Layer(4, 3, (0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1), (0, 2), (1, 2), (2, 2), (3, 0)),
        Layer(3, 2, (0, 0), (1, 1)),
    ]);

    [Fact]
    public void The_census_counts_dead_and_isolated_neurons_and_the_effective_width()
    {
        var census = HiddenNeuronCensus.Of(TwoHiddenLayers());

        census.Select(c => (c.Layer, c.Width, c.WithoutFanIn, c.WithoutFanOut, c.WithoutLinks, c.OffPath, c.EffectiveWidth))
            .Should().Equal((0, 3, 1, 1, 0, 2, 1), (1, 3, 1, 1, 1, 2, 1));
        census[1].OffPathShare.Should().BeApproximately(2 / 3.0, 1e-12, "neuron 1 has links both ways yet no input reaches it");
        census[0].WithoutFanInShare.Should().BeApproximately(1 / 3.0, 1e-12);
    }

    [Fact]
    public void The_census_agrees_with_the_path_structure_on_a_random_network()
    {
        var network = SmallNetworks.Random(seed: 4, density: 0.02, 200, 150, 100, 10);

        var census = HiddenNeuronCensus.Of(network);

        census.Sum(c => c.EffectiveWidth).Should().Be(PathStructure.Of(network).HiddenNeuronsOnPath);
        census[0].WithoutFanIn.Should().Be(network.Layers[0].GetInDegrees().Count(d => d == 0));
        census[1].WithoutFanOut.Should().Be(network.Layers[2].GetOutDegrees().Count(d => d == 0));
    }

    [Fact]
    public void The_in_out_degree_correlation_matches_a_hand_computation()
    {
        // First hidden layer: in (1, 1, 0), out (1, 0, 1): covariance −1/3, variances 2/3. Second: in = out = (1, 1, 0).
        InOutDegreeCorrelation.PerHiddenLayer(TwoHiddenLayers()).Should().Equal([-0.5, 1.0], (a, b) => Math.Abs(a - b) < 1e-12);

        InOutDegreeCorrelation.Of(TwoHiddenLayers(), hiddenLayer: 0).Should().BeApproximately(-0.5, 1e-12, "hidden layers are numbered from 0");
        foreach (int outside in new[] { -1, 2 })
        {
            var outOfRange = () => InOutDegreeCorrelation.Of(TwoHiddenLayers(), hiddenLayer: outside);
            outOfRange.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hiddenLayer");
        }
    }

    [Fact]
    public void The_neuron_graph_numbers_nodes_layer_by_layer_and_forgets_directions()
    {
        var graph = NeuronGraph.Of(CompleteCore());

        graph.NodeCount.Should().Be(9);
        graph.EdgeCount.Should().Be(12);
        graph.LayerCount.Should().Be(3);
        graph.FirstNodeOf(1).Should().Be(4);
        graph.FirstNodeOf(2).Should().Be(7);
        Enumerable.Range(0, 9).Select(graph.Degree).Should().Equal(3, 3, 3, 1, 5, 4, 3, 1, 1);
        graph.Neighbours(4).ToArray().Should().BeEquivalentTo([0, 1, 2, 3, 7]);
    }

    [Fact]
    public void K_cores_of_a_hand_made_graph()
    {
        var cores = KCores.Of(NeuronGraph.Of(CompleteCore()));

        cores.GetCoreNumbers().Should().Equal(3, 3, 3, 1, 3, 3, 3, 1, 1);
        cores.Degeneracy.Should().Be(3);
        cores.GetCoreSizes().Should().Equal(9, 9, 6, 6);
    }

    [Fact]
    public void K_cores_agree_with_peeling_on_a_random_network()
    {
        var graph = NeuronGraph.Of(SmallNetworks.Random(seed: 6, density: 0.05, 120, 80, 60, 10));

        KCores.Of(graph).GetCoreNumbers().Should().Equal(PeeledCoreNumbers(graph));
    }

    [Fact]
    public void Rich_club_coefficients_of_a_hand_made_graph()
    {
        // φ(0) = 2·12 / (9·8); φ(1) = φ(2) = 2·9 / (6·5) over K3,3; φ(3) = 0 (hidden 0 and 1 are not linked); then < 2 nodes.
        var phi = RichClub.Coefficients(NeuronGraph.Of(CompleteCore()));

        phi.Should().HaveCount(6);
        phi[..4].Should().Equal([1 / 3.0, 0.6, 0.6, 0.0], (a, b) => Math.Abs(a - b) < 1e-12);
        phi[4..].Should().OnlyContain(x => double.IsNaN(x));
    }

    [Fact]
    public void Rich_club_coefficients_agree_with_counting_pairs_on_a_random_network()
    {
        var graph = NeuronGraph.Of(SmallNetworks.Random(seed: 2, density: 0.05, 60, 40, 10));
        var phi = RichClub.Coefficients(graph);

        foreach (int k in new[] { 0, 3, 6, 10 })
        {
            var rich = Enumerable.Range(0, graph.NodeCount).Where(v => graph.Degree(v) > k).ToHashSet();
            long edges = rich.Sum(v => graph.Neighbours(v).ToArray().Count(rich.Contains)) / 2;
            phi[k].Should().BeApproximately(2.0 * edges / (rich.Count * (rich.Count - 1.0)), 1e-12);
        }
    }

    [Fact]
    public void A_network_of_complete_layers_is_its_own_configuration_model()
    {
        var dense = SmallNetworks.Random(seed: 1, density: 1.0, 6, 5, 3);

        var richClub = RichClub.AgainstConfigurationModel(dense, samples: 3, seed: 0);
        var cores = KCores.CoreSizesAgainstConfigurationModel(dense, samples: 3, seed: 0);

        richClub.Ratio.Where(r => !double.IsNaN(r)).Should().NotBeEmpty().And.OnlyContain(r => r == 1);
        cores.Ratio.Should().OnlyContain(r => r == 1);
        cores.Samples.Should().Be(3);
    }

    [Fact]
    public void A_planted_rich_club_stands_above_its_configuration_model()
    {
        var planted = SparseNetwork.FromLayers([PlantedRichClub()]);

        var comparison = RichClub.AgainstConfigurationModel(planted, samples: 10, seed: 5);

        // Above degree 12 only the 20 hubs remain: 100 of their links join hubs, about half that in the null model.
        comparison.Observed[12].Should().BeApproximately(200.0 / (20 * 19), 1e-12);
        comparison.Ratio[12].Should().BeGreaterThan(1.4);
        RichClub.AgainstConfigurationModel(planted, samples: 10, seed: 5).NullMean.Should().Equal(comparison.NullMean);
    }

    [Fact]
    public void A_comparison_needs_at_least_one_sample()
    {
        var act = () => RichClub.AgainstConfigurationModel(CompleteCore(), samples: 0, seed: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("samples");
    }

    // Inputs and outputs 0–9 are hubs of degree 20, fully linked to each other; the other 90 of each side have about 5.
    private static SparseLayer PlantedRichClub()
    {
        var links = new HashSet<(int, int)>();
        for (int hub = 0; hub < 10; hub++)
        {
            for (int m = 0; m < 10; m++)
            {
                links.Add((hub, m));
                links.Add((hub, 10 + (hub * 7 + m) % 90));
                links.Add((10 + (hub * 11 + m) % 90, hub));
            }
        }
        for (int source = 10; source < 100; source++)
        {
            for (int m = 0; m < 5; m++)
            {
                links.Add((source, 10 + (source * 3 + m * 17) % 90));
            }
        }
        return Layer(100, 100, links.ToArray());
    }

    // The definition itself: remove every node of degree < k until none is left, for k = 1, 2, ….
    private static int[] PeeledCoreNumbers(NeuronGraph graph)
    {
        var core = new int[graph.NodeCount];
        var alive = Enumerable.Repeat(true, graph.NodeCount).ToArray();
        for (int k = 1; alive.Any(a => a); k++)
        {
            bool removed = true;
            while (removed)
            {
                removed = false;
                for (int v = 0; v < graph.NodeCount; v++)
                {
                    if (alive[v] && graph.Neighbours(v).ToArray().Count(u => alive[u]) < k)
                    {
                        alive[v] = false;
                        core[v] = k - 1;
                        removed = true;
                    }
                }
            }
        }
        return core;
    }
}
