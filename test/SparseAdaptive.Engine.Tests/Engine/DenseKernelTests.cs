using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>
/// The dense kernels and the dense weight update against naive references, the sparse kernels (the
/// <see cref="KernelPolicy.SparseKernelsOnly"/> policy, given to each propagator or plan: nothing global is switched, so
/// these tests run in parallel with any other) and other thread counts.
/// </summary>
public class DenseKernelTests
{
    private const int Lanes = BatchBuffer.BlockLanes;

    [Theory]
    [InlineData(37, 23)]   // neither a multiple of the register tile
    [InlineData(300, 13)]  // more inputs than one slice of the forward kernel
    [InlineData(64, 6)]
    public void Forward_and_input_gradient_match_a_naive_reference_and_the_sparse_kernels_bit_for_bit(int inputs, int outputs)
    {
        var layer = SmallNetworks.Random(3, 1.0, inputs, outputs).Layers[0];
        layer.IsDense.Should().BeTrue();
        var input = RandomValues(inputs * Lanes, 1);
        var outputGradient = RandomValues(outputs * Lanes, 2);
        var activation = RandomValues(inputs * Lanes, 3);

        var (denseOutput, denseGradient) = Run(layer, input, outputGradient, activation, dense: true);
        var (sparseOutput, sparseGradient) = Run(layer, input, outputGradient, activation, dense: false);

        denseOutput.Should().Equal(sparseOutput);
        denseGradient.Should().Equal(sparseGradient);
        var weights = layer.GetWeights();
        var biases = layer.GetBiases();
        for (int lane = 0; lane < Lanes; lane += 7)
        {
            for (int j = 0; j < outputs; j++)
            {
                double sum = biases[j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += (double)weights[j * inputs + i] * input[i * Lanes + lane];
                }
                denseOutput[j * Lanes + lane].Should().BeApproximately((float)Math.Max(0, sum), 1e-4f);
            }
            for (int i = 0; i < inputs; i++)
            {
                double sum = 0;
                for (int j = 0; j < outputs; j++)
                {
                    sum += (double)weights[j * inputs + i] * outputGradient[j * Lanes + lane];
                }
                float expected = activation[i * Lanes + lane] > 0 ? (float)(sum * 1.25) : 0f;
                denseGradient[i * Lanes + lane].Should().BeApproximately(expected, 1e-4f);
            }
        }
    }

    [Fact]
    public void A_dense_network_of_narrow_layers_trains_to_the_same_bits_on_the_dense_and_the_sparse_kernels()
    {
        // Layers of fewer than DenseWeightUpdate.MinRows neurons: only forward and input gradients change kernels.
        var data = SmallNetworks.Blobs(300, 40, 3, seed: 8);
        var settings = new TrainingSettings { HiddenLayerSizes = [12, 10], Sparsity = 0, BatchSize = 100 };
        var initial = NetworkTrainer.CreateNetwork(data.FeatureCount, data.ClassCount, settings);

        var dense = SmallNetworks.Serialize(TrainTwoEpochs(initial, data, KernelPolicy.Default));
        var sparse = SmallNetworks.Serialize(TrainTwoEpochs(initial, data, KernelPolicy.SparseKernelsOnly));

        dense.Should().Equal(sparse);
        dense.Should().NotEqual(SmallNetworks.Serialize(initial), "the training moved the weights");
    }

    // The trainer's steps (load, training pass with dropout, every layer's update) on a copy of the network, in batch order.
    private static SparseNetwork TrainTwoEpochs(SparseNetwork initial, LabeledSamples data, KernelPolicy kernels)
    {
        const int Batch = 100;
        var network = initial.Clone();
        var velocities = network.Layers.Select(l => new LayerVelocity(l)).ToArray();
        var propagator = new BatchPropagator(network, Batch, threads: 2, kernels: kernels);
        var step = new SgdStep(0.05f, 0.9f, 1e-4f);
        for (int batch = 0; batch < 2 * data.Count / Batch; batch++)
        {
            int[] rows = Enumerable.Range(batch * Batch % data.Count, Batch).ToArray();
            propagator.Load(data.Features, rows);
            propagator.TrainingPass(rows.Select(r => data.Labels[r]).ToArray(), dropoutRate: 0.2f, (ulong)batch);
            for (int l = network.Layers.Count - 1; l >= 0; l--)
            {
                propagator.UpdateWeights(l, velocities[l], step);
            }
        }
        return network;
    }

