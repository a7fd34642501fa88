using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A change of the input features (an adversarial attack or noise), computed in batches and clipped to
/// <see cref="Range"/>. A sample's result depends only on the network, the sample, its label and the seed: not on
/// the batch it is in, the order of the samples or the number of threads.
/// </summary>
public abstract class InputPerturbation : Perturbation
{
    /// <summary>Samples per batch of the attack passes.</summary>
    internal const int BatchSize = 256;

    private protected InputPerturbation(FeatureRange? range)
    {
        Range = range ?? FeatureRange.Unit;
    }

    /// <summary>The interval valid features lie in; inputs must lie in it and results are clipped to it. Default [0, 1].</summary>
    public FeatureRange Range { get; }

    /// <summary>Whether the perturbation needs each sample's class (attacks do, noise does not).</summary>
    internal virtual bool UsesLabels => true;

    /// <summary>Perturbs labelled samples; attacks push each sample away from its label.</summary>
    /// <param name="network">The network whose gradients guide the attack.</param>
    /// <param name="samples">The samples; their features must lie in <see cref="Range"/>.</param>
    /// <param name="seed">Seed of the random choices (random start, noise).</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <returns>The perturbed features, row-major like <see cref="LabeledSamples.GetFeatures"/>.</returns>
    /// <exception cref="ArgumentException">The samples' feature or class count does not fit the network, or a feature lies outside <see cref="Range"/>.</exception>
    public float[] Apply(SparseNetwork network, LabeledSamples samples, int seed = 0, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(samples);
        RequireSamplesFit(network, samples);
        return Perturb(network, samples.Features, samples.Labels, seed, threads);
    }

    /// <summary>Throws when <paramref name="samples"/> do not have the network's inputs or have classes it does not score.</summary>
    internal static void RequireSamplesFit(SparseNetwork network, LabeledSamples samples)
    {
        if (samples.FeatureCount != network.InputSize)
        {
            throw new ArgumentException($"The samples have {samples.FeatureCount} features but the network takes {network.InputSize} inputs.", nameof(samples));
        }
        if (samples.ClassCount > network.ClassCount)
        {
            throw new ArgumentException($"The samples have {samples.ClassCount} classes but the network scores only {network.ClassCount}.", nameof(samples));
        }
    }

    /// <summary>Perturbs unlabelled samples; attacks push each sample away from the class the network predicts for it.</summary>
    /// <param name="network">The network whose gradients guide the attack.</param>
    /// <param name="features">Row-major features, <see cref="SparseNetwork.InputSize"/> per sample, in <see cref="Range"/>.</param>
    /// <param name="seed">Seed of the random choices (random start, noise).</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <returns>The perturbed features, in the layout of <paramref name="features"/>.</returns>
    /// <exception cref="ArgumentException">The features are not whole samples of the network's input size, or one lies outside <see cref="Range"/>.</exception>
    public float[] Apply(SparseNetwork network, float[] features, int seed = 0, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        return Perturb(network, features, labels: null, seed, threads);
    }

    internal override (SparseNetwork Network, float[] Features) Corrupt(SparseNetwork network, LabeledSamples samples, int seed, int threads) =>
        (network, Apply(network, samples, seed, threads));

    /// <summary>Perturbs the samples of <paramref name="features"/>, against <paramref name="labels"/> or, when null, the predicted classes.</summary>
    internal float[] Perturb(SparseNetwork network, float[] features, int[]? labels, int seed, int threads)
    {
        int inputSize = network.InputSize;
        if (features.Length == 0 || features.Length % inputSize != 0)
        {
            throw new ArgumentException(
                $"The features hold {features.Length} values, which is not a positive whole number of samples of the network's {inputSize} inputs.", nameof(features));
        }
        for (int k = 0; k < features.Length; k++)
        {
            if (!Range.Contains(features[k]))
            {
                throw new ArgumentException(
                    $"Sample {k / inputSize}, feature {k % inputSize} is {features[k]}, outside the valid range [{Range.Min}, {Range.Max}]; scale the features or widen the range.",
                    nameof(features));
            }
        }
        ArgumentOutOfRangeException.ThrowIfNegative(threads);

        int count = features.Length / inputSize;
        var result = new float[features.Length];
        var perturber = new BlockPerturber(this, network, Math.Min(BatchSize, count), threads == 0 ? Environment.ProcessorCount : threads);
        var rows = new int[perturber.Capacity];
        for (int start = 0; start < count; start += rows.Length)
        {
            int size = Math.Min(rows.Length, count - start);
            for (int b = 0; b < size; b++)
            {
                rows[b] = start + b;
            }
            perturber.Perturb(features, rows.AsMemory(0, size), labels, seed, result);
        }
        return result;
    }

    /// <summary>Rewrites <see cref="AttackBatch.Inputs"/> of the loaded samples.</summary>
    internal abstract void PerturbBatch(AttackBatch batch);
}
