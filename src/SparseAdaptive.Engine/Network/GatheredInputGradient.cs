using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// <c>inputGradient[i] = Σ w·outputGradient[target]</c> on one block of <c>lanes</c> samples, gathered per input row
/// through the layer's current <see cref="TransposedTopology"/> (loads only, one store per row); when
/// <c>inputActivation</c> is not empty, multiplied by the ReLU/dropout derivative (<see cref="ReluDerivative"/>). Each
/// lane sums its terms in increasing target order, as <see cref="ScatteredInputGradient"/> does.
/// </summary>
internal readonly ref struct GatheredInputGradient : ILayerKernel
{
    private const int Unroll = 4;

    private readonly SparseLayer _layer;
    private readonly TransposedTopology _columns;
    private readonly ReadOnlySpan<float> _outputGradient;
    private readonly Span<float> _inputGradient;
    private readonly ReadOnlySpan<float> _inputActivation;
    private readonly float _derivativeScale;
    private readonly int _lanes;

    /// <exception cref="InvalidOperationException"><paramref name="columns"/> does not index <paramref name="layer"/>'s current links.</exception>
    public GatheredInputGradient(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
    {
        columns.RequireCurrentFor(layer);
        (_layer, _columns, _derivativeScale, _lanes) = (layer, columns, derivativeScale, lanes);
        _outputGradient = outputGradient;
        _inputGradient = inputGradient;
        _inputActivation = inputActivation;
    }

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Gather<TV16, TV16Ops>(_layer, _columns, _outputGradient, _inputGradient, _inputActivation, _derivativeScale, _lanes);

    // Each input row's terms are summed in registers in increasing target order, from zero, with the same fused
    // multiply-adds the scatter makes on the cleared row, then gated once: loads only, where the scatter loaded and stored
    // the row for every link.
    private static void Gather<TV, TOps>(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int[] offsets = columns.ColumnOffsets;
        int[] targets = columns.Targets;
        int[] links = columns.Links;
        float[] weights = layer.Weights;
        bool gated = !inputActivation.IsEmpty;
        TV scale = TOps.Broadcast(derivativeScale);
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float destinationBase = ref MemoryMarshal.GetReference(inputGradient);
        ref float activationBase = ref MemoryMarshal.GetReference(inputActivation);
        for (int i = 0; i < layer.InputSize; i++)
        {
            int first = offsets[i];
            int last = offsets[i + 1];
            ref float d = ref Unsafe.Add(ref destinationBase, (nint)i * lanes);
            ref float x = ref Unsafe.Add(ref activationBase, (nint)i * lanes);
            int c = 0;
            for (; c + Unroll * width <= lanes; c += Unroll * width)
            {
                TV a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
                for (int e = first; e < last; e++)
                {
                    ref float g = ref Unsafe.Add(ref gradientBase, (nint)targets[e] * lanes + c);
                    TV w = TOps.Broadcast(weights[links[e]]);
                    a0 = TOps.MultiplyAdd(TOps.Load(ref g), w, a0);
                    a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, width)), w, a1);
                    a2 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, 2 * width)), w, a2);
                    a3 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, 3 * width)), w, a3);
                }
                StoreGated<TV, TOps>(a0, ref Unsafe.Add(ref d, c), ref Unsafe.Add(ref x, c), gated, scale);
                StoreGated<TV, TOps>(a1, ref Unsafe.Add(ref d, c + width), ref Unsafe.Add(ref x, c + width), gated, scale);
                StoreGated<TV, TOps>(a2, ref Unsafe.Add(ref d, c + 2 * width), ref Unsafe.Add(ref x, c + 2 * width), gated, scale);
                StoreGated<TV, TOps>(a3, ref Unsafe.Add(ref d, c + 3 * width), ref Unsafe.Add(ref x, c + 3 * width), gated, scale);
            }
            for (; c < lanes; c += width)
            {
                TV a = TOps.Zero;
                for (int e = first; e < last; e++)
                {
                    a = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref gradientBase, (nint)targets[e] * lanes + c)), TOps.Broadcast(weights[links[e]]), a);
                }
                StoreGated<TV, TOps>(a, ref Unsafe.Add(ref d, c), ref Unsafe.Add(ref x, c), gated, scale);
            }
        }
    }

    // A gathered input gradient, times the ReLU/dropout derivative when there is an activation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreGated<TV, TOps>(TV value, ref float destination, ref float activation, bool gated, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        TOps.Store(gated ? ReluDerivative.Apply<TV, TOps>(value, TOps.Load(ref activation), scale) : value, ref destination);
}
