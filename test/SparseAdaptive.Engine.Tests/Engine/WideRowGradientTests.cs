using System.Runtime.Intrinsics;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>
/// The grouped lane sums of <see cref="WideRowGradients"/> against each link's dot product summed on its own with
/// <c>Vector512.Sum</c> (512-bit machines only: elsewhere the kernel does not run).
/// </summary>
public class WideRowGradientTests
{
    private const int Lanes = BatchBuffer.BlockLanes;

    [Avx512Theory]
    [InlineData(37, 3)]
    [InlineData(1100, 2)]
    [InlineData(16, 10)]
    public void Grouped_sums_equal_one_sum_per_link_bit_for_bit_on_512_bit_vectors(int inputs, int outputs)
    {
        var (layer, input, gradient) = Fixture(inputs, outputs);
        var sums = new float[layer.LinkCount];

        WideRowGradients.Compute(layer, input, gradient, sums);

        sums.Should().Equal(Expected(layer, input, gradient, Dot512));
    }

    [Avx512Theory]
    [InlineData(20, 3)]
    [InlineData(40, 17)]
    public void A_sparse_layer_is_refused(int inputs, int outputs)
    {
        var layer = SmallNetworks.Random(2, 0.5, inputs, outputs, 2).Layers[0];
        layer.IsDense.Should().BeFalse();
        var act = () => WideRowGradients.Compute(layer, new float[inputs * Lanes], new float[outputs * Lanes], new float[layer.LinkCount]);
        act.Should().Throw<ArgumentException>().WithMessage("*dense layer*");
    }

    private static (SparseLayer Layer, float[] Input, float[] Gradient) Fixture(int inputs, int outputs)
    {
        var layer = SmallNetworks.Random(5, 1.0, inputs, outputs).Layers[0];
        var random = new SeededRandom(23);
        // Magnitudes over many binades, so that a different order of additions would show in the last bits.
        float Value() => random.NextSymmetric(1f) * MathF.Pow(2f, random.NextInt(24) - 12);
        var input = Enumerable.Range(0, inputs * Lanes).Select(_ => Value()).ToArray();
        var gradient = Enumerable.Range(0, outputs * Lanes).Select(_ => Value()).ToArray();
        return (layer, input, gradient);
    }

    private static float[] Expected(SparseLayer layer, float[] input, float[] gradient, Func<float[], float[], float> dot)
    {
        var expected = new float[layer.LinkCount];
        for (int row = 0; row < layer.OutputSize; row++)
        {
            var g = gradient.AsSpan(row * Lanes, Lanes).ToArray();
            for (int i = 0; i < layer.InputSize; i++)
            {
                expected[row * layer.InputSize + i] = dot(g, input.AsSpan(i * Lanes, Lanes).ToArray());
            }
        }
        return expected;
    }

    // Even vectors of the block into one accumulator, odd into the other, then the sum across the vector.
    private static float Dot512(float[] g, float[] x)
    {
        var even = Vector512<float>.Zero;
        var odd = Vector512<float>.Zero;
        for (int c = 0; c < Lanes; c += 32)
        {
            even = Vector512.FusedMultiplyAdd(Vector512.Create(g.AsSpan(c, 16)), Vector512.Create(x.AsSpan(c, 16)), even);
            odd = Vector512.FusedMultiplyAdd(Vector512.Create(g.AsSpan(c + 16, 16)), Vector512.Create(x.AsSpan(c + 16, 16)), odd);
        }
        return Vector512.Sum(even + odd);
    }
}
