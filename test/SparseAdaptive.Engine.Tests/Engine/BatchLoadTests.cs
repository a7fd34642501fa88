using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>Loading a batch transposes samples into blocks (8 × 8 tiles in registers, the rest element by element).</summary>
public class BatchLoadTests
{
    [Theory]
    [InlineData(64, 130)]  // whole tiles of features; two full blocks and two samples
    [InlineData(53, 77)]   // features and samples past the last tile
    public void Every_value_lands_at_its_neuron_and_sample_and_the_padding_is_zero(int features, int count)
    {
        var network = SmallNetworks.Random(1, 1.0, features, 3);
        var propagator = new BatchPropagator(network, 192, threads: 2);
        var random = new SeededRandom(2);
        var data = Enumerable.Range(0, 300 * features).Select(_ => random.NextSymmetric(1f)).ToArray();
        var rows = Enumerable.Range(0, count).Select(_ => random.NextInt(300)).ToArray();
        var input = propagator.Activations[0];
        for (int block = 0; block < propagator.Blocks; block++)
        {
            input.Block(block).Fill(float.NaN);
        }

        propagator.Load(data, rows);

        for (int b = 0; b < 192; b++)
        {
            for (int i = 0; i < features; i++)
            {
                float expected = b < count ? data[rows[b] * features + i] : 0f;
                bool loadedBlock = b < (count + BatchBuffer.BlockLanes - 1) / BatchBuffer.BlockLanes * BatchBuffer.BlockLanes;
                if (loadedBlock)
                {
                    input[i, b].Should().Be(expected);
                }
            }
        }
    }

    [Fact]
    public void A_sample_outside_the_features_is_refused()
    {
        var propagator = new BatchPropagator(SmallNetworks.Random(1, 1.0, 8, 2), 16, threads: 1);
        var act = () => propagator.Load(new float[8 * 4], new[] { 0, 4 });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_dense_update_transposition_puts_each_value_at_its_sample_in_its_panel()
    {
        const int Neurons = 45, Lanes = BatchBuffer.BlockLanes;
        int panel = DenseWeightUpdate.PanelWidth;
        var block = Enumerable.Range(0, Neurons * Lanes).Select(v => (float)v).ToArray();
        var transposed = new float[DenseWeightUpdate.TransposedLength(Neurons)];

        DenseWeightUpdate.Transpose(block, transposed, Neurons);

        for (int i = 0; i < Neurons; i++)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                transposed[i / panel * panel * Lanes + lane * panel + i % panel].Should().Be(block[i * Lanes + lane]);
            }
        }
    }
}
