namespace Microsoft.ML.SparseAdaptive.Network;

/// <summary>
/// Runs a network forward and backward over one mini-batch at a time, in the batch-minor layout of
/// <see cref="LayerKernels"/>. Holds the activation and gradient buffers, sized once for a batch capacity.
/// </summary>
/// <remarks>
/// Forward and backward passes split the batch, not the neurons, between threads: each thread takes a fixed range of
/// samples (lanes) through every layer, so the activations it reads are the ones it wrote, in its own core's cache,
/// and no thread waits for another between layers. Only the weight update, which sums over the whole batch, splits
/// the rows of a layer instead.
/// </remarks>
internal sealed class BatchPropagator
{
    private const int TransposeTile = 64;

    private readonly SparseNetwork _network;
    private readonly int _threads;
    private readonly float[][] _logits;
    private readonly double[] _sampleLoss;
    private readonly bool[] _sampleCorrect;
    private readonly int[] _labels;

    /// <param name="network">The network; its topology may change between batches, its layer sizes may not.</param>
    /// <param name="capacity">The largest batch.</param>
    /// <param name="threads">How many threads the kernels may use.</param>
    /// <param name="gradients">Which gradient buffers to keep.</param>
    public BatchPropagator(SparseNetwork network, int capacity, int threads, BatchGradients gradients = BatchGradients.Layers)
    {
        _network = network;
        _threads = threads;
        Capacity = capacity;
        Stride = (capacity + LayerKernels.StrideMultiple - 1) / LayerKernels.StrideMultiple * LayerKernels.StrideMultiple;
        var layers = network.Layers;
        Activations = new BatchBuffer[layers.Count + 1];
        Gradients = new BatchBuffer[layers.Count + 1];
        Activations[0] = new BatchBuffer(network.InputSize * Stride);
        Gradients[0] = new BatchBuffer(gradients == BatchGradients.LayersAndInputs ? network.InputSize * Stride : 0);
        for (int l = 0; l < layers.Count; l++)
        {
            Activations[l + 1] = new BatchBuffer(layers[l].OutputSize * Stride);
            Gradients[l + 1] = new BatchBuffer(gradients == BatchGradients.None ? 0 : layers[l].OutputSize * Stride);
        }
        _logits = new float[Math.Max(1, threads)][];
        for (int t = 0; t < _logits.Length; t++)
        {
            _logits[t] = new float[network.ClassCount];
        }
        _sampleLoss = new double[Stride];
        _sampleCorrect = new bool[Stride];
        _labels = new int[Stride];
    }

    /// <summary>The largest batch.</summary>
    public int Capacity { get; }

    /// <summary>Floats between one neuron's values and the next's.</summary>
    public int Stride { get; }

    /// <summary>Samples in the current batch.</summary>
    public int Count { get; private set; }

    /// <summary>Activations[0] is the input; Activations[l + 1] the output of layer l (after ReLU and dropout; logits for the last).</summary>
    public BatchBuffer[] Activations { get; }

    /// <summary>Gradients[l + 1]: loss gradient with respect to layer l's pre-activations; Gradients[0] with respect to the inputs.</summary>
    public BatchBuffer[] Gradients { get; }

    /// <summary>Loads samples (rows of a row-major feature matrix) into the input buffer, zeroing the padding.</summary>
    public void Load(float[] features, ReadOnlyMemory<int> rows)
    {
        if (rows.Length > Capacity)
        {
            throw new ArgumentException($"A batch of {rows.Length} samples exceeds the capacity {Capacity}.", nameof(rows));
        }
        Count = rows.Length;
        RunLanes((laneStart, laneEnd, _) => LoadLanes(features, rows.Span, laneStart, laneEnd));
    }

    /// <summary>Forward pass; with <paramref name="dropoutRate"/> &gt; 0, hidden outputs are dropped with masks keyed by <paramref name="dropoutKey"/>.</summary>
    public void Forward(float dropoutRate = 0f, ulong dropoutKey = 0) =>
        RunLanes((laneStart, laneEnd, _) => ForwardLanes(dropoutRate, dropoutKey, laneStart, laneEnd));

