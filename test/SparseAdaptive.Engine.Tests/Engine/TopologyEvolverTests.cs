using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

public class TopologyEvolverTests
{
    [Theory]
    [InlineData(0.3, false)]
    [InlineData(0.3, true)]
    [InlineData(0.5, true)]
    [InlineData(0.0, false)]
    [InlineData(1.0, false)]
    public void Rewiring_keeps_the_link_count_and_removes_exactly_the_weakest_links(double fraction, bool coarseWeights)
    {
        var layer = SmallNetworks.Random(seed: 11, density: 0.05, 300, 200, 2).Layers[0];
        if (coarseWeights)
        {
            // Few distinct values (zeros of both signs included), so the thresholds fall inside long runs of ties.
            for (int k = 0; k < layer.LinkCount; k++)
            {
                layer.Weights[k] = MathF.Round(layer.Weights[k] * 8) / 8 * (k % 7 == 0 ? -1 : 1);
            }
        }
        var before = layer.GetLinks();
        var velocity = DistinctMomentum(layer);
        var expectedRemoved = ReferenceWeakestLinks(layer.Weights, fraction);

        var random = new SeededRandom(1, 2);
        int replaced = TopologyEvolver.Rewire(layer, velocity, fraction, ref random, threads: 2, newLinkScale: 0.1);

        layer.LinkCount.Should().Be(before.Length);
        velocity.Weights.Should().HaveCount(before.Length);
        replaced.Should().Be(expectedRemoved.Count);
        ShouldBeSortedAndUnique(layer);

        var after = layer.GetLinks();
        var survivors = new List<int>();
        float limit = 0.1f * RandomTopology.HeLimit((double)before.Length / layer.OutputSize);
        for (int k = 0; k < after.Length; k++)
        {
            if (velocity.Weights[k] == 0f)
            {
                after[k].Weight.Should().BeInRange(-limit, limit, "a new link starts small");
                continue;
            }
            // The momentum of old link k was k + 1: it names the link it follows.
            int origin = (int)velocity.Weights[k] - 1;
            after[k].Should().Be(before[origin], "a kept link keeps its position and weight, and its momentum follows it");
            survivors.Add(origin);
        }
        survivors.Should().HaveCount(before.Length - replaced);
        Enumerable.Range(0, before.Length).Except(survivors).Order().Should().Equal(expectedRemoved.Order());
        layer.GetOutDegrees().Sum().Should().Be(before.Length);
    }

