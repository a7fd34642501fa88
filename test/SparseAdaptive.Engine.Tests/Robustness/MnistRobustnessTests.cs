using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

/// <summary>Robustness of a small sparse network trained on an MNIST subset (see <see cref="TrainedMnist"/>).</summary>
public class MnistRobustnessTests
{
    private static readonly double[] Epsilons = [0, 0.02, 0.05, 0.1, 0.2];

    [Fact]
    public void Accuracy_falls_as_epsilon_grows_and_pgd_is_at_least_as_strong_as_fgsm()
    {
        var network = TrainedMnist.Network;
        var test = TrainedMnist.Test;

        var fgsm = RobustnessSweep.Fgsm(Epsilons, [0]).Run(network, test).Levels.Select(l => l.MicroAccuracy.Mean).ToArray();
        var pgd = RobustnessSweep.Pgd(Epsilons, [0]).Run(network, test).Levels.Select(l => l.MicroAccuracy.Mean).ToArray();

        fgsm[0].Should().Be(ClassificationScore.Measure(network, test, 2).MicroAccuracy).And.BeGreaterThan(0.9);
        pgd[0].Should().Be(fgsm[0]);
        fgsm.Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();
        fgsm[^1].Should().BeLessThan(0.5);
        for (int e = 1; e < Epsilons.Length; e++)
        {
            pgd[e].Should().BeLessThanOrEqualTo(fgsm[e] + 0.005, $"ε = {Epsilons[e]}");
        }
    }

    [Fact]
    public void Gaussian_noise_hurts_far_less_than_an_attack_of_the_same_size()
    {
        var network = TrainedMnist.Network;
        var test = TrainedMnist.Test;

        double noisy = RobustnessSweep.GaussianNoise([0.1], [1, 2]).Run(network, test).Levels[0].MicroAccuracy.Mean;
        double attacked = RobustnessSweep.Fgsm([0.1], [1]).Run(network, test).Levels[0].MicroAccuracy.Mean;

        noisy.Should().BeGreaterThan(0.85);
        attacked.Should().BeLessThan(noisy - 0.2);
    }

    [Fact]
    public void Removing_every_hidden_link_leaves_chance_level_accuracy()
    {
        var network = TrainedMnist.Network;
        var test = TrainedMnist.Test;

        var score = RobustnessSweep.LinkRemoval([1.0], [3]).Run(network, test).Runs[0].Score;

        // Every input then gets the same scores: one class is always right, the nine others never.
        score.MacroAccuracy.Should().BeApproximately(0.1, 1e-12);
        int[] shares = test.Labels.GroupBy(l => l).Select(g => g.Count()).ToArray();
        shares.Select(n => (double)n / test.Count).Should().Contain(score.MicroAccuracy);
    }

    [Fact]
    public void A_removal_sweep_degrades_gracefully_and_repeats_exactly_with_the_same_seeds()
    {
        var network = TrainedMnist.Network;
        var test = TrainedMnist.Test;
        var sweep = RobustnessSweep.LinkRemoval([0, 0.3, 0.6, 0.9], [1, 2, 3]);

        var result = sweep.Run(network, test, threads: 2);
        var again = sweep.Run(network, test, threads: 1);

        again.Runs.Should().Equal(result.Runs);
        result.Runs.Should().HaveCount(12);
        var levels = result.Levels;
        levels.Select(l => l.Strength).Should().Equal(0, 0.3, 0.6, 0.9);
        // The mean of three equal accuracies need not round back to the accuracy itself.
        levels[0].MicroAccuracy.Mean.Should().BeApproximately(ClassificationScore.Measure(network, test, 2).MicroAccuracy, 1e-12);
        levels[0].MicroAccuracy.StandardDeviation.Should().BeApproximately(0, 1e-12);
        levels.Select(l => l.MicroAccuracy.Mean).Should().BeInDescendingOrder();
        levels.Select(l => l.LogLoss.Mean).Should().BeInAscendingOrder();
        levels[2].MicroAccuracy.StandardDeviation.Should().BePositive("different seeds remove different links");
        levels[3].MicroAccuracy.Mean.Should().BeLessThan(levels[0].MicroAccuracy.Mean - 0.05);
    }

    [Fact]
    public void Log_loss_is_the_mean_cross_entropy_of_the_predicted_probabilities()
    {
        var network = TrainedMnist.Network;
        var test = TrainedMnist.Test;
        var probabilities = new float[10];
        double expected = Enumerable.Range(0, test.Count).Average(s =>
        {
            network.Predict(test.GetFeatures(s), probabilities);
            return -Math.Log(probabilities[test.GetLabel(s)]);
        });

        var score = ClassificationScore.Measure(network, test.Features, test.Labels, 2);

        score.LogLoss.Should().BeApproximately(expected, 1e-9);
    }
}
