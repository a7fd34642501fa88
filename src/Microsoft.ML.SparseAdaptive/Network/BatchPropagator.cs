namespace Microsoft.ML.SparseAdaptive.Network;

/// <summary>
/// Runs a network forward and backward over one mini-batch at a time, in the batch-minor layout of
/// <see cref="LayerKernels"/>. Holds the activation and gradient buffers, sized once for a batch capacity.
/// </summary>
internal sealed class BatchPropagator
{
    private const int TransposeTile = 64;

    private readonly SparseNetwork _network;
    private readonly int _threads;
    private readonly float[] _logits;

    /// <param name="network">The network; its topology may change between batches, its layer sizes may not.</param>
    /// <param name="capacity">The largest batch.</param>
    /// <param name="threads">How many threads the kernels may use.</param>
    /// <param name="withInputGradient">Whether to keep a buffer for the gradient with respect to the inputs.</param>
    public BatchPropagator(SparseNetwork network, int capacity, int threads, bool withInputGradient = false)
    {
        _network = network;
        _threads = threads;
        Capacity = capacity;
        Stride = (capacity + LayerKernels.StrideMultiple - 1) / LayerKernels.StrideMultiple * LayerKernels.StrideMultiple;
        var layers = network.Layers;
        Activations = new float[layers.Count + 1][];
        Gradients = new float[layers.Count + 1][];
        Activations[0] = new float[network.InputSize * Stride];
        Gradients[0] = withInputGradient ? new float[network.InputSize * Stride] : [];
        for (int l = 0; l < layers.Count; l++)
        {
            Activations[l + 1] = new float[layers[l].OutputSize * Stride];
            Gradients[l + 1] = new float[layers[l].OutputSize * Stride];
        }
        _logits = new float[network.ClassCount];
    }

    /// <summary>The largest batch.</summary>
    public int Capacity { get; }

    /// <summary>Floats between one neuron's values and the next's.</summary>
    public int Stride { get; }

    /// <summary>Samples in the current batch.</summary>
    public int Count { get; private set; }

    /// <summary>Activations[0] is the input; Activations[l + 1] the output of layer l (after ReLU and dropout; logits for the last).</summary>
    public float[][] Activations { get; }

    /// <summary>Gradients[l + 1]: loss gradient with respect to layer l's pre-activations; Gradients[0] with respect to the inputs.</summary>
    public float[][] Gradients { get; }

    /// <summary>Loads samples (rows of a row-major feature matrix) into the input buffer, zeroing the padding.</summary>
    public void Load(float[] features, ReadOnlyMemory<int> rows)
    {
        if (rows.Length > Capacity)
        {
            throw new ArgumentException($"A batch of {rows.Length} samples exceeds the capacity {Capacity}.", nameof(rows));
        }
        int inputSize = _network.InputSize;
        float[] input = Activations[0];
        Count = rows.Length;
        int count = rows.Length;
        int stride = Stride;
        // Transposed in tiles of features, so the rows written stay in cache while every sample visits them; the
        // tiles are independent copies, shared out between threads.
        int tiles = (inputSize + TransposeTile - 1) / TransposeTile;
        ParallelRange.Run(_threads, tiles, (firstTile, endTile) =>
        {
            for (int tile = firstTile * TransposeTile; tile < Math.Min(endTile * TransposeTile, inputSize); tile += TransposeTile)
            {
                int width = Math.Min(TransposeTile, inputSize - tile);
                for (int b = 0; b < count; b++)
                {
                    ReadOnlySpan<float> sample = features.AsSpan(rows.Span[b] * inputSize + tile, width);
                    for (int i = 0; i < width; i++)
                    {
                        input[(tile + i) * stride + b] = sample[i];
                    }
                }
                if (count < stride)
                {
                    for (int i = tile; i < tile + width; i++)
                    {
                        input.AsSpan(i * stride + count, stride - count).Clear();
                    }
                }
            }
        });
    }

    /// <summary>Forward pass; with <paramref name="dropoutRate"/> &gt; 0, hidden outputs are dropped with masks keyed by <paramref name="dropoutKey"/>.</summary>
    public void Forward(float dropoutRate = 0f, ulong dropoutKey = 0)
    {
        var layers = _network.Layers;
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            float[] input = Activations[l];
            float[] output = Activations[l + 1];
            bool hidden = l < layers.Count - 1;
            var dropout = new Dropout(dropoutRate, dropoutKey * 0x100000001B3UL + (ulong)l);
            bool drop = hidden && dropoutRate > 0f;
            ParallelRange.Run(_threads, layer.RowOffsets, (start, end) =>
            {
                LayerKernels.Forward(layer, input, output, Stride, start, end, relu: hidden);
                if (drop)
                {
                    for (int j = start; j < end; j++)
                    {
                        dropout.Apply(output.AsSpan(j * Stride, Stride), j);
                    }
                }
            });
        }
    }

    /// <summary>
    /// Softmax cross-entropy of the current batch against <paramref name="labels"/> (one per sample): writes the
    /// gradient of the mean loss (or, with <paramref name="perSample"/>, of each sample's own loss, which does not
    /// depend on the batch) into the last gradient buffer and returns the summed loss and the number correct.
    /// </summary>
    public (double LossSum, int Correct) SoftmaxCrossEntropy(ReadOnlySpan<int> labels, bool perSample = false)
    {
        float[] logits = Activations[^1];
        float[] gradient = Gradients[^1];
        int classes = _network.ClassCount;
        double lossSum = 0;
        int correct = 0;
        float scale = perSample ? 1f : 1f / Count;
        for (int b = 0; b < Stride; b++)
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
                _logits[c] = logits[c * Stride + b];
            }
            int label = labels[b];
            float labelLogit = _logits[label];
            int predicted = Softmax.Apply(_logits, out float logPartition);
            lossSum += logPartition - labelLogit;
            correct += predicted == label ? 1 : 0;
            for (int c = 0; c < classes; c++)
            {
                gradient[c * Stride + b] = (_logits[c] - (c == label ? 1f : 0f)) * scale;
            }
        }
        return (lossSum, correct);
    }

    /// <summary>The class with the largest logit for sample <paramref name="sample"/> of the current batch.</summary>
    public int PredictedClass(int sample)
    {
        float[] logits = Activations[^1];
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
    public void BackwardInputs(int layerIndex, float dropoutScale = 1f)
    {
        var layer = _network.Layers[layerIndex];
        float[] outputGradient = Gradients[layerIndex + 1];
        float[] inputGradient = Gradients[layerIndex];
        float[]? gate = layerIndex > 0 ? Activations[layerIndex] : null;
        ParallelRange.Run(_threads, layer.ColumnOffsets, (start, end) =>
            LayerKernels.BackwardInputs(layer, outputGradient, inputGradient, gate, dropoutScale, Stride, start, end));
    }

    /// <summary>Applies one momentum SGD step to layer <paramref name="layerIndex"/> from the current gradients.</summary>
    public void UpdateWeights(int layerIndex, LayerVelocity velocity, SgdStep step)
    {
        var layer = _network.Layers[layerIndex];
        float[] input = Activations[layerIndex];
        float[] outputGradient = Gradients[layerIndex + 1];
        ParallelRange.Run(_threads, layer.RowOffsets, (start, end) =>
            LayerKernels.UpdateWeights(layer, input, outputGradient, Stride, start, end, velocity, step));
    }
}
