using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>The dropout mask: the same whichever code path draws it, and the same applied inside the forward kernels as after them.</summary>
public class DropoutTests
{
    private const int Lanes = BatchBuffer.BlockLanes;

    [Fact]
    public void The_vector_path_draws_the_same_mask_and_scale_as_the_one_value_path()
    {
        var dropout = new Dropout(0.3f, 0xDEADBEEFUL);
        const int Count = 4 * Lanes + 5; // whole vectors and a tail
        var values = Enumerable.Range(0, Count).Select(i => 1f + i).ToArray();

        dropout.Apply(values, neuron: 7, firstSample: 128);

        for (int b = 0; b < Count; b++)
        {
            var one = new[] { 1f + b };
            dropout.Apply(one, neuron: 7, firstSample: 128 + b);
            values[b].Should().Be(one[0], $"sample {128 + b}");
        }
        values.Should().OnlyContain(v => v == 0f || v > 1f);
    }

    [Fact]
    public void About_the_rate_is_dropped_and_the_rest_scaled_up()
    {
        var dropout = new Dropout(0.3f, 42);
        var values = Enumerable.Repeat(1f, 20_000).ToArray();

        dropout.Apply(values, neuron: 3, firstSample: 0);

        values.Count(v => v == 0f).Should().BeInRange(5_700, 6_300);
        values.Where(v => v != 0f).Should().OnlyContain(v => v == 1f / 0.7f);
    }

    [Theory]
    [InlineData(0.3)] // sparse kernels
    [InlineData(1.0)] // dense kernels
    public void Dropout_inside_the_forward_kernel_equals_dropout_applied_after_it(double density)
    {
        var layer = SmallNetworks.Random(6, density, 50, 40, 3).Layers[0];
        var random = new SeededRandom(31);
        var input = Enumerable.Range(0, 50 * Lanes).Select(_ => random.NextSymmetric(1f)).ToArray();
        var dropout = new Dropout(0.2f, 99);
        var fused = new float[40 * Lanes];
        var after = new float[40 * Lanes];

        var plan = KernelPolicy.Default.Plan(layer);
        plan.Forward(input, fused, Lanes, relu: true, dropout, firstSample: Lanes);
        plan.Forward(input, after, Lanes, relu: true);
        for (int row = 0; row < 40; row++)
        {
            dropout.Apply(after.AsSpan(row * Lanes, Lanes), row, Lanes);
        }

        fused.Should().Equal(after);
        fused.Count(v => v == 0f).Should().BeGreaterThan(after.Length / 5, "ReLU and dropout both zero some outputs");
    }
}
