using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>Tests that switch <see cref="LayerKernels.UseDenseKernels"/> run alone, so no other test sees the switch turned.</summary>
[CollectionDefinition(nameof(KernelSwitchCollection), DisableParallelization = true)]
public class KernelSwitchCollection;

/// <summary>The dense kernels against a naive reference and against the sparse kernels on the same fully connected layer.</summary>
[Collection(nameof(KernelSwitchCollection))]
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
    public void A_dense_network_trains_to_the_same_bits_on_the_dense_and_the_sparse_kernels()
    {
        var data = SmallNetworks.Blobs(300, 40, 3, seed: 8);
        var settings = new TrainingSettings { HiddenLayerSizes = [30, 20], Sparsity = 0, Epochs = 2, BatchSize = 100, NumberOfThreads = 2 };

        var dense = SmallNetworks.Serialize(NetworkTrainer.Train(data, settings));
        LayerKernels.UseDenseKernels = false;
        try
        {
            var sparse = SmallNetworks.Serialize(NetworkTrainer.Train(data, settings));
            dense.Should().Equal(sparse);
        }
        finally
        {
            LayerKernels.UseDenseKernels = true;
        }
    }

    private static (float[] Output, float[] InputGradient) Run(SparseLayer layer, float[] input, float[] outputGradient, float[] activation, bool dense)
    {
        var output = new float[layer.OutputSize * Lanes];
        var inputGradient = RandomValues(layer.InputSize * Lanes, 4); // overwritten, whatever it held
        LayerKernels.UseDenseKernels = dense;
        try
        {
            LayerKernels.Forward(layer, input, output, Lanes, relu: true);
            LayerKernels.BackwardInputs(layer, outputGradient, inputGradient, activation, 1.25f, Lanes);
        }
        finally
        {
            LayerKernels.UseDenseKernels = true;
        }
        return (output, inputGradient);
    }

    private static float[] RandomValues(int count, int stream)
    {
        var random = new SeededRandom(17, stream);
        return Enumerable.Range(0, count).Select(_ => random.NextSymmetric(1f)).ToArray();
    }
}
