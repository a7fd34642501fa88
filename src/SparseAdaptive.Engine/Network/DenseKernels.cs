using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// Forward and input-gradient kernels of a fully connected layer (<see cref="SparseLayer.IsDense"/>), whose weights in
/// link order are a row-major output × input matrix. Register tiles of <see cref="Rows"/> neurons × two vectors of
/// samples reuse every load of a weight or an activation several times, where the sparse kernels use each once. Every
/// output lane gets the same fused multiply-adds in the same order as in <see cref="LayerKernels"/> (bias, then
/// increasing source; zero, then increasing target), so results are bit-identical to the sparse kernels'.
/// </summary>
internal static class DenseKernels
{
    /// <summary>Neurons per register tile: 6 × 2 accumulators, two loads and a broadcast fit the 16 registers of AVX2.</summary>
    private const int Rows = 6;

    /// <summary>Inputs per pass of the forward kernel: a slice of activations that stays in cache for every tile of neurons.</summary>
    private const int InputSlice = 256;

    /// <summary>Outputs per pass of the input-gradient kernel: their weight rows stay in the first-level cache.</summary>
    private const int OutputSlice = 32;

    /// <summary>
    /// Forward of a dense layer on one block of <paramref name="lanes"/> samples (a multiple of twice the vector width):
    /// <c>output[j] = bias[j] + Σ_i w[j, i]·input[i]</c>, then ReLU when asked.
    /// </summary>
    public static void Forward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu) =>
        ForwardInputs(layer, input, output, lanes, relu, 0, layer.InputSize);

    /// <summary>
    /// The terms of inputs [<paramref name="from"/>, <paramref name="to"/>) of <see cref="Forward"/>: from the bias when
    /// <paramref name="from"/> is 0, otherwise added to the partial sums already in <paramref name="output"/>; the ReLU
    /// (when asked) once <paramref name="to"/> is the last input. Calls over consecutive ranges give the bits of one call.
    /// </summary>
    public static void ForwardInputs(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, int from, int to)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<Vector512<float>, Vector512Ops>(layer, input, output, lanes, relu, from, to);
        }
        else
        {
            Forward<Vector256<float>, Vector256Ops>(layer, input, output, lanes, relu, from, to);
        }
    }

    /// <summary>
    /// Input gradient of a dense layer on one block: <c>inputGradient[i] = Σ_j w[j, i]·outputGradient[j]</c>, times the
    /// ReLU/dropout derivative when <paramref name="inputActivation"/> is not empty (as in <see cref="LayerKernels.BackwardInputs"/>).
    /// </summary>
    public static void BackwardInputs(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BackwardInputs<Vector512<float>, Vector512Ops>(layer, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
        else
        {
            BackwardInputs<Vector256<float>, Vector256Ops>(layer, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
    }

    // Slices of the inputs outermost: the partial sums go through the output (exact float stores and reloads), so
    // slicing changes no result.
    private static void Forward<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, int from, int to)
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
            var slice = new Slice(sliceStart, sliceEnd, sliceStart == 0, sliceEnd == inputs && relu);
            int row = 0;
            for (; row + Rows <= layer.OutputSize; row += Rows)
            {
                for (int c = 0; c < lanes; c += 2 * width)
                {
                    ForwardTile<TV, TOps>(ref Unsafe.Add(ref weights, (nint)row * inputs), inputs, ref Unsafe.Add(ref x, c),
                        ref Unsafe.Add(ref y, (nint)row * lanes + c), lanes, layer.Biases.AsSpan(row, Rows), slice);
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

    // Relu: on the last slice, the sums are stored through the ReLU (forward) or its derivative (input gradient).
    private readonly record struct Slice(int Start, int End, bool First, bool Relu);

    private static void ForwardTile<TV, TOps>(ref float w, nint inputs, ref float x, ref float y, nint lanes, ReadOnlySpan<float> biases, Slice slice)
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

    private static void ForwardRow<TV, TOps>(ref float w, ref float x, ref float y, nint lanes, float bias, Slice slice)
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
    private static TV Start<TV, TOps>(ref float y, int row, nint lanes, int offset, ReadOnlySpan<float> biases, Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        slice.First ? TOps.Broadcast(biases[row]) : TOps.Load(ref Unsafe.Add(ref y, row * lanes + offset));

    // The first slice of outputs starts from zero, later ones from the sums the previous slice stored.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Resume<TV, TOps>(ref float d, int row, nint lanes, int offset, Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        slice.First ? TOps.Zero : TOps.Load(ref Unsafe.Add(ref d, row * lanes + offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TV, TOps>(TV a0, TV a1, ref float y, Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TOps.Store(slice.Relu ? TOps.Relu(a0) : a0, ref y);
        TOps.Store(slice.Relu ? TOps.Relu(a1) : a1, ref Unsafe.Add(ref y, TOps.Count));
    }

    private static void BackwardInputs<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int inputs = layer.InputSize;
        int outputs = layer.OutputSize;
        ref float weights = ref MemoryMarshal.GetArrayDataReference(layer.Weights);
        ref float g = ref MemoryMarshal.GetReference(outputGradient);
        ref float d = ref MemoryMarshal.GetReference(inputGradient);
        ref float x = ref MemoryMarshal.GetReference(inputActivation);
        var scale = TOps.Broadcast(derivativeScale);
        // Slices of the outputs outermost, so the few weight rows of a slice stay in cache while every tile of inputs
        // reads its columns from them; the partial sums go through the input gradient (exact stores and reloads). The
        // ReLU/dropout derivative is applied as the last slice stores its sums, as LayerKernels.Gate would after them:
        // a separate pass read and wrote every input gradient again (256 MB a block for a 1M-neuron input).
        for (int sliceStart = 0; sliceStart < outputs; sliceStart += OutputSlice)
        {
            int sliceEnd = Math.Min(outputs, sliceStart + OutputSlice);
            var slice = new Slice(sliceStart, sliceEnd, sliceStart == 0, Relu: sliceEnd == outputs && !inputActivation.IsEmpty);
            int source = 0;
            for (; source + Rows <= inputs; source += Rows)
            {
                for (int c = 0; c < lanes; c += 2 * width)
                {
                    nint at = (nint)source * lanes + c;
                    BackwardTile<TV, TOps>(ref Unsafe.Add(ref weights, source), inputs, ref Unsafe.Add(ref g, c),
                        ref Unsafe.Add(ref d, at), ref Unsafe.Add(ref x, at), lanes, slice, scale);
                }
            }
            for (; source < inputs; source++)
            {
                for (int c = 0; c < lanes; c += 2 * width)
                {
                    nint at = (nint)source * lanes + c;
                    BackwardRow<TV, TOps>(ref Unsafe.Add(ref weights, source), inputs, ref Unsafe.Add(ref g, c),
                        ref Unsafe.Add(ref d, at), ref Unsafe.Add(ref x, at), lanes, slice, scale);
                }
            }
        }
    }

    private static void BackwardTile<TV, TOps>(ref float w, nint inputs, ref float g, ref float d, ref float x, nint lanes, Slice slice, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a00 = Resume<TV, TOps>(ref d, 0, lanes, 0, slice), a01 = Resume<TV, TOps>(ref d, 0, lanes, width, slice);
        TV a10 = Resume<TV, TOps>(ref d, 1, lanes, 0, slice), a11 = Resume<TV, TOps>(ref d, 1, lanes, width, slice);
        TV a20 = Resume<TV, TOps>(ref d, 2, lanes, 0, slice), a21 = Resume<TV, TOps>(ref d, 2, lanes, width, slice);
        TV a30 = Resume<TV, TOps>(ref d, 3, lanes, 0, slice), a31 = Resume<TV, TOps>(ref d, 3, lanes, width, slice);
        TV a40 = Resume<TV, TOps>(ref d, 4, lanes, 0, slice), a41 = Resume<TV, TOps>(ref d, 4, lanes, width, slice);
        TV a50 = Resume<TV, TOps>(ref d, 5, lanes, 0, slice), a51 = Resume<TV, TOps>(ref d, 5, lanes, width, slice);
        for (nint j = slice.Start; j < slice.End; j++)
        {
            ref float gj = ref Unsafe.Add(ref g, j * lanes);
            TV g0 = TOps.Load(ref gj);
            TV g1 = TOps.Load(ref Unsafe.Add(ref gj, width));
            ref float wj = ref Unsafe.Add(ref w, j * inputs);
            TV w0 = TOps.Broadcast(wj);
            a00 = TOps.MultiplyAdd(g0, w0, a00);
            a01 = TOps.MultiplyAdd(g1, w0, a01);
            TV w1 = TOps.Broadcast(Unsafe.Add(ref wj, 1));
            a10 = TOps.MultiplyAdd(g0, w1, a10);
            a11 = TOps.MultiplyAdd(g1, w1, a11);
            TV w2 = TOps.Broadcast(Unsafe.Add(ref wj, 2));
            a20 = TOps.MultiplyAdd(g0, w2, a20);
            a21 = TOps.MultiplyAdd(g1, w2, a21);
            TV w3 = TOps.Broadcast(Unsafe.Add(ref wj, 3));
            a30 = TOps.MultiplyAdd(g0, w3, a30);
            a31 = TOps.MultiplyAdd(g1, w3, a31);
            TV w4 = TOps.Broadcast(Unsafe.Add(ref wj, 4));
            a40 = TOps.MultiplyAdd(g0, w4, a40);
            a41 = TOps.MultiplyAdd(g1, w4, a41);
            TV w5 = TOps.Broadcast(Unsafe.Add(ref wj, 5));
            a50 = TOps.MultiplyAdd(g0, w5, a50);
            a51 = TOps.MultiplyAdd(g1, w5, a51);
        }
        Store<TV, TOps>(a00, a01, ref d, ref x, slice, scale);
        Store<TV, TOps>(a10, a11, ref Unsafe.Add(ref d, lanes), ref Unsafe.Add(ref x, lanes), slice, scale);
        Store<TV, TOps>(a20, a21, ref Unsafe.Add(ref d, 2 * lanes), ref Unsafe.Add(ref x, 2 * lanes), slice, scale);
        Store<TV, TOps>(a30, a31, ref Unsafe.Add(ref d, 3 * lanes), ref Unsafe.Add(ref x, 3 * lanes), slice, scale);
        Store<TV, TOps>(a40, a41, ref Unsafe.Add(ref d, 4 * lanes), ref Unsafe.Add(ref x, 4 * lanes), slice, scale);
        Store<TV, TOps>(a50, a51, ref Unsafe.Add(ref d, 5 * lanes), ref Unsafe.Add(ref x, 5 * lanes), slice, scale);
    }

    private static void BackwardRow<TV, TOps>(ref float w, nint inputs, ref float g, ref float d, ref float x, nint lanes, Slice slice, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = Resume<TV, TOps>(ref d, 0, lanes, 0, slice), a1 = Resume<TV, TOps>(ref d, 0, lanes, width, slice);
        for (nint j = slice.Start; j < slice.End; j++)
        {
            ref float gj = ref Unsafe.Add(ref g, j * lanes);
            TV wj = TOps.Broadcast(Unsafe.Add(ref w, j * inputs));
            a0 = TOps.MultiplyAdd(TOps.Load(ref gj), wj, a0);
            a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gj, width)), wj, a1);
        }
        Store<TV, TOps>(a0, a1, ref d, ref x, slice, scale);
    }

    // The input gradient's sums of one tile row; on the last slice, times the derivative where the activation x is positive.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV, TOps>(TV a0, TV a1, ref float d, ref float x, Slice slice, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        if (slice.Relu)
        {
            a0 = LayerKernels.Gated<TV, TOps>(a0, TOps.Load(ref x), scale);
            a1 = LayerKernels.Gated<TV, TOps>(a1, TOps.Load(ref Unsafe.Add(ref x, TOps.Count)), scale);
        }
        TOps.Store(a0, ref d);
        TOps.Store(a1, ref Unsafe.Add(ref d, TOps.Count));
    }
}
