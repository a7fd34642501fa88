using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class SweepStructureTests
{
    private static readonly LabeledSamples Samples = new([0.1f, 0.5f, 0.9f, 0.7f, 0.2f, 0.4f], [0, 1], 3, 2);

    [Fact]
    public void Removing_hubs_by_degree_is_seen_in_the_structure_of_each_level()
    {
        var network = HandMadeNetworks.Hubs();

        var levels = RobustnessSweep.NeuronRemoval([0, 0.5, 0.75], [1, 2], NeuronOrder.HighestDegreeFirst).Run(network, Samples, threads: 1).Levels;

        // Intact: 15 links over 4 hidden neurons. Without 0 and 2: inputs 0→1→class 0, 1 and 2→3→class 1 still
        // reach; 6 links. Without 0, 2 and 3: only input 0 reaches, through neuron 1; 2 links.
        Structure(levels[0]).Should().Be((1.0, 1.0, 15.0 / 4, 15.0));
        Structure(levels[1]).Should().Be((1.0, 0.5, 6.0 / 4, 6.0));
        Structure(levels[2]).Should().Be((1.0 / 3, 0.25, 2.0 / 4, 2.0));
        levels.Should().OnlyContain(l => l.Structure!.HiddenOnPathShare.StandardDeviation == 0, "a ranked removal is the same for every seed");
    }

    [Fact]
    public void Hubs_by_strength_cut_other_paths_than_hubs_by_degree()
    {
        var network = HandMadeNetworks.Hubs();

        var level = RobustnessSweep.NeuronRemoval([0.5], [1], NeuronOrder.HighestStrengthFirst).Run(network, Samples, threads: 1).Levels[0];

        // Without 1 and 3 every input still reaches a class through 0 (and 1, 2 through 2); 9 links.
        Structure(level).Should().Be((1.0, 0.5, 9.0 / 4, 9.0));
    }

    [Fact]
    public void Each_run_carries_the_structure_of_its_network_and_each_level_the_mean_over_seeds()
    {
        var network = SmallNetworks.Random(seed: 3, density: 0.15, 20, 12, 10, 3);
        var samples = SmallNetworks.Blobs(30, 20, 3, seed: 1);
        int[] seeds = [1, 2, 3, 4];

        var result = RobustnessSweep.LinkRemoval([0.5, 0.8], seeds, LayerScope.Hidden).Run(network, samples, threads: 1);

        for (int level = 0; level < 2; level++)
        {
            double fraction = result.Levels[level].Strength;
            var expected = seeds.Select(s => StructureMetrics.Of(new LinkRemoval(fraction).Apply(network, s))).ToArray();
            result.Runs.Skip(4 * level).Take(4).Select(r => r.Structure!.Value).Should().Equal(expected);
            var summary = result.Levels[level].Structure!;
            summary.InputReachShare.Mean.Should().BeApproximately(expected.Average(e => e.InputReachShare), 1e-15);
            summary.HiddenOnPathShare.Mean.Should().BeApproximately(expected.Average(e => e.HiddenOnPathShare), 1e-15);
            summary.MeanHiddenDegree.Mean.Should().BeApproximately(expected.Average(e => e.MeanHiddenDegree), 1e-12);
            summary.LinkCount.Mean.Should().Be(expected.Average(e => (double)e.LinkCount));
        }
        result.Levels[1].Structure!.InputReachShare.Mean.Should().BeLessThan(1, "80% of a 15% dense network cuts some inputs off");
        result.Levels[1].Structure!.InputReachShare.StandardDeviation.Should().BePositive("different seeds cut different inputs off");
    }

    [Fact]
    public void Input_perturbations_report_the_structure_of_the_unperturbed_network()
    {
        var network = HandMadeNetworks.Hubs();

        var level = RobustnessSweep.Fgsm([0.1], [0]).Run(network, Samples, threads: 1).Levels[0];

        Structure(level).Should().Be((1.0, 1.0, 15.0 / 4, 15.0));
    }

    private static (double, double, double, double) Structure(SweepLevel level) =>
        (level.Structure!.InputReachShare.Mean, level.Structure.HiddenOnPathShare.Mean, level.Structure.MeanHiddenDegree.Mean, level.Structure.LinkCount.Mean);
}
