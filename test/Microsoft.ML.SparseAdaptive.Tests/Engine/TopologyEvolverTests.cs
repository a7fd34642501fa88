using Microsoft.ML.SparseAdaptive.Network;
using Microsoft.ML.SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Engine;

public class TopologyEvolverTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Rewiring_keeps_the_link_count_and_removes_exactly_the_weakest_links(double fraction)
    {
        var layer = SmallNetworks.Random(seed: 11, density: 0.05, 300, 200, 2).Layers[0];
        var before = layer.GetLinks();
        var expectedSurvivors = ExpectedSurvivors(before, fraction);

        var random = new SeededRandom(1, 2);
        var (replaced, origin) = TopologyEvolver.Rewire(layer, fraction, ref random);

        layer.LinkCount.Should().Be(before.Length);
        replaced.Should().Be(before.Length - expectedSurvivors.Count);
        var survivors = origin.Where(o => o >= 0).Select(o => (before[o].Source, before[o].Target)).Order().ToArray();
        survivors.Should().Equal(expectedSurvivors.Order());
        origin.Count(o => o < 0).Should().Be(replaced);

        var after = layer.GetLinks();
        after.Select(l => (l.Source, l.Target)).Distinct().Should().HaveCount(after.Length, "no link may appear twice");
        for (int k = 0; k < after.Length; k++)
        {
            if (origin[k] >= 0)
            {
                after[k].Should().Be(before[origin[k]], "a surviving link keeps its position and weight");
            }
        }
        layer.GetInDegrees().Sum().Should().Be(before.Length);
        layer.GetOutDegrees().Sum().Should().Be(before.Length);
    }

    [Fact]
    public void Weakest_links_are_split_by_sign_and_closest_to_zero()
    {
        float[] weights = [0.5f, -0.1f, 0.01f, -0.9f, 0.2f, -0.02f, 0.3f, -0.4f, 0.0f, -0.6f];
        var removed = TopologyEvolver.WeakestLinks(weights, 0.4, out int count);

        // Non-negative: 0.0, 0.01, 0.2, 0.3, 0.5 → 2 of 5 removed (0.0, 0.01).
        // Negative: −0.02, −0.1, −0.4, −0.6, −0.9 → 2 of 5 removed (−0.02, −0.1).
        count.Should().Be(4);
        Enumerable.Range(0, weights.Length).Where(k => removed[k]).Should().Equal(1, 2, 5, 8);
    }

    [Fact]
    public void Static_training_keeps_the_initial_topology_and_adaptive_training_changes_it()
    {
        var data = SmallNetworks.Blobs(300, 40, 3, seed: 2);
        var settings = new TrainingSettings { HiddenLayerSizes = [30, 20], Sparsity = 0.8, Epochs = 3, BatchSize = 32, Seed = 9 };
        var initial = NetworkTrainer.CreateNetwork(40, 3, settings);

        var adaptive = NetworkTrainer.Train(data, settings);
        settings.Topology = TopologyMode.Static;
        var fixedTopology = NetworkTrainer.Train(data, settings);

        for (int l = 0; l < initial.Layers.Count; l++)
        {
            Positions(fixedTopology.Layers[l]).Should().Equal(Positions(initial.Layers[l]));
            adaptive.Layers[l].LinkCount.Should().Be(initial.Layers[l].LinkCount);
        }
        Positions(adaptive.Layers[0]).Should().NotEqual(Positions(initial.Layers[0]));
        Positions(adaptive.Layers[^1]).Should().Equal(Positions(initial.Layers[^1]), "the dense output layer never rewires");
    }

    [Fact]
    public void Sparsity_zero_builds_dense_layers_and_the_default_builds_one_percent()
    {
        var dense = NetworkTrainer.CreateNetwork(50, 4, new TrainingSettings { HiddenLayerSizes = [20, 10], Sparsity = 0 });
        dense.Layers.Should().OnlyContain(l => l.IsDense);

        var sparse = NetworkTrainer.CreateNetwork(784, 10, new TrainingSettings());
        sparse.Layers.Select(l => l.LinkCount).Should().Equal(7840, 10000, 10000, 10000);
        sparse.Layers[^1].IsDense.Should().BeTrue();
    }

    private static HashSet<(int, int)> ExpectedSurvivors(Link[] links, double fraction)
    {
        var positive = links.Where(l => l.Weight >= 0).OrderBy(l => l.Weight).ToArray();
        var negative = links.Where(l => l.Weight < 0).OrderByDescending(l => l.Weight).ToArray();
        int dropPositive = (int)Math.Round(fraction * positive.Length, MidpointRounding.AwayFromZero);
        int dropNegative = (int)Math.Round(fraction * negative.Length, MidpointRounding.AwayFromZero);
        return positive.Skip(dropPositive).Concat(negative.Skip(dropNegative)).Select(l => (l.Source, l.Target)).ToHashSet();
    }

    private static (int, int)[] Positions(SparseLayer layer) => layer.GetLinks().Select(l => (l.Source, l.Target)).ToArray();
}
