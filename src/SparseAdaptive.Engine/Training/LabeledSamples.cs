namespace SparseAdaptive.Training;

/// <summary>
/// Samples for the engine: a row-major feature matrix (one row of <see cref="FeatureCount"/> values per sample)
/// and a class index per sample.
/// </summary>
public sealed class LabeledSamples
{
    /// <summary>Wraps (without copying) the given arrays after checking them.</summary>
    /// <param name="features">Count × <paramref name="featureCount"/> finite values, sample after sample.</param>
    /// <param name="labels">The class of each sample, in [0, <paramref name="classCount"/>).</param>
    /// <param name="featureCount">Number of features of a sample.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <exception cref="ArgumentException">Sizes disagree, there are no samples, a label is out of range or a feature is not finite.</exception>
    public LabeledSamples(float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least 2 classes.");
        }
        if (labels.Length == 0)
        {
            throw new ArgumentException("There are no samples.", nameof(labels));
        }
        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException(
                $"{labels.Length} samples of {featureCount} features need {(long)labels.Length * featureCount} values, but there are {features.Length}.",
                nameof(features));
        }
        for (int s = 0; s < labels.Length; s++)
        {
            if ((uint)labels[s] >= (uint)classCount)
            {
                throw new ArgumentException($"Sample {s} has label {labels[s]}, outside [0, {classCount}).", nameof(labels));
            }
        }
        int bad = Array.FindIndex(features, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"Sample {bad / featureCount}, feature {bad % featureCount} is {features[bad]}: features must be finite.", nameof(features));
        }
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of features of a sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The features of one sample.</summary>
    public ReadOnlySpan<float> GetFeatures(int sample) => Features.AsSpan(sample * FeatureCount, FeatureCount);

    /// <summary>The class of one sample.</summary>
    public int GetLabel(int sample) => Labels[sample];

    /// <summary>
    /// Holds out a seeded random <paramref name="fraction"/> of the samples for validation (see <see cref="Data.ValidationSplit"/>).
    /// </summary>
    /// <param name="fraction">Fraction of the samples held out, in (0, 1).</param>
    /// <param name="seed">Seed of the choice of samples.</param>
    /// <returns>The samples kept for training and those held out, disjoint, each in the original order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1), or it leaves one side empty.</exception>
    public (LabeledSamples Train, LabeledSamples Validation) SplitValidation(double fraction, int seed)
    {
        var (train, validation) = Data.ValidationSplit.Indices(Count, fraction, seed);
        return (Subset(train), Subset(validation));
    }

    /// <summary>The first <paramref name="count"/> samples, in order; this instance itself when it has no more than that.</summary>
    /// <param name="count">Number of samples, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public LabeledSamples Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return count >= Count ? this : new(Features.AsSpan(0, count * FeatureCount).ToArray(), Labels.AsSpan(0, count).ToArray(), FeatureCount, ClassCount);
    }

    private LabeledSamples Subset(int[] indices) => new(
        Data.ValidationSplit.Rows(Features, FeatureCount, indices), Data.ValidationSplit.Rows(Labels, 1, indices), FeatureCount, ClassCount);

    internal float[] Features { get; }

    internal int[] Labels { get; }
}
