using SparseAdaptive.Robustness;
using SparseAdaptive.Study.Findings;

namespace SparseAdaptive.Study.Tests;

public class LinkDamageTests
{
    private const string Removal = "neuron removal, hubs by degree first";

    // A network of 1,000 links whose removal left 1000, 900, 600 and 200 links at 0, 10, 20 and 40% of the neurons.
    private static RunResult Run() => new()
    {
        DataSet = DataSetName.Mnist,
        Kind = NetworkKind.Adaptive,
        Seed = 0,
        Started = DateTimeOffset.UnixEpoch,
        Epochs = [],
        BestEpoch = 0,
        CleanAccuracy = 0.9,
        NearBlankUniformShare = 0.2,
        EpochTopology = [],
        LinkCount = 1000,
        ImageRows = 28,
        ImageColumns = 28,
        Probes = [],
        TrainSeconds = 1,
        Measurement = new NetworkMeasurement(
            [new SweepResult(Removal, "fraction of neurons", [Level(0, 1000), Level(0.1, 900), Level(0.2, 600), Level(0.4, 200)], [])],
            [], new SensitivitySummary(0, [], [], 0, 0), null, null, 0),
    };

    private static SweepLevel Level(double strength, double links) =>
        new(strength, 1, new MetricSummary(0.5, 0), new MetricSummary(0.5, 0), new MetricSummary(1, 0))
        {
            Structure = new StructureSummary(new MetricSummary(1, 0), new MetricSummary(1, 0), new MetricSummary(2, 0), new MetricSummary(links, 0)),
        };

    [Fact]
    public void The_removed_share_of_each_level_counts_the_links_gone_against_the_trained_network()
    {
        LinkDamage.Removed(Run(), Removal).Should().Equal([0, 0.1, 0.4, 0.8], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.1, 0.1)]
    [InlineData(0.15, 0.25)]
    [InlineData(0.3, 0.6)]
    [InlineData(0.4, 0.8)]
    public void The_share_at_a_strength_between_levels_is_interpolated_linearly(double strength, double removed)
    {
        LinkDamage.At(Run(), Removal, strength).Should().BeApproximately(removed, 1e-12);
    }

    [Fact]
    public void There_is_no_share_at_the_critical_fraction_of_a_curve_that_never_halves_or_of_a_removal_not_run()
    {
        LinkDamage.AtCriticalFraction(Run(), Removal).Should().BeNull("the accuracy stays at its clean value");
        LinkDamage.AtCriticalFraction(Run(), "neuron removal, random").Should().BeNull("the run was not put through it");
    }
}
