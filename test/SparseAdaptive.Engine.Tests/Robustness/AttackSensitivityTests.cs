using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class AttackSensitivityTests
{
    [Fact]
    public void The_margin_is_the_label_logit_minus_the_largest_other_logit()
    {
        // x = (0.5, 0.25): h = ReLU(1.1, −0.05) = (1.1, 0), z = (2.2, −0.6, 0.65).
        // x = (0, 1): h = (2.1, 1.2), z = (4.2 − 1.2, −2.1 + 3.6 + 0.5, 1.05 + 0.1) = (3, 2, 1.15).
        var samples = new LabeledSamples([0.5f, 0.25f, 0.5f, 0.25f, 0f, 1f, 0f, 1f], [0, 2, 1, 0], featureCount: 2, classCount: 3);

        var sensitivity = AttackSensitivity.Of(Tiny(), samples, threads: 1);

        sensitivity.LogitMargins.Should().HaveCount(4);
        sensitivity.LogitMargins[0].Should().BeApproximately(2.2 - 0.65, 1e-6, "class 0 is right, class 2 the closest other");
        sensitivity.LogitMargins[1].Should().BeApproximately(0.65 - 2.2, 1e-6, "class 2 is wrong: a negative margin");
        sensitivity.LogitMargins[2].Should().BeApproximately(2.0 - 3.0, 1e-6);
        sensitivity.LogitMargins[3].Should().BeApproximately(3.0 - 2.0, 1e-6);
    }

    [Fact]
    public void The_gradient_norm_of_a_sample_with_one_active_neuron_is_worked_out_by_hand()
    {
        // Only h0 = x0 + 2 x1 + 0.1 is active, so ∂L/∂x = s (1, 2) with s = Σ_c (p_c − [c = label]) W1[c, 0].
        var samples = new LabeledSamples([0.5f, 0.25f], [0], featureCount: 2, classCount: 3);
        double[] logits = [2.2, -0.6, 0.65];
        double partition = logits.Sum(Math.Exp);
        double[] p = logits.Select(z => Math.Exp(z) / partition).ToArray();
        double s = (p[0] - 1) * 2 + p[1] * -1 + p[2] * 0.5;

        AttackSensitivity.Of(Tiny(), samples).InputGradientL1Norms[0].Should().BeApproximately(3 * Math.Abs(s), 1e-6);
    }

    [Fact]
    public void The_gradient_norm_matches_central_differences_of_the_loss()
    {
        var network = SmallNetworks.Random(seed: 3, density: 0.6, 8, 12, 10, 4);
        var samples = SmallNetworks.Blobs(40, 8, 4, seed: 5);
        const double step = 1e-5;

        var norms = AttackSensitivity.Of(network, samples).InputGradientL1Norms;

        for (int sample = 0; sample < samples.Count; sample++)
        {
            double[] x = samples.GetFeatures(sample).ToArray().Select(v => (double)v).ToArray();
            int label = samples.GetLabel(sample);
            double estimate = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double[] up = (double[])x.Clone();
                double[] down = (double[])x.Clone();
                up[i] += step;
                down[i] -= step;
                estimate += Math.Abs(Loss(network, up, label) - Loss(network, down, label)) / (2 * step);
            }
            norms[sample].Should().BeApproximately(estimate, 1e-4 * Math.Max(1, estimate), $"sample {sample}");
        }
        norms.Should().Contain(n => n > 0.1, "the test needs gradients that are not vanishingly small");
    }

    [Fact]
    public void Results_do_not_depend_on_the_threads_or_the_other_samples()
    {
        var network = SmallNetworks.Random(seed: 4, density: 0.5, 8, 16, 12, 3);
        var samples = SmallNetworks.Blobs(300, 8, 3, seed: 6);

        var one = AttackSensitivity.Of(network, samples, threads: 1);
        var two = AttackSensitivity.Of(network, samples, threads: 2);
        var alone = AttackSensitivity.Of(network, samples.Take(1), threads: 1);

        two.InputGradientL1Norms.Should().Equal(one.InputGradientL1Norms);
        two.LogitMargins.Should().Equal(one.LogitMargins);
        alone.InputGradientL1Norms[0].Should().Be(one.InputGradientL1Norms[0]);
        alone.LogitMargins[0].Should().Be(one.LogitMargins[0]);
        one.LogitMargins.Should().Contain(m => m > 0).And.Contain(m => m < 0, "some samples are right and some wrong");
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        var wrongFeatures = new LabeledSamples([0f, 1f, 1f], [0], featureCount: 3, classCount: 3);

        new Action(() => AttackSensitivity.Of(Tiny(), wrongFeatures)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "samples" && e.Message.Contains("3 features"));
        new Action(() => AttackSensitivity.Of(Tiny(), new LabeledSamples([0f, 1f], [0], 2, 3), threads: -1)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("threads");
    }

    // 2 inputs → 2 ReLU neurons → 3 classes: h0 = x0 + 2 x1 + 0.1, h1 = −x0 + x1 + 0.2;
    // z0 = 2 h0 − h1, z1 = −h0 + 3 h1 + 0.5, z2 = 0.5 h0 + 0.1.
    private static SparseNetwork Tiny() => SparseNetwork.FromLayers(
    [
        SparseLayer.FromLinks(2, 2, [new Link(0, 0, 1f), new Link(1, 0, 2f), new Link(0, 1, -1f), new Link(1, 1, 1f)], [0.1f, 0.2f]),
        SparseLayer.FromLinks(2, 3, [new Link(0, 0, 2f), new Link(1, 0, -1f), new Link(0, 1, -1f), new Link(1, 1, 3f), new Link(0, 2, 0.5f)], [0f, 0.5f, 0.1f]),
    ]);

    // The cross-entropy of one sample, with the network's weights but in double precision and written independently of the engine.
    private static double Loss(SparseNetwork network, double[] features, int label)
    {
        double[] values = features;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            double[] next = layer.GetBiases().Select(b => (double)b).ToArray();
            foreach (var link in layer.GetLinks())
            {
                next[link.Target] += link.Weight * values[link.Source];
            }
            values = l < network.Layers.Count - 1 ? next.Select(v => Math.Max(v, 0)).ToArray() : next;
        }
        double largest = values.Max();
        return largest + Math.Log(values.Sum(z => Math.Exp(z - largest))) - values[label];
    }
}
