using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class InputPerturbationTests
{
    private const int Features = 12;
    private const int Classes = 4;

    private static SparseNetwork Network() => SmallNetworks.Random(seed: 8, density: 0.5, Features, 10, 8, Classes);

    private static LabeledSamples UnitSamples(int count, int seed) => SmallNetworks.UnitSamples(count, Features, Classes, seed);

    public static TheoryData<InputPerturbation> ZeroStrengths => new()
    {
        new FgsmAttack(0f),
        new PgdAttack(0f, stepSize: 0.01f, iterations: 3),
        new GaussianNoise(0f),
    };

    public static TheoryData<InputPerturbation> RandomPerturbations => new()
    {
        new PgdAttack(0.1f, iterations: 4, randomStart: true),
        new GaussianNoise(0.2f),
    };

    [Fact]
    public void The_input_gradient_matches_finite_differences_of_each_samples_loss()
    {
        var network = Network();
        var samples = UnitSamples(5, seed: 1);
        var batch = new AttackBatch(network, capacity: 5, threads: 1);
        int[] rows = [0, 1, 2, 3, 4];
        batch.Load(samples.Features, rows, samples.Labels, seed: 0, predictClasses: true);
        batch.ComputeInputGradient();

        for (int s = 0; s < rows.Length; s++)
        {
            for (int f = 0; f < Features; f++)
            {
                float analytic = batch.InputGradient[f, s];
                double numeric = NumericGradient(network, samples, s, f);
                analytic.Should().BeApproximately((float)numeric, 2e-3f + 2e-2f * (float)Math.Abs(numeric), $"sample {s}, feature {f}");
            }
        }
        Enumerable.Range(0, Features).SelectMany(f => Enumerable.Range(0, rows.Length).Select(s => batch.InputGradient[f, s])).Should().Contain(g => Math.Abs(g) > 0.01f, "the check must compare real gradients");
    }

    [Theory]
    [MemberData(nameof(ZeroStrengths))]
    public void Zero_strength_leaves_features_and_scores_bit_identical(InputPerturbation perturbation)
    {
        var network = Network();
        var samples = UnitSamples(300, seed: 2);

        float[] perturbed = perturbation.Apply(network, samples, seed: 5);

        perturbed.Select(BitConverter.SingleToInt32Bits).Should().Equal(samples.Features.Select(BitConverter.SingleToInt32Bits));
        ClassificationScore.Measure(network, perturbed, samples.Labels, 1)
            .Should().Be(ClassificationScore.Measure(network, samples.Features, samples.Labels, 1));
    }

    [Fact]
    public void Fgsm_moves_every_feature_by_epsilon_within_the_range_and_raises_the_loss()
    {
        var network = Network();
        var samples = UnitSamples(200, seed: 3);
        const float epsilon = 0.05f;

        float[] attacked = new FgsmAttack(epsilon).Apply(network, samples);

        int moved = 0;
        for (int i = 0; i < attacked.Length; i++)
        {
            attacked[i].Should().BeInRange(0f, 1f);
            float change = Math.Abs(attacked[i] - samples.Features[i]);
            change.Should().BeLessThanOrEqualTo(epsilon * 1.0001f);
            moved += change > epsilon * 0.999f ? 1 : 0;
        }
        moved.Should().BeGreaterThan(attacked.Length * 8 / 10, "features away from the range's ends move by the full ε");
        LossPerSample(network, attacked, samples).Zip(LossPerSample(network, samples.Features, samples))
            .Count(p => p.First > p.Second).Should().BeGreaterThan(190, "a small step along the gradient sign raises the loss");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pgd_stays_in_the_epsilon_ball_and_the_range_and_beats_fgsm_on_loss(bool randomStart)
    {
        var network = Network();
        var samples = UnitSamples(200, seed: 4);
        const float epsilon = 0.1f;

        float[] attacked = new PgdAttack(epsilon, iterations: 20, randomStart: randomStart).Apply(network, samples, seed: 1);
        float[] fgsm = new FgsmAttack(epsilon).Apply(network, samples);

        for (int i = 0; i < attacked.Length; i++)
        {
            attacked[i].Should().BeInRange(0f, 1f);
            Math.Abs(attacked[i] - samples.Features[i]).Should().BeLessThanOrEqualTo(epsilon * 1.0001f);
        }
        LossPerSample(network, attacked, samples).Average().Should().BeGreaterThan(LossPerSample(network, fgsm, samples).Average());
    }

    [Fact]
    public void Gaussian_noise_has_the_requested_standard_deviation()
    {
        var network = Network();
        var samples = UnitSamples(2000, seed: 5);
        var wide = new FeatureRange(-100f, 100f);

        float[] noisy = new GaussianNoise(0.3f, wide).Apply(network, samples, seed: 3);

        var noise = noisy.Zip(samples.Features, (a, b) => (double)a - b).ToArray();
        noise.Average().Should().BeApproximately(0, 0.01);
        Math.Sqrt(noise.Average(n => n * n)).Should().BeApproximately(0.3, 0.006);
    }

    [Theory]
    [MemberData(nameof(RandomPerturbations))]
    public void A_sample_gets_the_same_result_alone_in_a_batch_and_on_any_thread_count(InputPerturbation perturbation)
    {
        var network = Network();
        var samples = UnitSamples(300, seed: 6);

        float[] batched = perturbation.Apply(network, samples, seed: 9, threads: 2);
        float[] single = perturbation.Apply(network, samples, seed: 9, threads: 1);

        single.Should().Equal(batched);
        foreach (int s in new[] { 0, 137, 299 })
        {
            var alone = new LabeledSamples(samples.GetFeatures(s).ToArray(), [samples.GetLabel(s)], Features, Classes);
            perturbation.Apply(network, alone, seed: 9).Should().Equal(batched.AsSpan(s * Features, Features).ToArray(), $"sample {s}");
        }
    }

    [Theory]
    [MemberData(nameof(RandomPerturbations))]
    public void The_same_seed_gives_the_same_features_and_another_seed_others(InputPerturbation perturbation)
    {
        var network = Network();
        var samples = UnitSamples(100, seed: 7);

        perturbation.Apply(network, samples, seed: 1).Should().Equal(perturbation.Apply(network, samples, seed: 1));
        perturbation.Apply(network, samples, seed: 2).Should().NotEqual(perturbation.Apply(network, samples, seed: 1));
    }

    [Fact]
    public void Without_labels_attacks_push_away_from_the_predicted_class()
    {
        var network = Network();
        var samples = UnitSamples(100, seed: 8);
        int[] predicted = Enumerable.Range(0, samples.Count).Select(s => PredictedClass(network, samples.GetFeatures(s))).ToArray();
        var asPredicted = new LabeledSamples(samples.Features, predicted, Features, Classes);

        new FgsmAttack(0.1f).Apply(network, samples.Features).Should().Equal(new FgsmAttack(0.1f).Apply(network, asPredicted));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_bad_epsilon_or_sigma_is_rejected(float value)
    {
        new Action(() => _ = new FgsmAttack(value)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("epsilon");
        new Action(() => _ = new PgdAttack(value)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("epsilon");
        new Action(() => _ = new GaussianNoise(value)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("standardDeviation");
    }

    [Theory]
    [InlineData(0, null, "iterations")]
    [InlineData(-3, null, "iterations")]
    [InlineData(10, 0f, "stepSize")]
    [InlineData(10, -0.01f, "stepSize")]
    [InlineData(10, float.NaN, "stepSize")]
    public void Bad_pgd_settings_are_rejected(int iterations, float? stepSize, string parameter)
    {
        new Action(() => _ = new PgdAttack(0.1f, stepSize, iterations)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Features_of_the_wrong_size_or_outside_the_range_are_rejected()
    {
        var network = Network();
        var attack = new FgsmAttack(0.1f);

        attack.Invoking(a => a.Apply(network, new float[Features * 3 + 1])).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "features" && e.Message.Contains("12 inputs"));
        var samples = UnitSamples(10, seed: 9);
        samples.Features[5 * Features + 3] = 1.5f;
        attack.Invoking(a => a.Apply(network, samples)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "features" && e.Message.Contains("Sample 5, feature 3 is 1.5, outside the valid range [0, 1]"));
        var wider = new LabeledSamples(new float[2 * (Features + 1)], [0, 1], Features + 1, Classes);
        attack.Invoking(a => a.Apply(network, wider)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "samples" && e.Message.Contains("13 features but the network takes 12 inputs"));
    }

    [Fact]
    public void A_feature_range_must_be_finite_and_non_empty()
    {
        new Action(() => _ = new FeatureRange(1f, 0f)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("max");
        new Action(() => _ = new FeatureRange(float.NaN, 1f)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("min");
    }

    private static double NumericGradient(SparseNetwork network, LabeledSamples samples, int sample, int feature)
    {
        const float h = 1e-2f;
        float[] x = samples.GetFeatures(sample).ToArray();
        float original = x[feature];
        x[feature] = original + h;
        double plus = Loss(network, x, samples.GetLabel(sample));
        x[feature] = original - h;
        double minus = Loss(network, x, samples.GetLabel(sample));
        return (plus - minus) / (2 * h);
    }

    private static double Loss(SparseNetwork network, ReadOnlySpan<float> features, int label)
    {
        var probabilities = new float[network.ClassCount];
        network.Predict(features, probabilities);
        return -Math.Log(probabilities[label]);
    }

    private static double[] LossPerSample(SparseNetwork network, float[] features, LabeledSamples samples) =>
        Enumerable.Range(0, samples.Count).Select(s => Loss(network, features.AsSpan(s * Features, Features), samples.GetLabel(s))).ToArray();

    private static int PredictedClass(SparseNetwork network, ReadOnlySpan<float> features)
    {
        var probabilities = new float[network.ClassCount];
        network.Predict(features, probabilities);
        return Array.IndexOf(probabilities, probabilities.Max());
    }
}
