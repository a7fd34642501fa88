using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Network;

/// <summary>
/// One block's share of every link's gradient in a fully connected layer too narrow for <see cref="DenseWeightUpdate"/>
/// (the classifier's output layer: 10 rows of 1000 or 1,000,000 links), on 512-bit vectors. Each link's value is a sum
/// across a vector, which costs more than its products; a dense row's links are consecutive inputs, so sixteen of them
/// are summed at once, the shuffles shared, into one vector of consecutive link sums. Every sum gets the additions
/// <see cref="Vector512.Sum{T}(Vector512{T})"/> makes (adjacent lanes, then adjacent pairs, then quads, then halves),
/// so results are bit-identical to <see cref="LinkGradientShares"/> taking the links one by one.
/// </summary>
/// <remarks>
/// Not on 256-bit vectors: there a block's output gradient takes eight of AVX2's sixteen registers, and the grouped
/// sums measured slower than one sum per link on the 1000 → 10 layer (<c>build/bench.sh --kernels</c>).
/// </remarks>
internal static class WideRowGradients
{
    /// <summary>Inputs per pass over the rows: 256 KB of a block's activations, read from L2 by every row.</summary>
    private const int Slice = 1024;

    private const int Lanes = BatchBuffer.BlockLanes;

    /// <summary>Whether the kernels run 512-bit vectors, with the shuffles the grouped sums need.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// <c>linkSums[k] = Σ_lanes outputGradient[row]·input[source]</c> for every link of the dense <paramref name="layer"/>
    /// on one block of <see cref="BatchBuffer.BlockLanes"/> samples.
    /// </summary>
    public static void Compute(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> linkSums)
    {
        int inputs = layer.InputSize;
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The grouped lane sums need 512-bit vectors.");
        }
        if (!layer.IsDense || input.Length < inputs * Lanes || outputGradient.Length < layer.OutputSize * Lanes || linkSums.Length < layer.LinkCount)
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
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * Lanes);
                var g0 = Vector512.LoadUnsafe(ref g);
                var g1 = Vector512.LoadUnsafe(ref g, 16);
                var g2 = Vector512.LoadUnsafe(ref g, 32);
                var g3 = Vector512.LoadUnsafe(ref g, 48);
                ref float rowSums = ref Unsafe.Add(ref sums, (nint)row * inputs);
                int i = from;
                for (; i + 16 <= to; i += 16)
                {
                    ref float x = ref Unsafe.Add(ref inputBase, (nint)i * Lanes);
                    var quads0 = Quad(g0, g1, g2, g3, ref x);
                    var quads1 = Quad(g0, g1, g2, g3, ref Unsafe.Add(ref x, 4 * Lanes));
                    var quads2 = Quad(g0, g1, g2, g3, ref Unsafe.Add(ref x, 8 * Lanes));
                    var quads3 = Quad(g0, g1, g2, g3, ref Unsafe.Add(ref x, 12 * Lanes));
                    PairQuads(PairQuads(quads0, quads1), PairQuads(quads2, quads3)).StoreUnsafe(ref Unsafe.Add(ref rowSums, i));
                }
                for (; i < to; i++)
                {
                    Unsafe.Add(ref rowSums, i) = Vector512.Sum(Products(g0, g1, g2, g3, ref Unsafe.Add(ref inputBase, (nint)i * Lanes)));
                }
            }
        }
    }

    // Each 128-bit quad j: the sums of quad j of the four links whose input rows start at x.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quad(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, ref float x) =>
        PairWithinQuads(
            PairWithinQuads(Products(g0, g1, g2, g3, ref x), Products(g0, g1, g2, g3, ref Unsafe.Add(ref x, Lanes))),
            PairWithinQuads(Products(g0, g1, g2, g3, ref Unsafe.Add(ref x, 2 * Lanes)), Products(g0, g1, g2, g3, ref Unsafe.Add(ref x, 3 * Lanes))));

    // A link's products over the block, not yet summed across (the input row starting at x).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Products(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, ref float x) =>
        Vector512Ops.BlockProducts(g0, g1, g2, g3, Vector512.LoadUnsafe(ref x), Vector512.LoadUnsafe(ref x, 16), Vector512.LoadUnsafe(ref x, 32),
            Vector512.LoadUnsafe(ref x, 48));

    // Per 128-bit quad: [a0 + a1, a2 + a3, b0 + b1, b2 + b3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairWithinQuads(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle(a, b, 0b10_00_10_00) + Avx512F.Shuffle(a, b, 0b11_01_11_01);

    // Adjacent quads added: [a.q0 + a.q1, a.q2 + a.q3, b.q0 + b.q1, b.q2 + b.q3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairQuads(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);
}