    [Fact]
    public void A_dense_network_trains_to_the_same_bits_on_one_and_two_threads()
    {
        var data = SmallNetworks.Blobs(400, 50, 4, seed: 9);
        TrainingSettings Settings(int threads) =>
            new() { HiddenLayerSizes = [40, 30], Sparsity = 0, Epochs = 2, BatchSize = 150, DropoutRate = 0.2f, NumberOfThreads = threads };

        var one = SmallNetworks.Serialize(NetworkTrainer.Train(data, Settings(1)));
        var two = SmallNetworks.Serialize(NetworkTrainer.Train(data, Settings(2)));

        two.Should().Equal(one);
        NetworkTrainer.Train(data, Settings(2)).Layers[0].IsDense.Should().BeTrue();
    }

    [Theory]
    [InlineData(50, 20, 1)]  // inputs past the last tile, rows past the last tile
    [InlineData(50, 20, 2)]
    [InlineData(96, 18, 2)]
    [InlineData(2100, 5, 2)] // few neurons: the sparse kernels, in slices of sources
    public void The_dense_weight_gradient_matches_a_naive_reference(int inputs, int outputs, int threads)
    {
        const int Batch = 128;
        var layer = SmallNetworks.Random(4, 1.0, inputs, outputs).Layers[0];
        KernelPolicy.Default.UpdatesDenseTiles(layer).Should().Be(outputs >= DenseWeightUpdate.MinRows);
        var before = layer.GetWeights();
        var biasesBefore = layer.GetBiases();
        var propagator = new BatchPropagator(SparseNetwork.FromLayers([layer]), Batch, threads);
        var features = RandomValues(Batch * inputs, 5);
        propagator.Load(features, Enumerable.Range(0, Batch).ToArray());
        var random = new SeededRandom(6);
        for (int j = 0; j < outputs; j++)
        {
            for (int b = 0; b < Batch; b++)
            {
                propagator.Gradients[1][j, b] = random.NextSymmetric(1f);
            }
        }

        // Learning rate 1, no momentum, no decay: the weights move by minus the gradient.
        propagator.UpdateWeights(0, new LayerVelocity(layer), new SgdStep(1f, 0f, 0f));

        var after = layer.GetWeights();
        var biasesAfter = layer.GetBiases();
        for (int j = 0; j < outputs; j++)
        {
            double biasGradient = Enumerable.Range(0, Batch).Sum(b => (double)propagator.Gradients[1][j, b]);
            (biasesBefore[j] - biasesAfter[j]).Should().BeApproximately((float)biasGradient, 1e-3f);
            for (int i = 0; i < inputs; i++)
            {
                double gradient = Enumerable.Range(0, Batch).Sum(b => (double)propagator.Gradients[1][j, b] * features[b * inputs + i]);
                (before[j * inputs + i] - after[j * inputs + i]).Should().BeApproximately((float)gradient, 1e-3f);
            }
        }
    }

    private static (float[] Output, float[] InputGradient) Run(SparseLayer layer, float[] input, float[] outputGradient, float[] activation, bool dense)
    {
        var output = new float[layer.OutputSize * Lanes];
        var inputGradient = RandomValues(layer.InputSize * Lanes, 4); // overwritten, whatever it held
        var plan = (dense ? KernelPolicy.Default : KernelPolicy.SparseKernelsOnly).Plan(layer);
        plan.Forward(input, output, Lanes, relu: true);
        plan.BackwardInputs(outputGradient, inputGradient, activation, 1.25f, Lanes);
        return (output, inputGradient);
    }

    private static float[] RandomValues(int count, int stream)
    {
        var random = new SeededRandom(17, stream);
        return Enumerable.Range(0, count).Select(_ => random.NextSymmetric(1f)).ToArray();
    }
}
