using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// The input gradient of a fully connected layer on one block of <c>lanes</c> samples:
/// <c>inputGradient[i] = Σ_j w[j, i]·outputGradient[j]</c>, times the ReLU/dropout derivative when
/// <c>inputActivation</c> is not empty (<see cref="ReluDerivative"/>). Every lane gets the fused multiply-adds of the
/// sparse kernels in the same order (from zero, increasing target): their bits.
/// </summary>
internal readonly ref struct DenseInputGradient(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
    ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes) : ILayerKernel
{
    /// <summary>Outputs per pass: their weight rows stay in the first-level cache.</summary>
    private const int OutputSlice = 32;

    private readonly ReadOnlySpan<float> _outputGradient = outputGradient;
    private readonly Span<float> _inputGradient = inputGradient;
    private readonly ReadOnlySpan<float> _inputActivation = inputActivation;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Slices<TV, TOps>(layer, _outputGradient, _inputGradient, _inputActivation, derivativeScale, lanes);

    private static void Slices<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
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
        // ReLU/dropout derivative is applied as the last slice stores its sums, as ReluDerivative.Apply would after them:
        // a separate pass read and wrote every input gradient again (256 MB a block for a 1M-neuron input).
        for (int sliceStart = 0; sliceStart < outputs; sliceStart += OutputSlice)
        {
            int sliceEnd = Math.Min(outputs, sliceStart + OutputSlice);
            var slice = new DenseTile.Slice(sliceStart, sliceEnd, sliceStart == 0, Relu: sliceEnd == outputs && !inputActivation.IsEmpty);
            int source = 0;
            for (; source + DenseTile.Rows <= inputs; source += DenseTile.Rows)
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

    private static void BackwardTile<TV, TOps>(ref float w, nint inputs, ref float g, ref float d, ref float x, nint lanes, DenseTile.Slice slice, TV scale)
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

    private static void BackwardRow<TV, TOps>(ref float w, nint inputs, ref float g, ref float d, ref float x, nint lanes, DenseTile.Slice slice, TV scale)
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

    // The first slice of outputs starts from zero, later ones from the sums the previous slice stored.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Resume<TV, TOps>(ref float d, int row, nint lanes, int offset, DenseTile.Slice slice)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        slice.First ? TOps.Zero : TOps.Load(ref Unsafe.Add(ref d, row * lanes + offset));

    // The input gradient's sums of one tile row; on the last slice, times the derivative where the activation x is positive.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV, TOps>(TV a0, TV a1, ref float d, ref float x, DenseTile.Slice slice, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        if (slice.Relu)
        {
            a0 = ReluDerivative.Apply<TV, TOps>(a0, TOps.Load(ref x), scale);
            a1 = ReluDerivative.Apply<TV, TOps>(a1, TOps.Load(ref Unsafe.Add(ref x, TOps.Count)), scale);
        }
        TOps.Store(a0, ref d);
        TOps.Store(a1, ref Unsafe.Add(ref d, TOps.Count));
    }
}
