namespace SparseAdaptive.Network;

/// <summary>
/// How one layer is computed, decided once for its links as they are (one topology version) by a
/// <see cref="KernelPolicy"/>: which kernels its forward pass, input gradient and weight update run, and the buffers
/// they need (its index by source, its gradient shares, its transposed inputs). A layer whose links move gets a new plan.
/// </summary>
/// <remarks>
/// The kernels bound, by kind of layer:
/// <list type="table">
/// <listheader><term>layer</term><description>forward · input gradient · weight update</description></listheader>
/// <item><term>fully connected, ≥ <see cref="DenseWeightUpdate.MinRows"/> neurons</term>
/// <description><see cref="DenseForward"/> · <see cref="DenseInputGradient"/> · <see cref="DenseWeightUpdate"/></description></item>
/// <item><term>fully connected, fewer neurons</term>
/// <description><see cref="DenseForward"/> · <see cref="DenseInputGradient"/> · from the shares (<see cref="WideRowGradients"/> on
/// 512-bit vectors, else <see cref="LinkGradientShares"/>), or <see cref="RowWeightUpdate"/></description></item>
/// <item><term>sparse (or any layer under <see cref="KernelPolicy.SparseKernelsOnly"/>)</term>
/// <description><see cref="SparseForward"/> · <see cref="GatheredInputGradient"/> through its <see cref="TransposedTopology"/>
/// (fused with the shares as <see cref="GatheredInputGradientAndShares"/>), or <see cref="ScatteredInputGradient"/> when the
/// index would not fit · from the shares (<see cref="LinkGradientShares"/>), or <see cref="RowWeightUpdate"/></description></item>
/// </list>
/// Every path of a layer gives the same bits; which one runs is a matter of speed only.
/// </remarks>
internal sealed class LayerPlan
{
    /// <summary>Rows per turn of <see cref="ForwardInTurns"/>: 256 KB of a block's values, in L2.</summary>
    private const int OutputLayerSlice = 1024;

    private readonly int _version;
    private readonly bool _dense;
    private readonly bool _wideRowShares;
    private readonly BatchBuffer? _transposedInputs;

    internal LayerPlan(SparseLayer layer, KernelPolicy policy, PlanNeeds needs, LayerPlan? previous)
    {
        Layer = layer;
        _version = layer.TopologyVersion;
        _dense = policy.RunsDense(layer);
        _wideRowShares = _dense && WideRowGradients.IsSupported;
        Columns = needs.InputGradient && !_dense && TransposedTopology.Fits(layer) ? TransposedTopology.Build(layer) : null;
        if (needs.WeightUpdate)
        {
            bool tiles = policy.UpdatesDenseTiles(layer);
            _transposedInputs = tiles
                ? previous?._transposedInputs ?? new BatchBuffer(DenseWeightUpdate.TransposedLength(layer.InputSize) / BatchBuffer.BlockLanes, needs.Blocks)
                : null;
            Shares = new GradientShares(layer, needs.Blocks, withLinks: needs.LinkShares && !tiles, previous?.Shares);
        }
    }

    /// <summary>The layer planned.</summary>
    public SparseLayer Layer { get; }

    /// <summary>The layer's links grouped by source, when its input gradient is gathered; else null.</summary>
    public TransposedTopology? Columns { get; }

    /// <summary>Each block's share of the layer's gradients, when the plan includes weight updates; else null.</summary>
    public GradientShares? Shares { get; }

    /// <summary>Whether this plans <paramref name="layer"/>'s links as they are now.</summary>
    public bool IsCurrentFor(SparseLayer layer) => ReferenceEquals(layer, Layer) && layer.TopologyVersion == _version;

