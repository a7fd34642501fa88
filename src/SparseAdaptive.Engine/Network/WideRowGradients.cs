using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Network;

/// <summary>
/// One block's share of every link's gradient in a fully connected layer too narrow for <see cref="DenseWeightUpdate"/>
/// (the classifier's output layer: 10 rows of 1000 or 1,000,000 links). Each link's value is a sum across a vector,
/// which costs more than its products; since a dense row's links are consecutive inputs, a vector's width of them is
/// summed at once, with shuffles shared between links, into a vector of consecutive link sums. Every sum gets the
/// additions <see cref="Vector512.Sum{T}(Vector512{T})"/> or <see cref="Vector256.Sum{T}(Vector256{T})"/> would make
/// (adjacent lanes, then adjacent pairs, then quads, then halves), so the results are bit-identical to
/// <see cref="LayerKernels.BlockGradients"/> taking the links one by one.
/// </summary>
internal static class WideRowGradients
{
    /// <summary>Inputs per pass over the rows: 256 KB of a block's activations, read from L2 by every row.</summary>
    private const int Slice = 1024;

    /// <summary>Whether this processor has the shuffles the grouped sums need.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated ? Avx512F.IsSupported : Avx.IsSupported;

    /// <summary>
    /// <c>linkSums[k] = Σ_lanes outputGradient[row]·input[source]</c> for every link of the dense <paramref name="layer"/>
    /// on one block of <see cref="BatchBuffer.BlockLanes"/> samples.
    /// </summary>
    public static void Compute(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> linkSums)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Compute<Vector512<float>, Vector512Ops>(layer, input, outputGradient, linkSums);
        }
        else
        {
            Compute<Vector256<float>, Vector256Ops>(layer, input, outputGradient, linkSums);
        }
    }

    internal static void Compute<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> linkSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>, ILaneShuffles<TV>
    {
        const int lanes = BatchBuffer.BlockLanes;
        int inputs = layer.InputSize;
        int group = TOps.Count;
        if (!layer.IsDense || input.Length < inputs * lanes || outputGradient.Length < layer.OutputSize * lanes || linkSums.Length < layer.LinkCount)
        {
            throw new ArgumentException("A dense layer and whole blocks of its inputs, output gradients and link sums are needed.");
        }
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float sums = ref MemoryMarshal.GetReference(linkSums);
        for (int from = 0; from < inputs; from += Slice)
        {
            int to = Math.Min(inputs, from + Slice);
            for (int row = 0; row < layer.OutputSize; row++)
            {
                var gradient = new BlockRow<TV, TOps>(ref Unsafe.Add(ref gradientBase, (nint)row * lanes));
                ref float rowSums = ref Unsafe.Add(ref sums, (nint)row * inputs);
                int i = from;
                for (; i + group <= to; i += group)
                {
                    ref float x = ref Unsafe.Add(ref inputBase, (nint)i * lanes);
                    TV quads0 = Quad(gradient, ref x, 0);
                    TV quads1 = Quad(gradient, ref x, 4);
                    TV result;
                    if (group == 16)
                    {
                        TV quads2 = Quad(gradient, ref x, 8);
                        TV quads3 = Quad(gradient, ref x, 12);
                        result = TOps.PairBlocks(TOps.PairBlocks(quads0, quads1), TOps.PairBlocks(quads2, quads3));
                    }
                    else
                    {
                        result = TOps.PairBlocks(quads0, quads1);
                    }
                    TOps.Store(result, ref Unsafe.Add(ref rowSums, i));
                }
                for (; i < to; i++)
                {
                    Unsafe.Add(ref rowSums, i) = TOps.Sum(gradient.Products(ref Unsafe.Add(ref inputBase, (nint)i * lanes)));
                }
            }
        }
    }

    // The sums within each 128-bit block of the four links from input `first` on, link by link across the block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Quad<TV, TOps>(in BlockRow<TV, TOps> gradient, ref float x, int first)
        where TV : struct
        where TOps : struct, IVectorOps<TV>, ILaneShuffles<TV>
    {
        const int lanes = BatchBuffer.BlockLanes;
        TV pair01 = TOps.PairWithinBlocks(gradient.Products(ref Unsafe.Add(ref x, first * lanes)), gradient.Products(ref Unsafe.Add(ref x, (first + 1) * lanes)));
        TV pair23 = TOps.PairWithinBlocks(gradient.Products(ref Unsafe.Add(ref x, (first + 2) * lanes)), gradient.Products(ref Unsafe.Add(ref x, (first + 3) * lanes)));
        return TOps.PairWithinBlocks(pair01, pair23);
    }
}
