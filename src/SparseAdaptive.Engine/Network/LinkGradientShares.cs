using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// For one block of <see cref="BatchBuffer.BlockLanes"/> samples, each link's <c>Σ outputGradient·input</c> into
/// <c>linkSums</c>, summed exactly as <see cref="RowWeightUpdate"/> sums one block (<see cref="BlockDots"/>).
/// </summary>
internal readonly ref struct LinkGradientShares(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> linkSums)
    : ILayerKernel
{
    private readonly ReadOnlySpan<float> _input = input;
    private readonly ReadOnlySpan<float> _outputGradient = outputGradient;
    private readonly Span<float> _linkSums = linkSums;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Sums<TV, TOps, TIndex>(layer, sources, _input, _outputGradient, _linkSums);

    private static void Sums<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input,
        ReadOnlySpan<float> outputGradient, Span<float> linkSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        const int lanes = BatchBuffer.BlockLanes;
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float sums = ref MemoryMarshal.GetReference(linkSums);
        var slices = new SourceSlices(layer);
        for (int from = 0; from < layer.InputSize; from += slices.Length)
        {
            for (int row = 0; row < layer.OutputSize; row++)
            {
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);
                var (k, end) = slices.Links(row, from);
                for (; k + 1 < end; k += 2)
                {
                    var (sumX, sumY) = BlockDots.Pair<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes),
                        ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k + 1) * lanes));
                    Unsafe.Add(ref sums, k) = sumX;
                    Unsafe.Add(ref sums, k + 1) = sumY;
                }
                if (k < end)
                {
                    Unsafe.Add(ref sums, k) = BlockDots.Dot<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes));
                }
            }
        }
    }
}
