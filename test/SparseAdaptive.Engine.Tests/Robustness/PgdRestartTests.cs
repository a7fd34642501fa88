using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class PgdRestartTests
{
    private static readonly SparseNetwork Network = SmallNetworks.Random(seed: 8, density: 0.5, 12, 10, 8, 4);
    private static readonly LabeledSamples Samples = UnitBlobs.Create(150, 12, 4, seed: 2, spread: 0.4f);

    [Fact]
    public void Each_sample_keeps_the_first_restart_unless_a_later_one_pushes_it_further_past_its_class()
    {
        const float epsilon = 0.08f;
        float[] single = new PgdAttack(epsilon, iterations: 3).Apply(Network, Samples, seed: 5);
        float[] restarted = new PgdAttack(epsilon, iterations: 3, restarts: 4).Apply(Network, Samples, seed: 5);

        var singleMargins = Margins(single);
        var restartedMargins = Margins(restarted);
        int improved = 0;
        for (int s = 0; s < Samples.Count; s++)
        {
            var first = single.AsSpan(s * 12, 12).ToArray();
            var kept = restarted.AsSpan(s * 12, 12).ToArray();
            if (kept.SequenceEqual(first))
            {
                continue;
            }
            restartedMargins[s].Should().BeGreaterThan(singleMargins[s], $"sample {s} left its first restart only for a better one");
            improved++;
        }
        improved.Should().BeGreaterThan(10, "with a short attack, later random starts often do better");
        for (int i = 0; i < restarted.Length; i++)
        {
            Math.Abs(restarted[i] - Samples.Features[i]).Should().BeLessThanOrEqualTo(epsilon * 1.0001f);
        }
    }

    [Fact]
    public void Restarts_do_not_depend_on_threads_batches_or_sample_order()
    {
        var attack = new PgdAttack(0.1f, iterations: 3, restarts: 3);

        float[] one = attack.Apply(Network, Samples, seed: 9, threads: 1);
        float[] two = attack.Apply(Network, Samples, seed: 9, threads: 2);
        var firstFive = new LabeledSamples(Samples.Features[..(5 * 12)], Samples.Labels[..5], 12, 4);

        two.Should().Equal(one);
        attack.Apply(Network, firstFive, seed: 9, threads: 1).Should().Equal(one[..(5 * 12)]);
    }

    [Fact]
    public void One_restart_is_the_plain_attack_and_a_sweep_is_named_by_its_steps_and_restarts()
    {
        new PgdAttack(0.1f, iterations: 4, restarts: 1).Apply(Network, Samples, seed: 3)
            .Should().Equal(new PgdAttack(0.1f, iterations: 4).Apply(Network, Samples, seed: 3));
        RobustnessSweep.PgdWithRestarts([0.1], [0], iterations: 40, restarts: 5).Name.Should().Be("PGD, 40 steps × 5 restarts");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-2, true)]
    [InlineData(2, false)]
    public void Bad_restarts_are_rejected(int restarts, bool randomStart)
    {
        new Action(() => _ = new PgdAttack(0.1f, randomStart: randomStart, restarts: restarts)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("restarts");
    }

    // The margin AttackBatch computes: the best other class's logit minus the true class's.
    private static float[] Margins(float[] features)
    {
        var batch = new AttackBatch(Network, Samples.Count, threads: 1);
        batch.Load(features, Enumerable.Range(0, Samples.Count).ToArray(), Samples.Labels, seed: 0, predictClasses: true);
        var margins = new float[Samples.Count];
        batch.AttackMargins(margins);
        return margins;
    }
}
