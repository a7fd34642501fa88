using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// The forward kernel of a sparse layer on one block of <c>lanes</c> samples (values neuron-major and sample-minor,
/// <c>values[neuron * lanes + lane]</c>, so each link costs one broadcast and a run of vector multiply-adds along the
/// samples): <c>output[j] = bias[j] + Σ w·input[source]</c> for rows [rowStart, rowEnd), then ReLU when asked, then
/// <paramref name="dropout"/> when given (the block's first sample being <paramref name="firstSample"/> of the batch).
/// </summary>
internal readonly ref struct SparseForward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, Dropout? dropout,
    int firstSample, int rowStart, int rowEnd) : ILayerKernel
{
    private const int Unroll = 4;

    private readonly ReadOnlySpan<float> _input = input;
    private readonly Span<float> _output = output;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Forward<TV16, TV16Ops, TIndex>(layer, sources, _input, _output, lanes, relu, dropout, firstSample, rowStart, rowEnd);

    // Dropout runs on each row as soon as it is stored, while the row is still in the first-level cache: a separate
    // pass over a layer too wide for the caches (the 1M-neuron layers) read and wrote every activation again.
    private static void Forward<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu,
        Dropout? dropout, int firstSample, int rowStart, int rowEnd)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        int width = TOps.Count;
        int[] offsets = layer.RowOffsets;
        float[] weights = layer.Weights;
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float outputBase = ref MemoryMarshal.GetReference(output);
        for (int row = rowStart; row < rowEnd; row++)
        {
            int first = offsets[row];
            int last = offsets[row + 1];
            TV bias = TOps.Broadcast(layer.Biases[row]);
            ref float outputRow = ref Unsafe.Add(ref outputBase, (nint)row * lanes);
            int c = 0;
            for (; c + Unroll * width <= lanes; c += Unroll * width)
            {
                TV a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (int k = first; k < last; k++)
                {
                    ref float x = ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes + c);
                    TV w = TOps.Broadcast(weights[k]);
                    a0 = TOps.MultiplyAdd(TOps.Load(ref x), w, a0);
                    a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, width)), w, a1);
                    a2 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, 2 * width)), w, a2);
                    a3 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, 3 * width)), w, a3);
                }
                ref float y = ref Unsafe.Add(ref outputRow, c);
                TOps.Store(relu ? TOps.Relu(a0) : a0, ref y);
                TOps.Store(relu ? TOps.Relu(a1) : a1, ref Unsafe.Add(ref y, width));
                TOps.Store(relu ? TOps.Relu(a2) : a2, ref Unsafe.Add(ref y, 2 * width));
                TOps.Store(relu ? TOps.Relu(a3) : a3, ref Unsafe.Add(ref y, 3 * width));
            }
            for (; c < lanes; c += width)
            {
                TV a = bias;
                for (int k = first; k < last; k++)
                {
                    a = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes + c)), TOps.Broadcast(weights[k]), a);
                }
                TOps.Store(relu ? TOps.Relu(a) : a, ref Unsafe.Add(ref outputRow, c));
            }
            if (dropout is { } mask)
            {
                mask.Apply(output.Slice(row * lanes, lanes), row, firstSample);
            }
        }
    }
}