    /// <summary>
    /// One training pass over the loaded batch: forward with dropout, softmax cross-entropy against
    /// <paramref name="labels"/>, and the gradients with respect to every hidden layer's pre-activations (all but
    /// the raw inputs), ready for <see cref="UpdateWeights"/>. Returns the summed loss and the number correct.
    /// </summary>
    public (double LossSum, int Correct) TrainingPass(ReadOnlySpan<int> labels, float dropoutRate, ulong dropoutKey)
    {
        CopyLabels(labels);
        float dropoutScale = 1f / (1f - dropoutRate);
        RunLanes((laneStart, laneEnd, block) =>
        {
            ForwardLanes(dropoutRate, dropoutKey, laneStart, laneEnd);
            LossLanes(perSample: false, laneStart, laneEnd, block);
            for (int l = _network.Layers.Count - 1; l > 0; l--)
            {
                BackwardLanes(l, dropoutScale, laneStart, laneEnd);
            }
        });
        return SumLoss();
    }

    private void LoadLanes(float[] features, ReadOnlySpan<int> rows, int laneStart, int laneEnd)
    {
        int inputSize = _network.InputSize;
        Span<float> input = Activations[0].Span;
        int stride = Stride;
        int count = Math.Clamp(Count - laneStart, 0, laneEnd - laneStart);
        // Transposed in tiles of features, so the rows written stay in cache while every sample visits them.
        for (int tile = 0; tile < inputSize; tile += TransposeTile)
        {
            int width = Math.Min(TransposeTile, inputSize - tile);
            for (int b = laneStart; b < laneStart + count; b++)
            {
                ReadOnlySpan<float> sample = features.AsSpan(rows[b] * inputSize + tile, width);
                for (int i = 0; i < width; i++)
                {
                    input[(tile + i) * stride + b] = sample[i];
                }
            }
            if (laneStart + count < laneEnd)
            {
                for (int i = tile; i < tile + width; i++)
                {
                    input.Slice(i * stride + laneStart + count, laneEnd - laneStart - count).Clear();
                }
            }
        }
    }

    private void ForwardLanes(float dropoutRate, ulong dropoutKey, int laneStart, int laneEnd)
    {
        var layers = _network.Layers;
        for (int l = 0; l < layers.Count; l++)
        {
            bool hidden = l < layers.Count - 1;
            Span<float> output = Activations[l + 1].Span;
            LayerKernels.Forward(layers[l], Activations[l].Span, output, Stride, laneStart, laneEnd, relu: hidden);
            if (hidden && dropoutRate > 0f)
            {
                var dropout = new Dropout(dropoutRate, dropoutKey * 0x100000001B3UL + (ulong)l);
                for (int j = 0; j < layers[l].OutputSize; j++)
                {
                    dropout.Apply(output.Slice(j * Stride + laneStart, laneEnd - laneStart), j, laneStart);
                }
            }
        }
    }

    /// <summary>
    /// Softmax cross-entropy of the current batch against <paramref name="labels"/> (one per sample): writes the
    /// gradient of the mean loss (or, with <paramref name="perSample"/>, of each sample's own loss, which does not
    /// depend on the batch) into the last gradient buffer and returns the summed loss and the number correct.
    /// </summary>
    public (double LossSum, int Correct) SoftmaxCrossEntropy(ReadOnlySpan<int> labels, bool perSample = false)
    {
        CopyLabels(labels);
        RunLanes((laneStart, laneEnd, block) => LossLanes(perSample, laneStart, laneEnd, block));
        return SumLoss();
    }

