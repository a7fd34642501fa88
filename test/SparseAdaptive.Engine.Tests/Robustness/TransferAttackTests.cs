using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class TransferAttackTests
{
    private static readonly SparseNetwork Source = SmallNetworks.Random(seed: 1, density: 0.5, 10, 12, 3);
    private static readonly SparseNetwork Target = SmallNetworks.Random(seed: 2, density: 0.5, 10, 12, 3);
    private static readonly LabeledSamples Samples = UnitBlobs.Create(90, 10, 3, seed: 4);

    [Fact]
    public void Examples_are_crafted_on_the_source_and_scored_on_the_target()
    {
        var transfer = new TransferAttack(new PgdAttack(0.2f, iterations: 5), Source);

        float[] crafted = transfer.Craft(Samples, seed: 3, threads: 1);
        var score = transfer.Score(Target, Samples, seed: 3, threads: 1);

        crafted.Should().Equal(new PgdAttack(0.2f, iterations: 5).Apply(Source, Samples, seed: 3, threads: 1));
        crafted.Should().NotEqual(new PgdAttack(0.2f, iterations: 5).Apply(Target, Samples, seed: 3, threads: 1));
        score.Should().Be(ClassificationScore.Measure(Target, crafted, Samples.Labels, 1));
    }

    [Fact]
    public void A_transfer_sweep_scores_the_crafted_examples_on_the_network_it_runs_on()
    {
        var sweep = RobustnessSweep.Transfer("FGSM", Source, e => new FgsmAttack((float)e), [0, 0.3], [0]);

        var onTarget = sweep.Run(Target, Samples, threads: 1);
        var onSource = sweep.Run(Source, Samples, threads: 1);

        onTarget.Name.Should().Be("FGSM transferred");
        onTarget.Runs[1].Score.Should().Be(new TransferAttack(new FgsmAttack(0.3f), Source).Score(Target, Samples, threads: 1));
        onTarget.Runs[0].Score.Should().Be(ClassificationScore.Measure(Target, Samples, 1), "ε = 0 leaves the samples as they are");
        onSource.Runs.Select(r => r.Score).Should().Equal(RobustnessSweep.Fgsm([0, 0.3], [0]).Run(Source, Samples, threads: 1).Runs.Select(r => r.Score),
            "transferred onto itself, the attack is the white-box one");
    }

    [Fact]
    public void A_target_of_another_shape_is_rejected()
    {
        var other = SmallNetworks.Random(seed: 2, density: 0.5, 10, 12, 4);

        new Action(() => new TransferAttack(new FgsmAttack(0.1f), Source).Score(other, Samples)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "network" && e.Message.Contains("4 classes"));
        new Action(() => _ = new TransferAttack(null!, Source)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("attack");
    }
}
