using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// The sparse kernels of one layer over a block of a mini-batch (<see cref="BatchBuffer"/>). Values are stored
/// neuron-major and sample-minor (<c>values[neuron * lanes + lane]</c>), so each link costs one broadcast and a run of
/// vector multiply-adds along the samples; <c>lanes</c> is a multiple of every vector width used.
/// </summary>
internal static class LayerKernels
{
    private const int Unroll = 4;

    /// <summary>Rows per turn of <see cref="ForwardWithOutputLayer"/>: 256 KB of a block's values, in L2.</summary>
    private const int OutputLayerSlice = 1024;

    /// <summary>
    /// Whether fully connected layers run <see cref="DenseKernels"/> (the default). Off only to time the sparse kernels
    /// on every link of a dense layer, the path the dense network took before.
    /// </summary>
    internal static bool UseDenseKernels { get; set; } = true;

    /// <summary>
    /// <c>output[j] = bias[j] + Σ w·input[source]</c> for every row of one block of <paramref name="lanes"/> samples, then
    /// ReLU when asked, then <paramref name="dropout"/> when given (the block's first sample being
    /// <paramref name="firstSample"/> of the batch).
    /// </summary>
    public static void Forward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, Dropout? dropout = null,
        int firstSample = 0) =>
        Forward(layer, input, output, lanes, relu, dropout, firstSample, 0, layer.OutputSize);

    /// <summary>
    /// Whether <see cref="ForwardWithOutputLayer"/> can take <paramref name="layer"/> and the network's output layer
    /// <paramref name="next"/> together: a layer on the sparse kernels followed by a fully connected one of few neurons.
    /// </summary>
    public static bool CanAccumulateInto(SparseLayer layer, SparseLayer next) =>
        UseDenseKernels && !layer.IsDense && next.IsDense && next.InputSize == layer.OutputSize && next.OutputSize < DenseWeightUpdate.MinRows;

    /// <summary>
    /// <see cref="Forward(SparseLayer, ReadOnlySpan{float}, Span{float}, int, bool, Dropout?, int)"/> of
    /// <paramref name="layer"/> (with ReLU) and of the network's output layer <paramref name="next"/> into
    /// <paramref name="nextOutput"/>, taken in turns over slices of the layer's rows, so that the output layer reads each
    /// slice just produced, from cache, instead of the whole layer back from memory (256 MB a block for a 1M-neuron
    /// layer). The output layer's sums go through <paramref name="nextOutput"/> between slices, as they do in one call of
    /// <see cref="DenseKernels.Forward"/>: the bits are the same.
    /// </summary>
    public static void ForwardWithOutputLayer(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, Dropout? dropout,
        int firstSample, SparseLayer next, Span<float> nextOutput)
    {
        if (!CanAccumulateInto(layer, next) || nextOutput.Length < next.OutputSize * lanes)
        {
            throw new ArgumentException("The output layer must be fully connected, narrow and fed by the layer, with a whole block of outputs.", nameof(next));
        }
        for (int from = 0; from < layer.OutputSize; from += OutputLayerSlice)
        {
            int to = Math.Min(layer.OutputSize, from + OutputLayerSlice);
            Forward(layer, input, output, lanes, relu: true, dropout, firstSample, from, to);
            DenseKernels.ForwardInputs(next, output, nextOutput, lanes, relu: false, from, to);
        }
    }

    // Rows [rowStart, rowEnd); the dense kernels only ever take all of them.
    private static void Forward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, Dropout? dropout,
        int firstSample, int rowStart, int rowEnd)
    {
        if (UseDenseKernels && layer.IsDense)
        {
            DenseKernels.Forward(layer, input, output, lanes, relu);
            if (dropout is { } mask)
            {
                for (int row = 0; row < layer.OutputSize; row++)
                {
                    mask.Apply(output.Slice(row * lanes, lanes), row, firstSample);
                }
            }
        }
        else if (layer.NarrowSources is { } narrow)
        {
            Forward(layer, narrow, input, output, lanes, relu, dropout, firstSample, rowStart, rowEnd);
        }
        else
        {
            Forward(layer, layer.WideSources!, input, output, lanes, relu, dropout, firstSample, rowStart, rowEnd);
        }
    }

    /// <summary>
    /// <c>inputGradient[i] = Σ w·outputGradient[target]</c> on one block of <paramref name="lanes"/> samples: gathered per
    /// input row through <paramref name="columns"/> (the layer's current <see cref="TransposedTopology"/>), or without it
    /// scattered along the rows; when <paramref name="inputActivation"/> is not empty, multiplied by the ReLU/dropout
    /// derivative (<paramref name="derivativeScale"/> where the activation is positive, zero elsewhere). Each lane sums
    /// its terms in increasing target order either way, whoever computes it.
    /// </summary>
    public static void BackwardInputs(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<float> inputActivation,
        float derivativeScale, int lanes, TransposedTopology? columns = null)
    {
        if (UseDenseKernels && layer.IsDense)
        {
            DenseKernels.BackwardInputs(layer, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
        else if (columns is not null)
        {
            columns.RequireCurrentFor(layer);
            if (Vector512.IsHardwareAccelerated)
            {
                GatherInputs<Vector512<float>, Vector512Ops>(layer, columns, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
            }
            else
            {
                GatherInputs<Vector256Pair, Vector256PairOps>(layer, columns, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
            }
        }
        else if (layer.NarrowSources is { } narrow)
        {
            BackwardInputs(layer, narrow, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
        else
        {
            BackwardInputs(layer, layer.WideSources!, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
    }

    /// <summary>
    /// Weight and bias gradients of rows [rowStart, rowEnd) (<c>Σ_samples outputGradient·input</c> over the first
    /// <paramref name="blocks"/> blocks),
    /// applied at once with momentum SGD. Must run after <see cref="BackwardInputs"/> of the same layer, which reads the old weights.
    /// </summary>
    public static void UpdateWeights(SparseLayer layer, BatchBuffer input, BatchBuffer outputGradient, int blocks, int rowStart, int rowEnd,
        LayerVelocity velocity, SgdStep step)
    {
        if (layer.NarrowSources is { } narrow)
        {
            UpdateWeights(layer, narrow, input, outputGradient, blocks, rowStart, rowEnd, velocity, step);
        }
        else
        {
            UpdateWeights(layer, layer.WideSources!, input, outputGradient, blocks, rowStart, rowEnd, velocity, step);
        }
    }

    /// <summary>
    /// For one block of <see cref="BatchBuffer.BlockLanes"/> samples, each link's <c>Σ outputGradient·input</c> into
    /// <paramref name="linkSums"/> and each row's <c>Σ outputGradient</c> into <paramref name="biasSums"/>, summed exactly as
    /// <see cref="UpdateWeights(SparseLayer, BatchBuffer, BatchBuffer, int, int, int, LayerVelocity, SgdStep)"/> sums one block.
    /// </summary>
    public static void BlockGradients(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> linkSums,
        Span<float> biasSums)
    {
        if (UseDenseKernels && layer.IsDense && WideRowGradients.IsSupported)
        {
            BiasSums<Vector512<float>, Vector512Ops>(layer, outputGradient, biasSums);
            WideRowGradients.Compute(layer, input, outputGradient, linkSums);
        }
        else if (layer.NarrowSources is { } narrow)
        {
            BlockGradients(layer, narrow, input, outputGradient, linkSums, biasSums);
        }
        else
        {
            BlockGradients(layer, layer.WideSources!, input, outputGradient, linkSums, biasSums);
        }
    }

    /// <summary>
    /// <see cref="BackwardInputs"/> gathered through <paramref name="columns"/> and gated by <paramref name="input"/> (the
    /// layer's input activations), and in the same pass, while each input row and each output-gradient row it meets are
    /// in registers, <see cref="BlockGradients"/> of the same block: the same values, bit for bit, in one pass instead of two.
    /// </summary>
    public static void BackwardInputsAndGradients(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, ReadOnlySpan<float> input, float derivativeScale, Span<float> linkSums, Span<float> biasSums)
    {
        columns.RequireCurrentFor(layer);
        if (Vector512.IsHardwareAccelerated)
        {
            BiasSums<Vector512<float>, Vector512Ops>(layer, outputGradient, biasSums);
            GatherInputsAndGradients<Vector512<float>, Vector512Ops>(layer, columns, outputGradient, inputGradient, input, derivativeScale, linkSums);
        }
        else
        {
            BiasSums<Vector256<float>, Vector256Ops>(layer, outputGradient, biasSums);
            GatherInputsAndGradients<Vector256Pair, Vector256PairOps>(layer, columns, outputGradient, inputGradient, input, derivativeScale, linkSums);
        }
    }

    // Each kernel has one copy per vector width and per width of the link sources, so no inner loop dispatches.
    private static void Forward<TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu,
        Dropout? dropout, int firstSample, int rowStart, int rowEnd)
        where TIndex : unmanaged
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<Vector512<float>, Vector512Ops, TIndex>(layer, sources, input, output, lanes, relu, dropout, firstSample, rowStart, rowEnd);
        }
        else
        {
            Forward<Vector256Pair, Vector256PairOps, TIndex>(layer, sources, input, output, lanes, relu, dropout, firstSample, rowStart, rowEnd);
        }
    }

    private static void BackwardInputs<TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> inputActivation, float derivativeScale, int lanes)
        where TIndex : unmanaged
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BackwardInputs<Vector512<float>, Vector512Ops, TIndex>(layer, sources, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
        else
        {
            BackwardInputs<Vector256Pair, Vector256PairOps, TIndex>(layer, sources, outputGradient, inputGradient, inputActivation, derivativeScale, lanes);
        }
    }

    private static void UpdateWeights<TIndex>(SparseLayer layer, TIndex[] sources, BatchBuffer input, BatchBuffer outputGradient, int blocks,
        int rowStart, int rowEnd, LayerVelocity velocity, SgdStep step)
        where TIndex : unmanaged
    {
        if (Vector512.IsHardwareAccelerated)
        {
            UpdateWeights<Vector512<float>, Vector512Ops, TIndex>(layer, sources, input, outputGradient, blocks, rowStart, rowEnd, velocity, step);
        }
        else
        {
            UpdateWeights<Vector256<float>, Vector256Ops, TIndex>(layer, sources, input, outputGradient, blocks, rowStart, rowEnd, velocity, step);
        }
    }

    private static void BlockGradients<TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient,
        Span<float> linkSums, Span<float> biasSums)
        where TIndex : unmanaged
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BlockGradients<Vector512<float>, Vector512Ops, TIndex>(layer, sources, input, outputGradient, linkSums, biasSums);
        }
        else
        {
            BlockGradients<Vector256<float>, Vector256Ops, TIndex>(layer, sources, input, outputGradient, linkSums, biasSums);
        }
    }

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

    private static void BackwardInputs<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
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
            Gate<TV, TOps>(inputGradient, inputActivation, derivativeScale);
        }
    }

    // Each input row's terms are summed in registers in increasing target order, from zero, with the same fused
    // multiply-adds the scatter makes on the cleared row, then gated once: loads only, where the scatter loaded and stored
    // the row for every link.
    private static void GatherInputs<TV, TOps>(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
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
        TOps.Store(gated ? Gated<TV, TOps>(value, TOps.Load(ref activation), scale) : value, ref destination);

    /// <summary>
    /// A gradient times the ReLU/dropout derivative: <paramref name="scale"/> where <paramref name="activation"/> is
    /// positive, zero elsewhere. Every input-gradient kernel ends with these two roundings, so their results agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV Gated<TV, TOps>(TV gradient, TV activation, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        TOps.WherePositive(activation, TOps.Multiply(gradient, scale));

    /// <summary>Multiplies a gradient by the ReLU/dropout derivative: <paramref name="derivativeScale"/> where the activation is positive, zero elsewhere.</summary>
    private static void Gate<TV, TOps>(Span<float> gradient, ReadOnlySpan<float> activation, float derivativeScale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TV scale = TOps.Broadcast(derivativeScale);
        ref float gateBase = ref MemoryMarshal.GetReference(activation);
        ref float gradientBase = ref MemoryMarshal.GetReference(gradient);
        for (int at = 0; at < gradient.Length; at += TOps.Count)
        {
            ref float d = ref Unsafe.Add(ref gradientBase, at);
            TOps.Store(Gated<TV, TOps>(TOps.Load(ref d), TOps.Load(ref Unsafe.Add(ref gateBase, at)), scale), ref d);
        }
    }

    private static void UpdateWeights<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, BatchBuffer input, BatchBuffer outputGradient, int blocks,
        int rowStart, int rowEnd, LayerVelocity velocity, SgdStep step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        const int lanes = BatchBuffer.BlockLanes;
        float[] weights = layer.Weights;
        float[] weightVelocity = velocity.Weights;
        ref float inputBase = ref input.Start;
        ref float gradientBase = ref outputGradient.Start;
        nint inputPitch = input.BlockPitch;
        nint gradientPitch = outputGradient.BlockPitch;
        for (int row = rowStart; row < rowEnd; row++)
        {
            ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);

            // Each block's sum first, then the blocks in order: the same additions as PartialGradients makes.
            float biasSum = BlockSum<TV, TOps>(ref g);
            for (int block = 1; block < blocks; block++)
            {
                biasSum += BlockSum<TV, TOps>(ref Unsafe.Add(ref g, block * gradientPitch));
            }
            step.ApplyToBias(layer.Biases, velocity.Biases, row, biasSum);
        }
        var slices = new SourceSlices(layer);
        for (int from = 0; from < layer.InputSize; from += slices.Length)
        {
            for (int row = rowStart; row < rowEnd; row++)
            {
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);
                var (k, end) = slices.Links(row, from);
                for (; k + 1 < end; k += 2)
                {
                    nint x = (nint)LinkSources.Read(sources, k) * lanes;
                    nint y = (nint)LinkSources.Read(sources, k + 1) * lanes;
                    var (sumX, sumY) = BlockDotPair<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, x), ref Unsafe.Add(ref inputBase, y));
                    for (int block = 1; block < blocks; block++)
                    {
                        ref float blockInput = ref Unsafe.Add(ref inputBase, block * inputPitch);
                        var (nextX, nextY) = BlockDotPair<TV, TOps>(ref Unsafe.Add(ref g, block * gradientPitch),
                            ref Unsafe.Add(ref blockInput, x), ref Unsafe.Add(ref blockInput, y));
                        sumX += nextX;
                        sumY += nextY;
                    }
                    step.Apply(weights, weightVelocity, k, sumX);
                    step.Apply(weights, weightVelocity, k + 1, sumY);
                }
                if (k < end)
                {
                    nint x = (nint)LinkSources.Read(sources, k) * lanes;
                    float sum = BlockDot<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, x));
                    for (int block = 1; block < blocks; block++)
                    {
                        sum += BlockDot<TV, TOps>(ref Unsafe.Add(ref g, block * gradientPitch), ref Unsafe.Add(ref inputBase, block * inputPitch + x));
                    }
                    step.Apply(weights, weightVelocity, k, sum);
                }
            }
        }
    }

    private static void BlockGradients<TV, TOps, TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input,
        ReadOnlySpan<float> outputGradient, Span<float> linkSums, Span<float> biasSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged
    {
        const int lanes = BatchBuffer.BlockLanes;
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float sums = ref MemoryMarshal.GetReference(linkSums);
        BiasSums<TV, TOps>(layer, outputGradient, biasSums);
        var slices = new SourceSlices(layer);
        for (int from = 0; from < layer.InputSize; from += slices.Length)
        {
            for (int row = 0; row < layer.OutputSize; row++)
            {
                ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * lanes);
                var (k, end) = slices.Links(row, from);
                for (; k + 1 < end; k += 2)
                {
                    var (sumX, sumY) = BlockDotPair<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes),
                        ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k + 1) * lanes));
                    Unsafe.Add(ref sums, k) = sumX;
                    Unsafe.Add(ref sums, k + 1) = sumY;
                }
                if (k < end)
                {
                    Unsafe.Add(ref sums, k) = BlockDot<TV, TOps>(ref g, ref Unsafe.Add(ref inputBase, (nint)LinkSources.Read(sources, k) * lanes));
                }
            }
        }
    }

    private static void BiasSums<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> biasSums)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            biasSums[row] = BlockSum<TV, TOps>(ref Unsafe.Add(ref gradientBase, (nint)row * BatchBuffer.BlockLanes));
        }
    }

    // One whole block (four vectors of 16 lanes, or four pairs of 8) per input row: its activations stay in registers
    // for the gate and for every link's gradient, and each output-gradient row loaded for the input gradient serves its
    // link's gradient too.
    private static void GatherInputsAndGradients<TV, TOps>(SparseLayer layer, TransposedTopology columns, ReadOnlySpan<float> outputGradient,
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
            TOps.Store(Gated<TV, TOps>(a0, x0, scale), ref d);
            TOps.Store(Gated<TV, TOps>(a1, x1, scale), ref Unsafe.Add(ref d, width));
            TOps.Store(Gated<TV, TOps>(a2, x2, scale), ref Unsafe.Add(ref d, 2 * width));
            TOps.Store(Gated<TV, TOps>(a3, x3, scale), ref Unsafe.Add(ref d, 3 * width));
        }
    }

    /// <summary>
    /// The links of a row visited in one pass: all of them in a sparse layer; in a dense one, those of a slice of
    /// sources, so that a layer of few rows and very many inputs (the 1M → 10 output layer) reads each input row once
    /// per slice for all its rows instead of once per row. Each link's own sum is the same either way.
    /// </summary>
    private readonly struct SourceSlices(SparseLayer layer)
    {
        /// <summary>Sources per slice of a dense layer: 256 KB of a block's activations.</summary>
        private const int DenseSlice = 1024;

        private readonly int[] _offsets = layer.RowOffsets;
        private readonly int _inputs = layer.InputSize;
        private readonly bool _dense = layer.IsDense;

        public int Length => _dense ? DenseSlice : _inputs;

        public (int Start, int End) Links(int row, int from) => _dense
            ? (_offsets[row] + from, _offsets[row] + Math.Min(from + DenseSlice, _inputs))
            : (_offsets[row], _offsets[row + 1]);
    }

    // The sum over one block's lanes of g·x: even vectors into one accumulator, odd into the other, then across.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float BlockDot<TV, TOps>(ref float g, ref float x)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = TOps.Zero, a1 = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += 2 * width)
        {
            a0 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c)), TOps.Load(ref Unsafe.Add(ref x, c)), a0);
            a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c + width)), TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
        }
        return TOps.Sum(TOps.Add(a0, a1));
    }

    // Two links of the same row share each load of the output gradient; each sum runs as BlockDot's would alone.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float X, float Y) BlockDotPair<TV, TOps>(ref float g, ref float x, ref float y)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = TOps.Zero, a1 = TOps.Zero, b0 = TOps.Zero, b1 = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += 2 * width)
        {
            TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
            TV g1 = TOps.Load(ref Unsafe.Add(ref g, c + width));
            a0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref x, c)), a0);
            a1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
            b0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref y, c)), b0);
            b1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref y, c + width)), b1);
        }
        return (TOps.Sum(TOps.Add(a0, a1)), TOps.Sum(TOps.Add(b0, b1)));
    }

    /// <summary>The sum of one block's lanes of a gradient row (a bias's share of the block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float BlockSum<TV, TOps>(ref float g)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TV sum = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += TOps.Count)
        {
            sum = TOps.Add(sum, TOps.Load(ref Unsafe.Add(ref g, c)));
        }
        return TOps.Sum(sum);
    }
}