    private void CopyLabels(ReadOnlySpan<int> labels)
    {
        if (labels.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} labels (one per sample of the batch) but got {labels.Length}.", nameof(labels));
        }
        labels.CopyTo(_labels);
    }

    private void LossLanes(bool perSample, int laneStart, int laneEnd, int block)
    {
        Span<float> logits = Activations[^1].Span;
        Span<float> gradient = Gradients[^1].Span;
        float[] scratch = _logits[block];
        int classes = _network.ClassCount;
        float scale = perSample ? 1f : 1f / Count;
        for (int b = laneStart; b < laneEnd; b++)
        {
            if (b >= Count)
            {
                for (int c = 0; c < classes; c++)
                {
                    gradient[c * Stride + b] = 0f;
                }
                continue;
            }
            for (int c = 0; c < classes; c++)
            {
                scratch[c] = logits[c * Stride + b];
            }
            int label = _labels[b];
            float labelLogit = scratch[label];
            int predicted = Softmax.Apply(scratch, out float logPartition);
            _sampleLoss[b] = logPartition - labelLogit;
            _sampleCorrect[b] = predicted == label;
            for (int c = 0; c < classes; c++)
            {
                gradient[c * Stride + b] = (scratch[c] - (c == label ? 1f : 0f)) * scale;
            }
        }
    }

    // Summed in sample order after the parallel region, so the total does not depend on the split.
    private (double LossSum, int Correct) SumLoss()
    {
        double lossSum = 0;
        int correct = 0;
        for (int b = 0; b < Count; b++)
        {
            lossSum += _sampleLoss[b];
            correct += _sampleCorrect[b] ? 1 : 0;
        }
        return (lossSum, correct);
    }

    /// <summary>The class with the largest logit for sample <paramref name="sample"/> of the current batch.</summary>
    public int PredictedClass(int sample)
    {
        Span<float> logits = Activations[^1].Span;
        int best = 0;
        for (int c = 1; c < _network.ClassCount; c++)
        {
            if (logits[c * Stride + sample] > logits[best * Stride + sample])
            {
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// Propagates the gradient from layer <paramref name="layerIndex"/>'s output to its input: through the previous
    /// layer's ReLU and dropout (scale <paramref name="dropoutScale"/>) for a hidden layer, or to the raw inputs for layer 0.
    /// </summary>
    public void BackwardInputs(int layerIndex, float dropoutScale = 1f) =>
        RunLanes((laneStart, laneEnd, _) => BackwardLanes(layerIndex, dropoutScale, laneStart, laneEnd));

    private void BackwardLanes(int layerIndex, float dropoutScale, int laneStart, int laneEnd)
    {
        ReadOnlySpan<float> gate = layerIndex > 0 ? Activations[layerIndex].Span : [];
        LayerKernels.BackwardInputs(_network.Layers[layerIndex], Gradients[layerIndex + 1].Span, Gradients[layerIndex].Span, gate,
            dropoutScale, Stride, laneStart, laneEnd);
    }

    /// <summary>Applies one momentum SGD step to layer <paramref name="layerIndex"/> from the current gradients.</summary>
    public void UpdateWeights(int layerIndex, LayerVelocity velocity, SgdStep step)
    {
        var layer = _network.Layers[layerIndex];
        var input = Activations[layerIndex];
        var outputGradient = Gradients[layerIndex + 1];
        ParallelRange.Run(_threads, layer.RowOffsets, (start, end) =>
            LayerKernels.UpdateWeights(layer, input.Span, outputGradient.Span, Stride, start, end, velocity, step));
    }

    // The lanes are cut into one contiguous range per thread, on vector boundaries; which thread takes a range never
    // changes a result, since every lane is computed by the same operations in the same order.
    private void RunLanes(Action<int, int, int> body)
    {
        int chunks = Stride / LayerKernels.StrideMultiple;
        int blocks = Math.Clamp(_threads, 1, chunks);
        if (blocks == 1)
        {
            body(0, Stride, 0);
            return;
        }
        WorkerPool.Run(blocks, blocks, b => body(
            chunks * b / blocks * LayerKernels.StrideMultiple, chunks * (b + 1) / blocks * LayerKernels.StrideMultiple, b));
    }
}
