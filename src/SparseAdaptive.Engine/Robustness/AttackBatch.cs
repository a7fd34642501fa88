using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A batch of samples being perturbed, in the layout of <see cref="BatchPropagator"/>: the current
/// inputs, the originals, each sample's attacked class and random stream, and the gradient of each sample's loss
/// with respect to its inputs. Every per-sample value is computed lane by lane, so a sample's result does not
/// depend on which batch it is in.
/// </summary>
internal sealed class AttackBatch
{
    private readonly SparseNetwork _network;
    private readonly BatchPropagator _propagator;
    private readonly BatchBuffer _original;
    private readonly int[] _labels;
    private readonly SeededRandom[] _randoms;
    private readonly int _threads;

    public AttackBatch(SparseNetwork network, int capacity, int threads)
    {
        _network = network;
        _threads = threads;
        _propagator = new BatchPropagator(network, capacity, threads, BatchGradients.LayersAndInputs);
        _original = new BatchBuffer(network.InputSize, _propagator.Blocks);
        _labels = new int[capacity];
        _randoms = new SeededRandom[capacity];
    }

    public int Capacity => _propagator.Capacity;

    public int Count => _propagator.Count;

    public int InputSize => _network.InputSize;

    /// <summary>The current inputs: <c>Inputs[feature, sample]</c>; perturbations rewrite them in place.</summary>
    public BatchBuffer Inputs => _propagator.Activations[0];

    /// <summary>The inputs as loaded, in the layout of <see cref="Inputs"/>.</summary>
    public BatchBuffer Original => _original;

    /// <summary>After <see cref="ComputeInputGradient"/>: d(loss of the sample)/d(input), in the layout of <see cref="Inputs"/>.</summary>
    public BatchBuffer InputGradient => _propagator.Gradients[0];

    /// <summary>The random stream of one sample of the batch.</summary>
    public ref SeededRandom Random(int sample) => ref _randoms[sample];

    /// <summary>Runs <paramref name="body"/>(start, end) over blocks of the loaded samples, on the batch's threads.</summary>
    public void ForEachSample(Action<int, int> body) => ParallelRange.Run(_threads, Count, body);

    /// <summary>
    /// Loads samples <paramref name="rows"/> of a row-major feature matrix. Each is attacked against its label, or
    /// against the class the network predicts for it when <paramref name="labels"/> is null and
    /// <paramref name="predictClasses"/> is set (perturbations that ignore classes skip that forward pass).
    /// </summary>
    public void Load(float[] features, ReadOnlyMemory<int> rows, int[]? labels, int seed, bool predictClasses)
    {
        _propagator.Load(features, rows);
        Inputs.CopyTo(_original);
        for (int b = 0; b < rows.Length; b++)
        {
            _randoms[b] = SampleRandom.For(seed, features.AsSpan(rows.Span[b] * InputSize, InputSize));
        }
        if (labels is null && predictClasses)
        {
            _propagator.Forward();
            for (int b = 0; b < rows.Length; b++)
            {
                _labels[b] = _propagator.PredictedClass(b);
            }
        }
        else if (labels is not null)
        {
            for (int b = 0; b < rows.Length; b++)
            {
                _labels[b] = labels[rows.Span[b]];
            }
        }
    }

    /// <summary>
    /// Runs the current inputs forward and back: each sample's own cross-entropy (not the batch mean the trainer
    /// uses), so its gradient is the same in a batch of one or of many.
    /// </summary>
    public void ComputeInputGradient()
    {
        _propagator.Forward();
        _propagator.SoftmaxCrossEntropy(_labels.AsSpan(0, Count), perSample: true);
        for (int l = _network.Layers.Count - 1; l >= 0; l--)
        {
            _propagator.BackwardInputs(l);
        }
    }

    /// <summary>
    /// Moves every input by <paramref name="step"/> along the sign of its <see cref="InputGradient"/>, projects it back
    /// into the L∞ ball of <paramref name="radius"/> around its <see cref="Original"/> (infinity for none) and clips it to
    /// <paramref name="range"/> (see <see cref="SignedGradientStep"/>), block by block on the batch's threads.
    /// </summary>
    public void StepAlongGradientSign(float step, float radius, FeatureRange range)
    {
        var inputs = Inputs;
        var gradient = InputGradient;
        WorkerPool.Run(_threads, _propagator.ActiveBlocks, block =>
            KernelDriver.Run(new SignedGradientStep(inputs.Block(block), _original.Block(block), gradient.Block(block), step, radius, range)));
    }

    /// <summary>
    /// Runs the current inputs forward and writes, per loaded sample, how far the largest logit of another class lies
    /// above the attacked class's: positive when the attack has changed the prediction. Restarts keep the largest.
    /// </summary>
    public void AttackMargins(Span<float> margins)
    {
        _propagator.Forward();
        AttackMarginsOfLastForward(margins);
    }

    /// <summary>
    /// Writes the margins of <see cref="AttackMargins"/> from the logits of the last forward pass (of
    /// <see cref="AttackMargins"/> or <see cref="ComputeInputGradient"/>), without running the inputs forward again.
    /// </summary>
    public void AttackMarginsOfLastForward(Span<float> margins)
    {
        var logits = _propagator.Activations[^1];
        for (int b = 0; b < Count; b++)
        {
            float other = float.NegativeInfinity;
            for (int c = 0; c < _network.ClassCount; c++)
            {
                if (c != _labels[b])
                {
                    other = MathF.Max(other, logits[c, b]);
                }
            }
            margins[b] = other - logits[_labels[b], b];
        }
    }

    /// <summary>Writes the current inputs back as rows <paramref name="rows"/> of a row-major feature matrix.</summary>
    public void Store(float[] features, ReadOnlySpan<int> rows)
    {
        var inputs = Inputs;
        for (int b = 0; b < rows.Length; b++)
        {
            Span<float> sample = features.AsSpan(rows[b] * InputSize, InputSize);
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = inputs[i, b];
            }
        }
    }
}
