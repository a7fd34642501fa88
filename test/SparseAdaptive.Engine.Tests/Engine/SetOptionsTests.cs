using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>The SET options of issue 9: new-link weights, the ζ schedule and the end of rewiring.</summary>
public class SetOptionsTests
{
    private static readonly LabeledSamples Data = SmallNetworks.Blobs(600, 64, 4, seed: 21);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void New_links_draw_from_the_initial_distribution_times_the_scale(double scale)
    {
        var layer = SmallNetworks.Random(seed: 3, density: 0.1, 400, 300, 2).Layers[0];
        // Kept links are told apart by a nonzero momentum, new ones start at momentum 0.
        var velocity = new LayerVelocity(layer);
        Array.Fill(velocity.Weights, 1f);
        var random = new SeededRandom(4, 0);

        int replaced = TopologyEvolver.Rewire(layer, velocity, 0.3, ref random, threads: 2, newLinkScale: scale);

        float initialLimit = RandomTopology.HeLimit((double)layer.LinkCount / layer.OutputSize);
        var fresh = Enumerable.Range(0, layer.LinkCount).Where(k => velocity.Weights[k] == 0f).Select(k => layer.Weights[k]).ToArray();
        fresh.Should().HaveCount(replaced);
        replaced.Should().Be((int)Math.Round(0.3 * layer.LinkCount, MidpointRounding.AwayFromZero), "ζ of each sign, rounded, of a layer with a near-even sign split");
        float largest = fresh.Max(MathF.Abs);
        if (scale == 0)
        {
            largest.Should().Be(0f);
            return;
        }
        largest.Should().BeLessThanOrEqualTo((float)(scale * initialLimit));
        // Thousands of uniform draws come close to the edge of their interval and spread over both signs.
        largest.Should().BeGreaterThan((float)(0.95 * scale * initialLimit));
        fresh.Count(w => w < 0).Should().BeInRange(replaced * 4 / 10, replaced * 6 / 10);
    }

    [Fact]
    public void A_negative_new_link_scale_is_rejected()
    {
        var layer = SmallNetworks.Random(seed: 3, density: 0.1, 40, 30, 2).Layers[0];
        var random = new SeededRandom(4, 0);
        var act = () => TopologyEvolver.Rewire(layer, new LayerVelocity(layer), 0.3, ref random, 1, newLinkScale: -1);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("newLinkScale");
    }

    [Fact]
    public void Constant_zeta_stops_at_the_rewire_end()
    {
        var settings = new TrainingSettings { Epochs = 8, RewireFraction = 0.3, RewireSchedule = RewireSchedule.Constant, RewireEnd = 0.75 };
        // Rewiring stops at epoch round(8 × 0.75) = 6: after epochs 1-5 (0-based 0-4), not after 6, 7 or 8.
        Enumerable.Range(0, 8).Select(settings.RewireFractionAt).Should().Equal(0.3, 0.3, 0.3, 0.3, 0.3, 0, 0, 0);
        settings.RewireEnd = 1;
        Enumerable.Range(0, 8).Select(settings.RewireFractionAt).Should().Equal(0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0);
    }

    [Fact]
    public void Cosine_zeta_falls_from_full_to_zero_where_rewiring_stops()
    {
        var settings = new TrainingSettings { Epochs = 10, RewireFraction = 0.4, RewireSchedule = RewireSchedule.Cosine, RewireEnd = 0.5 };
        // Stop at epoch 5: ζ_e = 0.4 · (1 + cos(π e / 4)) / 2 for e = 0..3, then 0.
        var expected = new[] { 0.4, 0.2 * (1 + Math.Cos(Math.PI / 4)), 0.2, 0.2 * (1 - Math.Cos(Math.PI / 4)), 0, 0, 0, 0, 0, 0 };
        var actual = Enumerable.Range(0, 10).Select(settings.RewireFractionAt).ToArray();
        for (int e = 0; e < expected.Length; e++)
        {
            actual[e].Should().BeApproximately(expected[e], 1e-12, $"epoch {e}");
        }
    }

    [Fact]
    public void A_static_topology_never_rewires()
    {
        var settings = new TrainingSettings { Epochs = 4, Topology = TopologyMode.Static };
        Enumerable.Range(0, 4).Select(settings.RewireFractionAt).Should().AllBeEquivalentTo(0.0);
    }

    [Fact]
    public void Training_rewires_the_scheduled_link_counts_and_leaves_the_topology_alone_after_the_end()
    {
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = [100, 80],
            Sparsity = 0.9,
            Epochs = 6,
            BatchSize = 50,
            RewireFraction = 0.3,
            RewireSchedule = RewireSchedule.Constant,
            RewireEnd = 0.5,
            Seed = 2,
            NumberOfThreads = 2,
        };
        var rewired = new List<int>();
        var topologies = new List<(int, int)[][]>();
        NetworkTrainer.Train(Data, settings, onEpoch: r =>
        {
            rewired.Add(r.LinksRewired);
            topologies.Add(r.Network!.Layers.Select(l => l.GetLinks().Select(x => (x.Source, x.Target)).ToArray()).ToArray());
        });

        var initial = NetworkTrainer.CreateNetwork(Data.FeatureCount, Data.ClassCount, settings);
        // ζ of each sign of each of the two sparse layers, each count rounded: at most 4 × 0.5 off ζ × links.
        int sparseLinks = initial.Layers.SkipLast(1).Sum(l => l.LinkCount);
        rewired[0].Should().BeInRange((int)(0.3 * sparseLinks) - 2, (int)(0.3 * sparseLinks) + 2);
        rewired[1].Should().BeInRange((int)(0.3 * sparseLinks) - 2, (int)(0.3 * sparseLinks) + 2);
        rewired.Skip(2).Should().AllBeEquivalentTo(0, "rewiring stops at epoch round(6 × 0.5) = 3");
        topologies[3].Should().BeEquivalentTo(topologies[2], o => o.WithStrictOrdering());
        topologies[5].Should().BeEquivalentTo(topologies[2], o => o.WithStrictOrdering());
        topologies[1][0].Should().NotBeEquivalentTo(topologies[0][0], "the first layer rewires after epoch 2");
        topologies[0][^1].Should().BeEquivalentTo(topologies[5][^1], o => o.WithStrictOrdering(), "the dense output layer never rewires");
    }

    [Fact]
    public void The_epoch_accuracy_is_measured_before_the_rewiring()
    {
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = [100, 80], Sparsity = 0.9, Epochs = 3, BatchSize = 50, RewireFraction = 0.5,
            RewireSchedule = RewireSchedule.Constant, RewireEnd = 1, NewLinkWeightScale = 1, Seed = 2, NumberOfThreads = 2,
        };
        var reported = new List<double>();
        var afterRewiring = new List<double>();
        NetworkTrainer.Train(Data, settings, Data, r =>
        {
            reported.Add(r.ValidationAccuracy!.Value);
            afterRewiring.Add(ClassificationScore.Measure(r.Network!, Data, 2).MicroAccuracy);
        });
        // The last epoch does not rewire, so both agree there; replacing half the links at full scale moves the others.
        reported[^1].Should().Be(afterRewiring[^1]);
        reported[0].Should().NotBe(afterRewiring[0]);
    }
}
