using System.Runtime.CompilerServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Momentum SGD on the links of rows [rowStart, rowEnd) from the first <c>blocks</c> blocks of the input and output
/// gradient (<c>Σ_samples outputGradient·input</c>, each block's sum first, then the blocks in order: the additions
/// <see cref="GradientShares"/> makes). Must run after the layer's input gradient, which reads the old weights.
/// </summary>
internal readonly ref struct RowWeightUpdate(SparseLayer layer, BatchBuffer input, BatchBuffer outputGradient, int blocks, int rowStart, int rowEnd,
    float[] weightVelocity, SgdStep step) : ILayerKernel
{
    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Update<TV, TOps, TIndex>(layer, sources, input, outputGradient, blocks, rowStart, rowEnd, weightVelocity, step);

    private static void Update<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, BatchBuffer input, BatchBuffer outputGradient, int blocks,
        int rowStart, int rowEnd, float[] weightVelocity, SgdStep step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        const int lanes = BatchBuffer.BlockLanes;
        float[] weights = layer.Weights;
        ref float inputBase = ref input.Start;
        ref float gradientBase = ref outputGradient.Start;
        nint inputPitch = input.BlockPitch;
        nint gradientPitch = outputGradient.BlockPitch;
        var slices = new SourceSlices(layer);
        for (int from = 0; from < layer.InputSize; from += slices.Length)
        {
            for (int row = rowStart; row < rowEnd; row++)
            {
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);
                var (k, end) = slices.Links(row, from);
                for (; k + 1 < end; k += 2)
                {
                    nint x = (nint)LinkSources.Read(sources, k) * lanes;
                    nint y = (nint)LinkSources.Read(sources, k + 1) * lanes;
                    var (sumX, sumY) = BlockDots.Pair<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, x), ref Unsafe.Add(ref inputBase, y));
                    for (int block = 1; block < blocks; block++)
                    {
                        ref float blockInput = ref Unsafe.Add(ref inputBase, block * inputPitch);
                        var (nextX, nextY) = BlockDots.Pair<TV, TOps>(ref Unsafe.Add(ref g, block * gradientPitch),
                            ref Unsafe.Add(ref blockInput, x), ref Unsafe.Add(ref blockInput, y));
                        sumX += nextX;
                        sumY += nextY;
                    }
                    step.Apply(weights, weightVelocity, k, sumX);
                    step.Apply(weights, weightVelocity, k + 1, sumY);
                }
                if (k < end)
                {
                    nint x = (nint)LinkSources.Read(sources, k) * lanes;
                    float sum = BlockDots.Dot<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, x));
                    for (int block = 1; block < blocks; block++)
                    {
                        sum += BlockDots.Dot<TV, TOps>(ref Unsafe.Add(ref g, block * gradientPitch), ref Unsafe.Add(ref inputBase, block * inputPitch + x));
                    }
                    step.Apply(weights, weightVelocity, k, sum);
                }
            }
        }
    }
}
