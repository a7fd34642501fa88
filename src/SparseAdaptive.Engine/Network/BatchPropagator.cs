using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Runs a network forward and backward over one mini-batch at a time, in blocks of
/// <see cref="BatchBuffer.BlockLanes"/> samples (see <see cref="BatchBuffer"/>), each layer by the kernels of its
/// <see cref="LayerPlan"/>. Holds the activation and gradient buffers, sized once for a batch capacity.
/// </summary>
/// <remarks>
/// Forward and backward passes split the batch, not the neurons, between threads: each thread takes whole blocks of
/// samples through every layer, so the values it reads are the ones it wrote, in its own core's cache, and no thread
/// waits for another between layers. The weight update sums over the whole batch: with several threads, each block's
/// share of it is computed in the same pass (<see cref="GradientShares"/>) and the shares are added in block order;
/// fully connected layers (<see cref="DenseWeightUpdate"/>) and networks too large for the shares split the rows of a
/// layer instead. Every sample is computed by the same operations in the same order whichever thread takes its block.
/// </remarks>
internal sealed class BatchPropagator
{
    private readonly SparseNetwork _network;
    private readonly int _threads;
    private readonly float[][] _logits;
    private readonly double[] _sampleLoss;
    private readonly bool[] _sampleCorrect;
    private readonly int[] _labels;
    private readonly KernelPolicy _kernels;
    private readonly PlanNeeds[] _needs;
    private readonly LayerPlan[] _plans;

    // Passes over the batch buffers so far: gradient shares serve the weight update only in the pass that computed them.
    private long _pass;

    /// <param name="network">The network; its topology may change between batches, its layer sizes may not.</param>
    /// <param name="capacity">The largest batch.</param>
    /// <param name="threads">How many threads the kernels may use.</param>
    /// <param name="gradients">Which gradient buffers to keep.</param>
    /// <param name="kernels">Which kernels the layers run; by default <see cref="KernelPolicy.Default"/>.</param>
    public BatchPropagator(SparseNetwork network, int capacity, int threads, BatchGradients gradients = BatchGradients.Layers,
        KernelPolicy? kernels = null)
    {
        _network = network;
        _kernels = kernels ?? KernelPolicy.Default;
        _threads = Math.Max(1, threads);
        Capacity = capacity;
        Blocks = (capacity + BatchBuffer.BlockLanes - 1) / BatchBuffer.BlockLanes;
        var layers = network.Layers;
        Activations = new BatchBuffer[layers.Count + 1];
        Gradients = new BatchBuffer[layers.Count + 1];
        Activations[0] = new BatchBuffer(network.InputSize, Blocks);
        Gradients[0] = new BatchBuffer(gradients == BatchGradients.LayersAndInputs ? network.InputSize : 0, Blocks);
        for (int l = 0; l < layers.Count; l++)
        {
            Activations[l + 1] = new BatchBuffer(layers[l].OutputSize, Blocks);
            Gradients[l + 1] = new BatchBuffer(gradients == BatchGradients.None ? 0 : layers[l].OutputSize, Blocks);
        }
        _logits = new float[Blocks][];
        for (int block = 0; block < Blocks; block++)
        {
            _logits[block] = new float[network.ClassCount];
        }
        int lanes = Blocks * BatchBuffer.BlockLanes;
        _sampleLoss = new double[lanes];
        _sampleCorrect = new bool[lanes];
        _labels = new int[lanes];
        bool training = gradients != BatchGradients.None;
        bool linkShares = training && GradientShares.Fit(network, _kernels, Blocks);
        _needs = new PlanNeeds[layers.Count];
        _plans = new LayerPlan[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            // The first layer's input gradient is the gradient with respect to the raw inputs: only attacks ask for it.
            bool inputGradient = training && (l > 0 || gradients == BatchGradients.LayersAndInputs);
            _needs[l] = new PlanNeeds(inputGradient, WeightUpdate: training, linkShares, Blocks);
            _plans[l] = _kernels.Plan(layers[l], _needs[l]);
        }
    }

    /// <summary>The largest batch.</summary>
    public int Capacity { get; }

    /// <summary>Blocks of <see cref="BatchBuffer.BlockLanes"/> samples in every buffer.</summary>
    public int Blocks { get; }

    /// <summary>Samples in the current batch.</summary>
    public int Count { get; private set; }

