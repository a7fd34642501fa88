using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// <see cref="GatheredInputGradient"/> gated by <c>input</c> (the layer's input activations) and, in the same pass,
/// while each input row and each output-gradient row it meets are in registers, the block's share of every link's
/// gradient (<see cref="LinkGradientShares"/>) and of every bias's (<see cref="BiasGradientShares"/>): the same values,
/// bit for bit, in one pass instead of two.
/// </summary>
internal readonly ref struct GatheredInputGradientAndShares : ILayerKernel
{
    private const int Unroll = 4;

    private readonly SparseLayer _layer;
    private readonly TransposedTopology _columns;
    private readonly ReadOnlySpan<float> _outputGradient;
    private readonly Span<float> _inputGradient;
    private readonly ReadOnlySpan<float> _input;
    private readonly float _derivativeScale;
    private readonly Span<float> _linkSums;
    private readonly Span<float> _biasSums;

    /// <exception cref="InvalidOperationException"><paramref name="columns"/> does not index <paramref name="layer"/>'s current links.</exception>
    public GatheredInputGradientAndShares(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> input, float derivativeScale, Span<float> linkSums, Span<float> biasSums)
    {
        columns.RequireCurrentFor(layer);
        (_layer, _columns, _derivativeScale) = (layer, columns, derivativeScale);
        _outputGradient = outputGradient;
        _inputGradient = inputGradient;
        _input = input;
        _linkSums = linkSums;
        _biasSums = biasSums;
    }

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources)
    {
        BiasGradientShares.Sums<TV, TOps>(_layer, _outputGradient, _biasSums);
        Gather<TV16, TV16Ops>(_layer, _columns, _outputGradient, _inputGradient, _input, _derivativeScale, _linkSums);
    }

    // One whole block (four vectors of 16 lanes, or four pairs of 8) per input row: its activations stay in registers
    // for the gate and for every link's gradient, and each output-gradient row loaded for the input gradient serves its
    // link's gradient too.
    private static void Gather<TV, TOps>(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, ReadOnlySpan<float> input, float derivativeScale, Span<float> linkSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>, IBlockDot<TV>
    {
        const int lanes = BatchBuffer.BlockLanes;
        int width = TOps.Count;
        if (lanes != Unroll * width || input.Length < layer.InputSize * lanes || inputGradient.Length < layer.InputSize * lanes
            || outputGradient.Length < layer.OutputSize * lanes || linkSums.Length < layer.LinkCount)
        {
            throw new ArgumentException("Whole blocks of the layer's inputs, input and output gradients and link sums are needed.");
        }
        int[] offsets = columns.ColumnOffsets;
        int[] targets = columns.Targets;
        int[] links = columns.Links;
        float[] weights = layer.Weights;
        TV scale = TOps.Broadcast(derivativeScale);
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float destinationBase = ref MemoryMarshal.GetReference(inputGradient);
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float sums = ref MemoryMarshal.GetReference(linkSums);
        for (int i = 0; i < layer.InputSize; i++)
        {
            ref float x = ref Unsafe.Add(ref inputBase, (nint)i * lanes);
            TV x0 = TOps.Load(ref x);
            TV x1 = TOps.Load(ref Unsafe.Add(ref x, width));
            TV x2 = TOps.Load(ref Unsafe.Add(ref x, 2 * width));
            TV x3 = TOps.Load(ref Unsafe.Add(ref x, 3 * width));
            TV a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
            for (int e = offsets[i]; e < offsets[i + 1]; e++)
            {
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)targets[e] * lanes);
                TV g0 = TOps.Load(ref g);
                TV g1 = TOps.Load(ref Unsafe.Add(ref g, width));
                TV g2 = TOps.Load(ref Unsafe.Add(ref g, 2 * width));
                TV g3 = TOps.Load(ref Unsafe.Add(ref g, 3 * width));
                int link = links[e];
                TV w = TOps.Broadcast(weights[link]);
                a0 = TOps.MultiplyAdd(g0, w, a0);
                a1 = TOps.MultiplyAdd(g1, w, a1);
                a2 = TOps.MultiplyAdd(g2, w, a2);
                a3 = TOps.MultiplyAdd(g3, w, a3);
                Unsafe.Add(ref sums, link) = TOps.BlockDot(g0, g1, g2, g3, x0, x1, x2, x3);
            }
            ref float d = ref Unsafe.Add(ref destinationBase, (nint)i * lanes);
            TOps.Store(ReluDerivative.Apply<TV, TOps>(a0, x0, scale), ref d);
            TOps.Store(ReluDerivative.Apply<TV, TOps>(a1, x1, scale), ref Unsafe.Add(ref d, width));
            TOps.Store(ReluDerivative.Apply<TV, TOps>(a2, x2, scale), ref Unsafe.Add(ref d, 2 * width));
            TOps.Store(ReluDerivative.Apply<TV, TOps>(a3, x3, scale), ref Unsafe.Add(ref d, 3 * width));
        }
    }
}
