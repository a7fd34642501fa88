using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// The forward kernel of a fully connected layer (<see cref="SparseLayer.IsDense"/>, whose weights in link order are a
/// row-major output × input matrix) on one block of <c>lanes</c> samples (a multiple of twice the vector width): the
/// terms of inputs [from, to) of <c>output[j] = bias[j] + Σ_i w[j, i]·input[i]</c>, from the bias when <c>from</c> is 0,
/// otherwise added to the partial sums already in <c>output</c>; the ReLU (when asked) once <c>to</c> is the last input.
/// Calls over consecutive ranges give the bits of one call, and every lane gets the fused multiply-adds of
/// <see cref="SparseForward"/> in the same order (bias, then increasing source): the bits of the sparse kernel.
/// </summary>
/// <remarks>Register tiles of <see cref="DenseTile.Rows"/> neurons × two vectors of samples reuse every load of a weight or an activation.</remarks>
internal readonly ref struct DenseForward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, int from, int to)
    : ILayerKernel
{
    /// <summary>Inputs per pass: a slice of activations that stays in cache for every tile of neurons.</summary>
    private const int InputSlice = 256;

    private readonly ReadOnlySpan<float> _input = input;
    private readonly Span<float> _output = output;

    /// <summary>The whole forward: every input, from the bias.</summary>
    public DenseForward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu)
        : this(layer, input, output, lanes, relu, 0, layer.InputSize)
    {
    }

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Slices<TV, TOps>(layer, _input, _output, lanes, relu, from, to);

    // Slices of the inputs outermost: the partial sums go through the output (exact float stores and reloads), so
    // slicing changes no result.
    private static void Slices<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, int from, int to)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int inputs = layer.InputSize;
        ref float weights = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        for (int sliceStart = from; sliceStart < to; sliceStart += InputSlice)
        {
            int sliceEnd = Math.Min(to, sliceStart + InputSlice);
            var slice = new DenseTile.Slice(sliceStart, sliceEnd, sliceStart == 0, sliceEnd == inputs && relu);
            int row = 0;
            for (; row + DenseTile.Rows <= layer.OutputSize; row += DenseTile.Rows)
            {
                for (int c = 0; c < lanes; c += 2 * width)
                {
                    ForwardTile<TV, TOps>(ref Unsafe.Add(ref weights, (nint)row * inputs), inputs, ref Unsafe.Add(ref x, c),
                        ref Unsafe.Add(ref y, (nint)row * lanes + c), lanes, layer.Biases.AsSpan(row, DenseTile.Rows), slice);
                }
            }
            for (; row < layer.OutputSize; row++)
            {
                for (int c = 0; c < lanes; c += 2 * width)
                {
                    ForwardRow<TV, TOps>(ref Unsafe.Add(ref weights, (nint)row * inputs), ref Unsafe.Add(ref x, c),
                        ref Unsafe.Add(ref y, (nint)row * lanes + c), lanes, layer.Biases[row], slice);
                }
            }
        }
    }

    private static void ForwardTile<TV, TOps>(ref float w, nint inputs, ref float x, ref float y, nint lanes, ReadOnlySpan<float> biases, DenseTile.Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a00 = Start<TV, TOps>(ref y, 0, lanes, 0, biases, slice), a01 = Start<TV, TOps>(ref y, 0, lanes, width, biases, slice);
        TV a10 = Start<TV, TOps>(ref y, 1, lanes, 0, biases, slice), a11 = Start<TV, TOps>(ref y, 1, lanes, width, biases, slice);
        TV a20 = Start<TV, TOps>(ref y, 2, lanes, 0, biases, slice), a21 = Start<TV, TOps>(ref y, 2, lanes, width, biases, slice);
        TV a30 = Start<TV, TOps>(ref y, 3, lanes, 0, biases, slice), a31 = Start<TV, TOps>(ref y, 3, lanes, width, biases, slice);
        TV a40 = Start<TV, TOps>(ref y, 4, lanes, 0, biases, slice), a41 = Start<TV, TOps>(ref y, 4, lanes, width, biases, slice);
        TV a50 = Start<TV, TOps>(ref y, 5, lanes, 0, biases, slice), a51 = Start<TV, TOps>(ref y, 5, lanes, width, biases, slice);
        for (nint i = slice.Start; i < slice.End; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, i * lanes);
            TV x0 = TOps.Load(ref xi);
            TV x1 = TOps.Load(ref Unsafe.Add(ref xi, width));
            ref float wi = ref Unsafe.Add(ref w, i);
            TV w0 = TOps.Broadcast(wi);
            a00 = TOps.MultiplyAdd(x0, w0, a00);
            a01 = TOps.MultiplyAdd(x1, w0, a01);
            TV w1 = TOps.Broadcast(Unsafe.Add(ref wi, inputs));
            a10 = TOps.MultiplyAdd(x0, w1, a10);
            a11 = TOps.MultiplyAdd(x1, w1, a11);
            TV w2 = TOps.Broadcast(Unsafe.Add(ref wi, 2 * inputs));
            a20 = TOps.MultiplyAdd(x0, w2, a20);
            a21 = TOps.MultiplyAdd(x1, w2, a21);
            TV w3 = TOps.Broadcast(Unsafe.Add(ref wi, 3 * inputs));
            a30 = TOps.MultiplyAdd(x0, w3, a30);
            a31 = TOps.MultiplyAdd(x1, w3, a31);
            TV w4 = TOps.Broadcast(Unsafe.Add(ref wi, 4 * inputs));
            a40 = TOps.MultiplyAdd(x0, w4, a40);
            a41 = TOps.MultiplyAdd(x1, w4, a41);
            TV w5 = TOps.Broadcast(Unsafe.Add(ref wi, 5 * inputs));
            a50 = TOps.MultiplyAdd(x0, w5, a50);
            a51 = TOps.MultiplyAdd(x1, w5, a51);
        }
        Finish<TV, TOps>(a00, a01, ref y, slice);
        Finish<TV, TOps>(a10, a11, ref Unsafe.Add(ref y, lanes), slice);
        Finish<TV, TOps>(a20, a21, ref Unsafe.Add(ref y, 2 * lanes), slice);
        Finish<TV, TOps>(a30, a31, ref Unsafe.Add(ref y, 3 * lanes), slice);
        Finish<TV, TOps>(a40, a41, ref Unsafe.Add(ref y, 4 * lanes), slice);
        Finish<TV, TOps>(a50, a51, ref Unsafe.Add(ref y, 5 * lanes), slice);
    }

    private static void ForwardRow<TV, TOps>(ref float w, ref float x, ref float y, nint lanes, float bias, DenseTile.Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = Start<TV, TOps>(ref y, 0, lanes, 0, [bias], slice);
        TV a1 = Start<TV, TOps>(ref y, 0, lanes, width, [bias], slice);
        for (nint i = slice.Start; i < slice.End; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, i * lanes);
            TV wi = TOps.Broadcast(Unsafe.Add(ref w, i));
            a0 = TOps.MultiplyAdd(TOps.Load(ref xi), wi, a0);
            a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref xi, width)), wi, a1);
        }
        Finish<TV, TOps>(a0, a1, ref y, slice);
    }

    // The first slice starts from the bias, later ones from the partial sums the previous slice stored.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Start<TV, TOps>(ref float y, int row, nint lanes, int offset, ReadOnlySpan<float> biases, DenseTile.Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        slice.First ? TOps.Broadcast(biases[row]) : TOps.Load(ref Unsafe.Add(ref y, row * lanes + offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TV, TOps>(TV a0, TV a1, ref float y, DenseTile.Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TOps.Store(slice.Relu ? TOps.Relu(a0) : a0, ref y);
        TOps.Store(slice.Relu ? TOps.Relu(a1) : a1, ref Unsafe.Add(ref y, TOps.Count));
    }
}
