using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// For one block of <see cref="BatchBuffer.BlockLanes"/> samples, each row's <c>Σ outputGradient</c> (its bias's share of
/// the block) into <c>biasSums</c>. Every weight update adds these shares in block order (<see cref="GradientShares"/>),
/// whichever kernel computed them.
/// </summary>
internal readonly ref struct BiasGradientShares(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> biasSums) : ILayerKernel
{
    private readonly ReadOnlySpan<float> _outputGradient = outputGradient;
    private readonly Span<float> _biasSums = biasSums;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Sums<TV, TOps>(layer, _outputGradient, _biasSums);

    /// <summary>The kernel on one vector type, for kernels that compute the bias shares alongside their own.</summary>
    public static void Sums<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> biasSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            biasSums[row] = BlockDots.Sum<TV, TOps>(ref Unsafe.Add(ref gradientBase, (nint)row * BatchBuffer.BlockLanes));
        }
    }
}