    /// <summary>Blocks holding samples of the current batch; the others keep stale values that nothing reads.</summary>
    public int ActiveBlocks => Math.Max(1, (Count + BatchBuffer.BlockLanes - 1) / BatchBuffer.BlockLanes);

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
        RunPass(block => LoadBlock(features, rows.Span, block));
    }

    /// <summary>Forward pass; with <paramref name="dropoutRate"/> &gt; 0, hidden outputs are dropped with masks keyed by <paramref name="dropoutKey"/>.</summary>
    public void Forward(float dropoutRate = 0f, ulong dropoutKey = 0)
    {
        RefreshPlans();
        RunPass(block => ForwardBlock(dropoutRate, dropoutKey, block));
    }

    /// <summary>
    /// One training pass over the loaded batch: forward with dropout, softmax cross-entropy against
    /// <paramref name="labels"/>, and the gradients with respect to every hidden layer's pre-activations (all but
    /// the raw inputs), ready for <see cref="UpdateWeights"/>. Returns the summed loss and the number correct.
    /// When several threads share the work, each block's share of the weight gradients is computed here too.
    /// </summary>
    public (double LossSum, int Correct) TrainingPass(ReadOnlySpan<int> labels, float dropoutRate, ulong dropoutKey)
    {
        CopyLabels(labels);
        float dropoutScale = 1f / (1f - dropoutRate);
        RefreshPlans();
        RunPass(block =>
        {
            ForwardBlock(dropoutRate, dropoutKey, block);
            LossBlock(perSample: false, block);
            for (int l = _plans.Length - 1; l >= 0; l--)
            {
                _plans[l].TrainingBlock(Activations[l].Block(block), Gradients[l + 1].Block(block), l > 0 ? Gradients[l].Block(block) : [],
                    dropoutScale, block);
            }
        });
        foreach (var plan in _plans)
        {
            plan.Shares?.MarkLinksComputedIn(_pass);
        }
        return SumLoss();
    }

    /// <summary>
    /// Softmax cross-entropy of the current batch against <paramref name="labels"/> (one per sample): writes the
    /// gradient of the mean loss (or, with <paramref name="perSample"/>, of each sample's own loss, which does not
    /// depend on the batch) into the last gradient buffer and returns the summed loss and the number correct.
    /// </summary>
    public (double LossSum, int Correct) SoftmaxCrossEntropy(ReadOnlySpan<int> labels, bool perSample = false)
    {
        CopyLabels(labels);
        RunPass(block => LossBlock(perSample, block));
        return SumLoss();
    }

    /// <summary>
    /// Writes the class probabilities of sample <paramref name="sample"/> of the current batch (the softmax of its
    /// logits, as <see cref="SparseNetwork.Predict"/> computes them) and returns the class with the largest.
    /// </summary>
    public int Probabilities(int sample, Span<float> destination)
    {
        CopyLogits(sample, destination);
        return Softmax.Apply(destination, out _);
    }

    /// <summary>The class with the largest logit for sample <paramref name="sample"/> of the current batch.</summary>
    public int PredictedClass(int sample)
    {
        Span<float> logits = stackalloc float[_network.ClassCount];
        CopyLogits(sample, logits);
        return Softmax.IndexOfMax(logits);
    }

    private void CopyLogits(int sample, Span<float> destination)
    {
        var logits = Activations[^1];
        for (int c = 0; c < destination.Length; c++)
        {
            destination[c] = logits[c, sample];
        }
    }

    /// <summary>
    /// Propagates the gradient from layer <paramref name="layerIndex"/>'s output to its input: through the previous
    /// layer's ReLU and dropout (scale <paramref name="dropoutScale"/>) for a hidden layer, or to the raw inputs for layer 0.
    /// </summary>
    public void BackwardInputs(int layerIndex, float dropoutScale = 1f)
    {
        RefreshPlans();
        RunPass(block => BackwardBlock(layerIndex, dropoutScale, block));
    }

    /// <summary>Applies one momentum SGD step to layer <paramref name="layerIndex"/> from the current gradients.</summary>
    public void UpdateWeights(int layerIndex, LayerVelocity velocity, SgdStep step)
    {
        RefreshPlans();
        _plans[layerIndex].UpdateWeights(Activations[layerIndex], Gradients[layerIndex + 1], ActiveBlocks, velocity, step, _threads, _pass);
    }

    // A layer whose links moved since its plan was made gets a new one, outside the parallel regions: the blocks then only read it.
    private void RefreshPlans()
    {
        for (int l = 0; l < _plans.Length; l++)
        {
            var layer = _network.Layers[l];
            if (!_plans[l].IsCurrentFor(layer))
            {
                _plans[l] = _kernels.Plan(layer, _needs[l], _plans[l]);
            }
        }
    }

    private void LoadBlock(float[] features, ReadOnlySpan<int> rows, int block)
    {
        const int lanes = BatchBuffer.BlockLanes;
        const int tile = TileTranspose.Size;
        int inputSize = _network.InputSize;
        Span<float> input = Activations[0].Block(block);
        int first = block * lanes;
        int count = Math.Clamp(Count - first, 0, lanes);
        ref float destination = ref MemoryMarshal.GetReference(input);
        ref float featureBase = ref MemoryMarshal.GetArrayDataReference(features);
        // Each sample's bounds are checked once; the copies then need no checks of their own.
        Span<nint> samples = stackalloc nint[lanes];
        for (int b = 0; b < count; b++)
        {
            int row = rows[first + b];
            if (row < 0 || ((long)row + 1) * inputSize > features.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Sample {row} is outside the {features.Length / inputSize} samples of the features.");
            }
            samples[b] = (nint)row * inputSize;
        }
        // Whole 8 × 8 tiles transposed in registers; what is left over (the last features of a sample, the samples of
        // a last incomplete tile) element by element.
        int tiledSamples = TileTranspose.IsSupported ? count / tile * tile : 0;
        int tiledFeatures = TileTranspose.IsSupported ? inputSize / tile * tile : 0;
        for (int b = 0; b < tiledSamples; b += tile)
        {
            for (int i = 0; i < tiledFeatures; i += tile)
            {
                TileTranspose.Tile(ref Unsafe.Add(ref featureBase, i), samples.Slice(b, tile), ref Unsafe.Add(ref destination, (nint)i * lanes + b), lanes);
            }
        }
        for (int b = 0; b < count; b++)
        {
            ref float sample = ref Unsafe.Add(ref featureBase, samples[b]);
            for (int i = b < tiledSamples ? tiledFeatures : 0; i < inputSize; i++)
            {
                Unsafe.Add(ref destination, (nint)i * lanes + b) = Unsafe.Add(ref sample, i);
            }
        }
        if (count < lanes)
        {
            for (int i = 0; i < inputSize; i++)
            {
                input.Slice(i * lanes + count, lanes - count).Clear();
            }
        }
    }

    private void ForwardBlock(float dropoutRate, ulong dropoutKey, int block)
    {
        const int lanes = BatchBuffer.BlockLanes;
        for (int l = 0; l < _plans.Length; l++)
        {
            bool hidden = l < _plans.Length - 1;
            Dropout? dropout = hidden && dropoutRate > 0f ? new Dropout(dropoutRate, dropoutKey * 0x100000001B3UL + (ulong)l) : null;
            if (l == _plans.Length - 2 && _plans[l].TakesInTurns(_plans[l + 1]))
            {
                _plans[l].ForwardInTurns(Activations[l].Block(block), Activations[l + 1].Block(block), lanes, dropout, block * lanes, _plans[l + 1],
                    Activations[l + 2].Block(block));
                return;
            }
            _plans[l].Forward(Activations[l].Block(block), Activations[l + 1].Block(block), lanes, relu: hidden, dropout, block * lanes);
        }
    }

    private void CopyLabels(ReadOnlySpan<int> labels)
    {
        if (labels.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} labels (one per sample of the batch) but got {labels.Length}.", nameof(labels));
        }
        labels.CopyTo(_labels);
    }

    private void LossBlock(bool perSample, int block)
    {
        const int lanes = BatchBuffer.BlockLanes;
        Span<float> logits = Activations[^1].Block(block);
        Span<float> gradient = Gradients[^1].Block(block);
        float[] scratch = _logits[block];
        int classes = _network.ClassCount;
        float scale = perSample ? 1f : 1f / Count;
        for (int lane = 0; lane < lanes; lane++)
        {
            int b = block * lanes + lane;
            if (b >= Count)
            {
                for (int c = 0; c < classes; c++)
                {
                    gradient[c * lanes + lane] = 0f;
                }
                continue;
            }
            for (int c = 0; c < classes; c++)
            {
                scratch[c] = logits[c * lanes + lane];
            }
            int label = _labels[b];
            float labelLogit = scratch[label];
            int predicted = Softmax.Apply(scratch, out float logPartition);
            _sampleLoss[b] = logPartition - labelLogit;
            _sampleCorrect[b] = predicted == label;
            for (int c = 0; c < classes; c++)
            {
                gradient[c * lanes + lane] = (scratch[c] - (c == label ? 1f : 0f)) * scale;
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

    private void BackwardBlock(int layerIndex, float dropoutScale, int block)
    {
        ReadOnlySpan<float> gate = layerIndex > 0 ? Activations[layerIndex].Block(block) : [];
        _plans[layerIndex].BackwardInputs(Gradients[layerIndex + 1].Block(block), Gradients[layerIndex].Block(block), gate, dropoutScale,
            BatchBuffer.BlockLanes);
    }

    // A pass over the batch buffers, after which whatever gradient shares there are no longer describe them. Which
    // thread takes a block never changes a result.
    private void RunPass(Action<int> body)
    {
        _pass++;
        int blocks = ActiveBlocks;
        if (_threads == 1 || blocks == 1)
        {
            for (int block = 0; block < blocks; block++)
            {
                body(block);
            }
            return;
        }
        WorkerPool.Run(_threads, blocks, body);
    }
}
