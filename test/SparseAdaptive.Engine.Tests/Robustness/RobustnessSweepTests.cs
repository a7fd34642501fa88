using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class RobustnessSweepTests
{
    [Fact]
    public void Levels_summarise_the_runs_of_each_strength_with_the_strengths_as_given()
    {
        var network = SmallNetworks.Random(seed: 2, density: 0.5, 6, 8, 3);
        var samples = SmallNetworks.Blobs(60, 6, 3, seed: 3);

        var result = RobustnessSweep.LinkWeightShuffle([0.0, 0.3, 0.7], [4, 5, 6]).Run(network, samples, threads: 1);

        result.Name.Should().Be("link weight shuffling");
        result.Runs.Select(r => (r.Strength, r.Seed)).Should().Equal((0.0, 4), (0.0, 5), (0.0, 6), (0.3, 4), (0.3, 5), (0.3, 6), (0.7, 4), (0.7, 5), (0.7, 6));
        for (int level = 0; level < 3; level++)
        {
            var accuracies = result.Runs.Skip(3 * level).Take(3).Select(r => r.Score.MicroAccuracy).ToArray();
            double mean = accuracies.Average();
            double deviation = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 2);
            result.Levels[level].MicroAccuracy.Mean.Should().BeApproximately(mean, 1e-15);
            result.Levels[level].MicroAccuracy.StandardDeviation.Should().BeApproximately(deviation, 1e-15);
        }
        result.Levels[0].MicroAccuracy.StandardDeviation.Should().Be(0);
        RobustnessSweep.Fgsm([0.025], [0]).Run(network, new LabeledSamples(new float[6 * 2], [0, 1], 6, 3)).Levels[0].Strength.Should().Be(0.025);
    }

    [Fact]
    public void Bad_sweeps_are_rejected_when_built()
    {
        new Action(() => RobustnessSweep.LinkRemoval([], [1])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("strengths");
        new Action(() => RobustnessSweep.LinkRemoval([0.5], [])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("seeds");
        new Action(() => RobustnessSweep.LinkRemoval([0.5, 1.5], [1])).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        new Action(() => RobustnessSweep.Pgd([0.1], [1], iterations: 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("iterations");
        new Action(() => RobustnessSweep.GaussianNoise([-1], [1])).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("standardDeviation");
    }

    [Fact]
    public void Samples_that_do_not_fit_the_network_are_rejected()
    {
        var network = SmallNetworks.Random(seed: 2, density: 0.5, 6, 8, 3);
        var wrong = SmallNetworks.Blobs(10, 5, 3, seed: 3);

        RobustnessSweep.LinkRemoval([0.1], [1]).Invoking(s => s.Run(network, wrong)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "samples" && e.Message.Contains("5 features"));
    }
}
