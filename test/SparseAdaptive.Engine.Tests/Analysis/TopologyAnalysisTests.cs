using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class TopologyAnalysisTests
{
    // 4 inputs → 3 outputs. Fan-in of the outputs: 3, 1, 2. Fan-out of the inputs: 3, 2, 1, 0.
    private static readonly Link[] HandBuiltLinks =
        [new(0, 0, 1f), new(1, 0, 2f), new(2, 0, 3f), new(0, 1, 4f), new(0, 2, 5f), new(1, 2, 6f)];

    private static SparseLayer HandBuiltLayer() => SparseLayer.FromLinks(4, 3, HandBuiltLinks, [0f, 0f, 0f]);

    [Fact]
    public void Layer_topology_has_the_exact_degree_statistics_of_a_hand_built_layer()
    {
        var topology = LayerTopology.Of(HandBuiltLayer(), index: 2);

        topology.Index.Should().Be(2);
        topology.LinkCount.Should().Be(6);
        topology.Density.Should().Be(0.5);
        topology.IsDense.Should().BeFalse();

        topology.InDegrees.Should().BeEquivalentTo(new { NeuronCount = 3, Min = 1, Max = 3, Mean = 2.0, IsolatedFraction = 0.0 });
        topology.InDegrees.StandardDeviation.Should().BeApproximately(Math.Sqrt(2.0 / 3), 1e-12);
        topology.InDegrees.CoefficientOfVariation.Should().BeApproximately(Math.Sqrt(2.0 / 3) / 2, 1e-12);

        topology.OutDegrees.Should().BeEquivalentTo(new { NeuronCount = 4, Min = 0, Max = 3, Mean = 1.5, IsolatedFraction = 0.25 });
        topology.OutDegrees.StandardDeviation.Should().BeApproximately(Math.Sqrt(1.25), 1e-12);
        topology.OutDegrees.CoefficientOfVariation.Should().BeApproximately(Math.Sqrt(1.25) / 1.5, 1e-12);

        topology.InDegreeHistogram.GetCounts().Should().Equal(0, 1, 1, 1);
        topology.OutDegreeHistogram.GetCounts().Should().Equal(1, 1, 1, 1);
        topology.OutDegreeHistogram.MaxDegree.Should().Be(3);
        topology.OutDegreeHistogram.NeuronCount.Should().Be(4);
        topology.OutDegreeHistogram[7].Should().Be(0);
    }

    [Fact]
    public void A_layer_without_links_is_entirely_isolated_with_zero_variation()
    {
        var topology = LayerTopology.Of(SparseLayer.FromLinks(5, 2, [], [0f, 0f]), index: 0);

        topology.InDegrees.Should().Be(new DegreeStatistics(2, 0, 0, 0, 0, 1));
        topology.OutDegrees.IsolatedFraction.Should().Be(1);
        topology.OutDegrees.CoefficientOfVariation.Should().Be(0);
        topology.OutDegreeHistogram.GetCounts().Should().Equal(5);
    }

    [Fact]
    public void A_dense_layer_is_regular()
    {
        var links = Enumerable.Range(0, 3).SelectMany(t => Enumerable.Range(0, 4).Select(s => new Link(s, t, 1f)));
        var topology = LayerTopology.Of(SparseLayer.FromLinks(4, 3, links, [0f, 0f, 0f]), index: 0);

        topology.IsDense.Should().BeTrue();
        topology.InDegrees.Should().Be(new DegreeStatistics(3, 4, 4, 4, 0, 0));
        topology.OutDegrees.Should().Be(new DegreeStatistics(4, 3, 3, 3, 0, 0));
        topology.InDegreeHistogram.GetCounts().Should().Equal(0, 0, 0, 0, 3);
    }

    [Fact]
    public void Network_topology_lists_every_layer_in_order()
    {
        var network = SparseNetwork.FromLayers([HandBuiltLayer(), SparseLayer.FromLinks(3, 2, [new(0, 1, 1f)], [0f, 0f])]);

        var layers = LayerTopology.Of(network);

        layers.Select(l => (l.Index, l.InputSize, l.OutputSize, l.LinkCount)).Should().Equal((0, 4, 3, 6), (1, 3, 2, 1));
    }

    [Fact]
    public void Degree_summaries_reject_empty_and_negative_degrees()
    {
        FluentActions.Invoking(() => DegreeStatistics.Of([])).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => DegreeHistogram.Of([1, -2])).Should().Throw<ArgumentException>().WithMessage("Degree 1 is -2*");
    }

    [Fact]
    public void Pixel_link_map_lays_the_fan_out_of_the_first_layer_out_as_the_image()
    {
        var network = SparseNetwork.FromLayers([HandBuiltLayer(), SparseLayer.FromLinks(3, 2, [new(0, 1, 1f)], [0f, 0f])]);

        var map = PixelLinkMap.Of(network, rows: 2, columns: 2);

        map.GetCounts().Should().Equal(3, 2, 1, 0);
        map[0, 1].Should().Be(2);
        map[1, 0].Should().Be(1);
        FluentActions.Invoking(() => map[2, 0]).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PixelLinkMap.Of(network, 3, 3)).Should().Throw<ArgumentException>().WithMessage("*4 inputs*3×3*");
    }

    [Fact]
    public void Link_turnover_counts_kept_removed_and_added_links()
    {
        var after = SparseLayer.FromLinks(4, 3,
            [new(0, 0, 9f), new(1, 0, 9f), new(0, 1, 9f), new(3, 1, 9f), new(0, 2, 9f), new(2, 2, 9f)], [0f, 0f, 0f]);

        var turnover = LinkTurnover.Between(HandBuiltLayer(), after);

        turnover.Should().Be(new LinkTurnover(Kept: 4, Removed: 2, Added: 2));
        turnover.KeptFraction.Should().BeApproximately(4.0 / 6, 1e-12);
        FluentActions.Invoking(() => LinkTurnover.Between(HandBuiltLayer(), SparseLayer.FromLinks(4, 2, [], [0f, 0f])))
            .Should().Throw<ArgumentException>().WithMessage("*4→3 before, 4→2 after*");
    }

    [Theory]
    [InlineData(TopologyMode.Static, false)]
    [InlineData(TopologyMode.Adaptive, true)]
    public void Initial_network_is_where_training_starts(TopologyMode mode, bool rewires)
    {
        var settings = new TrainingSettings { HiddenLayerSizes = [40, 30], Sparsity = 0.8, Epochs = 3, Topology = mode, Seed = 5 };
        var samples = SmallNetworks.Blobs(200, 20, 3, seed: 1);

        var initial = InitialNetwork.For(20, 3, settings);
        var trained = NetworkTrainer.Train(samples, settings);

        for (int l = 0; l < 2; l++)
        {
            var turnover = LinkTurnover.Between(initial.Layers[l], trained.Layers[l]);
            (turnover.Removed > 0).Should().Be(rewires, $"layer {l} of a {mode} network");
            turnover.Kept.Should().Be(initial.Layers[l].LinkCount - turnover.Removed);
            turnover.Added.Should().Be(turnover.Removed, "rewiring keeps the link count");
        }
        LinkTurnover.Between(initial.Layers[2], trained.Layers[2]).Removed.Should().Be(0, "the output layer is dense");
    }
}