    /// <summary>
    /// <c>output[j] = bias[j] + Σ w·input[source]</c> for every row of one block of <paramref name="lanes"/> samples, then
    /// ReLU when asked, then <paramref name="dropout"/> when given (the block's first sample being
    /// <paramref name="firstSample"/> of the batch).
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int lanes, bool relu, Dropout? dropout = null, int firstSample = 0)
    {
        if (!_dense)
        {
            KernelDriver.Run(new SparseForward(Layer, input, output, lanes, relu, dropout, firstSample, 0, Layer.OutputSize), Layer);
            return;
        }
        KernelDriver.Run(new DenseForward(Layer, input, output, lanes, relu), Layer);
        if (dropout is { } mask)
        {
            for (int row = 0; row < Layer.OutputSize; row++)
            {
                mask.Apply(output.Slice(row * lanes, lanes), row, firstSample);
            }
        }
    }

    /// <summary>
    /// Whether <see cref="ForwardInTurns"/> can take this layer and the network's output layer planned by
    /// <paramref name="next"/> together: a layer on the sparse kernels followed by a fully connected one of few neurons.
    /// </summary>
    public bool TakesInTurns(LayerPlan next) =>
        !_dense && next._dense && next.Layer.InputSize == Layer.OutputSize && next.Layer.OutputSize < DenseWeightUpdate.MinRows;

    /// <summary>
    /// <see cref="Forward"/> of this layer (with ReLU) and of the network's output layer planned by <paramref name="next"/>
    /// into <paramref name="nextOutput"/>, taken in turns over slices of this layer's rows, so that the output layer reads
    /// each slice just produced, from cache, instead of the whole layer back from memory (256 MB a block for a 1M-neuron
    /// layer). The output layer's sums go through <paramref name="nextOutput"/> between slices, as they do in one call of
    /// <see cref="DenseForward"/>: the bits are the same.
    /// </summary>
    /// <exception cref="ArgumentException">The two layers cannot be taken in turns (<see cref="TakesInTurns"/>), or <paramref name="nextOutput"/> is short.</exception>
    public void ForwardInTurns(ReadOnlySpan<float> input, Span<float> output, int lanes, Dropout? dropout, int firstSample, LayerPlan next,
        Span<float> nextOutput)
    {
        if (!TakesInTurns(next) || nextOutput.Length < next.Layer.OutputSize * lanes)
        {
            throw new ArgumentException("The output layer must be fully connected, narrow and fed by the layer, with a whole block of outputs.", nameof(next));
        }
        for (int from = 0; from < Layer.OutputSize; from += OutputLayerSlice)
        {
            int to = Math.Min(Layer.OutputSize, from + OutputLayerSlice);
            KernelDriver.Run(new SparseForward(Layer, input, output, lanes, relu: true, dropout, firstSample, from, to), Layer);
            KernelDriver.Run(new DenseForward(next.Layer, output, nextOutput, lanes, relu: false, from, to), next.Layer);
        }
    }

    /// <summary>
    /// <c>inputGradient[i] = Σ w·outputGradient[target]</c> on one block of <paramref name="lanes"/> samples; when
    /// <paramref name="inputActivation"/> is not empty, multiplied by the ReLU/dropout derivative
    /// (<paramref name="derivativeScale"/> where the activation is positive, zero elsewhere).
    /// </summary>
    public void BackwardInputs(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<float> inputActivation, float derivativeScale,
        int lanes)
    {
        if (_dense)
        {
            KernelDriver.Run(new DenseInputGradient(Layer, outputGradient, inputGradient, inputActivation, derivativeScale, lanes), Layer);
        }
        else if (Columns is { } columns)
        {
            KernelDriver.Run(new GatheredInputGradient(Layer, columns, outputGradient, inputGradient, inputActivation, derivativeScale, lanes), Layer);
        }
        else
        {
            KernelDriver.Run(new ScatteredInputGradient(Layer, outputGradient, inputGradient, inputActivation, derivativeScale, lanes), Layer);
        }
    }

    /// <summary>
    /// Block <paramref name="block"/>'s step of the training pass back through the layer: its input gradient, gated by
    /// <paramref name="input"/> (the layer's input activations), unless <paramref name="inputGradient"/> is empty (the first
    /// layer's raw inputs need none); and, when the plan keeps link shares, the block's share of the link and bias gradients.
    /// </summary>
    public void TrainingBlock(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, float derivativeScale, int block)
    {
        var links = Shares?.Links?[block];
        if (!inputGradient.IsEmpty && links is not null && Columns is { } columns)
        {
            KernelDriver.Run(new GatheredInputGradientAndShares(Layer, columns, outputGradient, inputGradient, input, derivativeScale, links,
                Shares!.Biases[block]), Layer);
            return;
        }
        if (!inputGradient.IsEmpty)
        {
            BackwardInputs(outputGradient, inputGradient, input, derivativeScale, BatchBuffer.BlockLanes);
        }
        if (links is not null)
        {
            KernelDriver.Run(new BiasGradientShares(Layer, outputGradient, Shares!.Biases[block]), Layer);
            if (_wideRowShares)
            {
                WideRowGradients.Compute(Layer, input, outputGradient, links);
            }
            else
            {
                KernelDriver.Run(new LinkGradientShares(Layer, input, outputGradient, links), Layer);
            }
        }
    }

    /// <summary>
    /// One momentum SGD step of the layer from the gradients of the first <paramref name="blocks"/> blocks of
    /// <paramref name="input"/> and <paramref name="outputGradient"/>: from the link shares when the propagator's pass
    /// <paramref name="pass"/> computed them, otherwise from the blocks, on up to <paramref name="threads"/> threads.
    /// Must run after the layer's input gradient, which reads the old weights.
    /// </summary>
    /// <exception cref="InvalidOperationException">The plan was built without weight updates.</exception>
    public void UpdateWeights(BatchBuffer input, BatchBuffer outputGradient, int blocks, LayerVelocity velocity, SgdStep step, int threads, long pass)
    {
        var shares = Shares ?? throw new InvalidOperationException("The layer was planned without weight updates.");
        if (shares.HasLinksOf(pass))
        {
            shares.ApplyToBiases(Layer, velocity, step, blocks);
            shares.ApplyToLinks(Layer, velocity, step, blocks, threads);
            return;
        }
        var transposed = _transposedInputs;
        WorkerPool.Run(threads, blocks, block =>
        {
            KernelDriver.Run(new BiasGradientShares(Layer, outputGradient.Block(block), shares.Biases[block]), Layer);
            if (transposed is not null)
            {
                DenseWeightUpdate.Transpose(input.Block(block), transposed.Block(block), Layer.InputSize);
            }
        });
        shares.ApplyToBiases(Layer, velocity, step, blocks);
        if (transposed is null)
        {
            ParallelRange.Run(threads, Layer.RowOffsets, (start, end) =>
                KernelDriver.Run(new RowWeightUpdate(Layer, input, outputGradient, blocks, start, end, velocity.Weights, step), Layer));
            return;
        }
        // Whole register tiles of rows to each thread.
        int tiles = (Layer.OutputSize + DenseTile.Rows - 1) / DenseTile.Rows;
        ParallelRange.Run(threads, tiles, (start, end) => KernelDriver.Run(new DenseWeightUpdate(Layer, transposed, outputGradient, blocks,
            start * DenseTile.Rows, Math.Min(Layer.OutputSize, end * DenseTile.Rows), velocity.Weights, step), Layer));
    }
}