    [Fact]
    public void Weakest_links_are_split_by_sign_and_closest_to_zero()
    {
        float[] weights = [0.5f, -0.1f, 0.01f, -0.9f, 0.2f, -0.02f, 0.3f, -0.4f, 0.0f, -0.6f];
        var rule = TopologyEvolver.RemovalRule.Find(weights, 0.4, threads: 1, out int count);

        // Non-negative: 0.0, 0.01, 0.2, 0.3, 0.5 → 2 of 5 removed (0.0, 0.01).
        // Negative: −0.02, −0.1, −0.4, −0.6, −0.9 → 2 of 5 removed (−0.02, −0.1).
        count.Should().Be(4);
        Enumerable.Range(0, weights.Length).Where(k => rule.Removes(weights[k], k)).Should().Equal(1, 2, 5, 8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_removal_rule_removes_the_same_links_as_sorting_them(int threads)
    {
        var random = new SeededRandom(4, threads);
        float[] palette = [0f, -0f, 0.25f, -0.25f, 1e-30f, -1e-30f, 3.5f, float.Epsilon];
        foreach (int length in new[] { 1, 2, 17, 1000, 5003 })
        {
            var weights = new float[length];
            for (int k = 0; k < length; k++)
            {
                // Half from a small palette (long runs of ties, at every digit of the radix select), half spread out.
                weights[k] = random.NextInt(2) == 0 ? palette[random.NextInt(palette.Length)] : random.NextSymmetric(2f);
            }
            foreach (double fraction in new[] { 0.0, 0.1, 0.3, 0.5, 0.77, 1.0 })
            {
                var rule = TopologyEvolver.RemovalRule.Find(weights, fraction, threads, out int count);
                var expected = ReferenceWeakestLinks(weights, fraction);
                Enumerable.Range(0, length).Where(k => rule.Removes(weights[k], k)).Should()
                    .Equal(expected.Order(), $"{length} weights, ζ = {fraction}");
                count.Should().Be(expected.Count);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_topology_on_one_or_two_threads()
    {
        var layers = new SparseLayer[2];
        var velocities = new LayerVelocity[2];
        for (int t = 0; t < 2; t++)
        {
            layers[t] = SmallNetworks.Random(seed: 5, density: 0.03, 700, 900, 2).Layers[0];
            velocities[t] = DistinctMomentum(layers[t]);
            var random = new SeededRandom(8, 3);
            for (int step = 0; step < 3; step++)
            {
                TopologyEvolver.Rewire(layers[t], velocities[t], 0.3, ref random, threads: t + 1);
            }
        }
        layers[1].RowOffsets.Should().Equal(layers[0].RowOffsets);
        layers[1].GetSources().Should().Equal(layers[0].GetSources());
        layers[1].Weights.Should().Equal(layers[0].Weights);
        velocities[1].Weights.Should().Equal(velocities[0].Weights);
    }

    [Theory]
    [InlineData(95)]
    [InlineData(100)]
    public void A_nearly_or_fully_dense_layer_rewires_into_its_few_empty_places(int links)
    {
        var random = new SeededRandom(2);
        var layer = RandomTopology.CreateLayer(10, 10, links, ref random);
        var velocity = DistinctMomentum(layer);
        for (int step = 0; step < 5; step++)
        {
            int replaced = TopologyEvolver.Rewire(layer, velocity, 0.3, ref random, threads: 2);
            replaced.Should().BeInRange(links * 3 / 10 - 1, links * 3 / 10 + 1);
            layer.LinkCount.Should().Be(links);
            ShouldBeSortedAndUnique(layer);
            velocity.Weights.Count(v => v == 0f).Should().BeGreaterThanOrEqualTo(replaced);
        }
    }

    [Fact]
    public void New_links_are_uniform_over_the_empty_places_whatever_their_row()
    {
        // Row 0 keeps 7 of its 8 places, row 1 keeps 1; the two weakest links are removed and regrown each time.
        var links = new List<Link>();
        for (int source = 0; source < 7; source++)
        {
            links.Add(new Link(source, 0, 1f));
        }
        links.Add(new Link(0, 1, 1f));
        links.Add(new Link(3, 2, 0.01f));
        links.Add(new Link(5, 3, 0.02f));
        var original = SparseLayer.FromLinks(8, 4, links, new float[4]);
        var emptyPlaces = Enumerable.Range(0, 32).Where(p => !links.Any(l => l.Target * 8 + l.Source == p && l.Weight == 1f)).ToArray();

        const int Trials = 4000;
        var hits = new int[32];
        for (int trial = 0; trial < Trials; trial++)
        {
            var layer = original.Clone();
            var random = new SeededRandom(trial);
            TopologyEvolver.Rewire(layer, new LayerVelocity(layer), 0.2, ref random, threads: 1).Should().Be(2);
            foreach (var link in layer.GetLinks().Where(l => l.Weight != 1f))
            {
                hits[link.Target * 8 + link.Source]++;
            }
        }

        // Each of the 24 empty places is taken with probability 2/24; the bounds are ±5 standard deviations.
        double p = 2.0 / emptyPlaces.Length;
        double sigma = Math.Sqrt(Trials * p * (1 - p));
        emptyPlaces.Should().HaveCount(24);
        foreach (int place in emptyPlaces)
        {
            hits[place].Should().BeInRange((int)(Trials * p - 5 * sigma), (int)(Trials * p + 5 * sigma), $"place {place}");
        }
        hits.Sum().Should().Be(2 * Trials);
    }

    [Fact]
    public void Rewiring_needs_memory_for_rows_and_columns_only_never_for_links()
    {
        var random = new SeededRandom(3);
        var warmUp = RandomTopology.CreateLayer(50, 50, 500, ref random);
        TopologyEvolver.Rewire(warmUp, new LayerVelocity(warmUp), 0.3, ref random, threads: 1);
        var layer = RandomTopology.CreateLayer(2000, 2000, 400_000, ref random);
        var velocity = new LayerVelocity(layer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int replaced = TopologyEvolver.Rewire(layer, velocity, 0.3, ref random, threads: 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        replaced.Should().BeInRange(119_999, 120_001);
        allocated.Should().BeLessThan(4 * (2000 + 2000) * 8 + 64 * 1024, "the 400,000 links would take 1.6 MB per array");
    }

    [Fact]
    public void A_fraction_outside_zero_to_one_or_a_foreign_momentum_is_refused()
    {
        var random = new SeededRandom(1);
        var layer = RandomTopology.CreateLayer(20, 20, 40, ref random);
        var other = RandomTopology.CreateLayer(20, 20, 41, ref random);

        var badFraction = () => TopologyEvolver.Rewire(layer, new LayerVelocity(layer), 1.5, ref random, 1);
        badFraction.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("fraction");
        var foreign = () => TopologyEvolver.Rewire(layer, new LayerVelocity(other), 0.3, ref random, 1);
        foreign.Should().Throw<ArgumentException>().WithMessage("*41 link entries*40 links*");
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

    /// <summary>The removal rule by plain sorting: ζ of each sign, closest to zero first, ties to the lower index.</summary>
    private static List<int> ReferenceWeakestLinks(float[] weights, double fraction)
    {
        var removed = new List<int>();
        foreach (bool positive in new[] { true, false })
        {
            var group = Enumerable.Range(0, weights.Length).Where(k => weights[k] >= 0 == positive)
                .OrderBy(k => MathF.Abs(weights[k])).ThenBy(k => k).ToArray();
            removed.AddRange(group.Take((int)Math.Round(fraction * group.Length, MidpointRounding.AwayFromZero)));
        }
        return removed;
    }

    // Momentum k + 1 for link k: never zero, and it tells which old link a kept link continues.
    private static LayerVelocity DistinctMomentum(SparseLayer layer)
    {
        var velocity = new LayerVelocity(layer);
        for (int k = 0; k < layer.LinkCount; k++)
        {
            velocity.Weights[k] = k + 1;
        }
        return velocity;
    }

    private static void ShouldBeSortedAndUnique(SparseLayer layer)
    {
        layer.RowOffsets[0].Should().Be(0);
        layer.RowOffsets[^1].Should().Be(layer.LinkCount);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            var sources = layer.GetSources().AsSpan(layer.RowOffsets[row], layer.RowOffsets[row + 1] - layer.RowOffsets[row]).ToArray();
            sources.Should().OnlyContain(s => s >= 0 && s < layer.InputSize);
            sources.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems($"row {row} must stay strictly increasing");
        }
    }

    private static (int, int)[] Positions(SparseLayer layer) => layer.GetLinks().Select(l => (l.Source, l.Target)).ToArray();
}
