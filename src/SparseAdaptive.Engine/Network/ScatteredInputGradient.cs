using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// <c>inputGradient[i] = Σ w·outputGradient[target]</c> on one block of <c>lanes</c> samples, scattered along the rows
/// (a load and a store per link and vector): the input gradient of a layer without a <see cref="TransposedTopology"/>.
/// When <c>inputActivation</c> is not empty, multiplied by the ReLU/dropout derivative (<see cref="ReluDerivative"/>).
/// Each lane sums its terms in increasing target order, as <see cref="GatheredInputGradient"/> does.
/// </summary>
internal readonly ref struct ScatteredInputGradient(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
    ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes) : ILayerKernel
{
    private const int Unroll = 4;

    private readonly ReadOnlySpan<float> _outputGradient = outputGradient;
    private readonly Span<float> _inputGradient = inputGradient;
    private readonly ReadOnlySpan<float> _inputActivation = inputActivation;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Scatter<TV16, TV16Ops, TIndex>(layer, sources, _outputGradient, _inputGradient, _inputActivation, derivativeScale, lanes);

    private static void Scatter<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        int width = TOps.Count;
        inputGradient.Clear();

        int[] offsets = layer.RowOffsets;
        float[] weights = layer.Weights;
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float destinationBase = ref MemoryMarshal.GetReference(inputGradient);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);
            int last = offsets[row + 1];
            int c = 0;
            for (; c + Unroll * width <= lanes; c += Unroll * width)
            {
                TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                TV g1 = TOps.Load(ref Unsafe.Add(ref g, c + width));
                TV g2 = TOps.Load(ref Unsafe.Add(ref g, c + 2 * width));
                TV g3 = TOps.Load(ref Unsafe.Add(ref g, c + 3 * width));
                for (int k = offsets[row]; k < last; k++)
                {
                    ref float d = ref Unsafe.Add(ref destinationBase, (nint)LinkSources.Read(sources, k) * lanes + c);
                    TV w = TOps.Broadcast(weights[k]);
                    TOps.Store(TOps.MultiplyAdd(g0, w, TOps.Load(ref d)), ref d);
                    TOps.Store(TOps.MultiplyAdd(g1, w, TOps.Load(ref Unsafe.Add(ref d, width))), ref Unsafe.Add(ref d, width));
                    TOps.Store(TOps.MultiplyAdd(g2, w, TOps.Load(ref Unsafe.Add(ref d, 2 * width))), ref Unsafe.Add(ref d, 2 * width));
                    TOps.Store(TOps.MultiplyAdd(g3, w, TOps.Load(ref Unsafe.Add(ref d, 3 * width))), ref Unsafe.Add(ref d, 3 * width));
                }
            }
            for (; c < lanes; c += width)
            {
                TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                for (int k = offsets[row]; k < last; k++)
                {
                    ref float d = ref Unsafe.Add(ref destinationBase, (nint)LinkSources.Read(sources, k) * lanes + c);
                    TOps.Store(TOps.MultiplyAdd(g0, TOps.Broadcast(weights[k]), TOps.Load(ref d)), ref d);
                }
            }
        }

        if (!inputActivation.IsEmpty)
        {
            ReluDerivative.Apply<TV, TOps>(inputGradient, inputActivation, derivativeScale);
        }
    }
}
