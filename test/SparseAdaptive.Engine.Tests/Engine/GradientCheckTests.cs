using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

public class GradientCheckTests
{
    private const int BatchCount = 5;

    [Fact]
    public void Weight_and_bias_gradients_match_finite_differences()
    {
        var network = SmallNetworks.Random(seed: 3, density: 0.5, 7, 6, 5, 3);
        var data = SmallNetworks.Blobs(BatchCount, 7, 3, seed: 4);
        int[] rows = Enumerable.Range(0, BatchCount).ToArray();

        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var (weightGradient, biasGradient) = AnalyticGradients(network, data, rows, l);
            for (int k = 0; k < layer.LinkCount; k++)
            {
                double numeric = NumericGradient(network, data, rows, () => ref layer.Weights[k]);
                weightGradient[k].Should().BeApproximately((float)numeric, 2e-3f + 2e-2f * (float)Math.Abs(numeric), $"layer {l}, link {k}");
            }
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double numeric = NumericGradient(network, data, rows, () => ref layer.Biases[j]);
                biasGradient[j].Should().BeApproximately((float)numeric, 2e-3f + 2e-2f * (float)Math.Abs(numeric), $"layer {l}, bias {j}");
            }
        }
    }

    [Fact]
    public void Input_gradients_match_finite_differences()
    {
        var network = SmallNetworks.Random(seed: 5, density: 0.4, 8, 6, 6, 4);
        var data = SmallNetworks.Blobs(BatchCount, 8, 4, seed: 6);
        int[] rows = Enumerable.Range(0, BatchCount).ToArray();

        var propagator = new BatchPropagator(network, BatchCount, threads: 1, BatchGradients.LayersAndInputs);
        propagator.Load(data.Features, rows);
        propagator.Forward();
        propagator.SoftmaxCrossEntropy(data.Labels);
        for (int l = network.Layers.Count - 1; l >= 0; l--)
        {
            propagator.BackwardInputs(l);
        }

        for (int s = 0; s < BatchCount; s++)
        {
            for (int f = 0; f < data.FeatureCount; f++)
            {
                int index = s * data.FeatureCount + f;
                double numeric = NumericGradient(network, data, rows, () => ref data.Features[index]);
                float analytic = propagator.Gradients[0][f, s];
                analytic.Should().BeApproximately((float)numeric, 2e-3f + 2e-2f * (float)Math.Abs(numeric), $"sample {s}, feature {f}");
            }
        }
    }

    private delegate ref float Parameter();

    // One SGD step with learning rate 1 and no momentum turns each parameter into (parameter − gradient).
    private static (float[] Weights, float[] Biases) AnalyticGradients(SparseNetwork network, LabeledSamples data, int[] rows, int layerIndex)
    {
        var copy = network.Clone();
        var propagator = new BatchPropagator(copy, BatchCount, threads: 1);
        propagator.Load(data.Features, rows);
        propagator.Forward();
        propagator.SoftmaxCrossEntropy(data.Labels);
        for (int l = copy.Layers.Count - 1; l > layerIndex; l--)
        {
            propagator.BackwardInputs(l);
        }
        var before = copy.Layers[layerIndex];
        float[] weights = before.GetWeights();
        float[] biases = before.GetBiases();
        propagator.UpdateWeights(layerIndex, new LayerVelocity(before), new SgdStep(1f, 0f, 0f));
        return (weights.Select((w, k) => w - before.Weights[k]).ToArray(), biases.Select((b, j) => b - before.Biases[j]).ToArray());
    }

    private static double NumericGradient(SparseNetwork network, LabeledSamples data, int[] rows, Parameter parameter)
    {
        const float h = 1e-2f;
        float original = parameter();
        parameter() = original + h;
        double plus = MeanLoss(network, data, rows);
        parameter() = original - h;
        double minus = MeanLoss(network, data, rows);
        parameter() = original;
        return (plus - minus) / (2 * h);
    }

    private static double MeanLoss(SparseNetwork network, LabeledSamples data, int[] rows)
    {
        var propagator = new BatchPropagator(network, rows.Length, threads: 1);
        propagator.Load(data.Features, rows);
        propagator.Forward();
        return propagator.SoftmaxCrossEntropy(data.Labels).LossSum / rows.Length;
    }
}
