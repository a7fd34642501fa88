namespace SparseAdaptive.Robustness;

/// <summary>
/// Gaussian input noise, the non-adversarial control of the attacks: each feature gets independent noise of
/// standard deviation <see cref="StandardDeviation"/> (drawn per sample from the seed), then is clipped to the range.
/// </summary>
public sealed class GaussianNoise : InputPerturbation
{
    /// <summary>Describes Gaussian noise of standard deviation <paramref name="standardDeviation"/>.</summary>
    /// <param name="standardDeviation">σ of the noise, ≥ 0; 0 leaves the features unchanged.</param>
    /// <param name="range">The valid feature range; default [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative, NaN or infinite.</exception>
    public GaussianNoise(float standardDeviation, FeatureRange? range = null)
        : base(range)
    {
        StandardDeviation = AttackArguments.RequireNonNegative(standardDeviation, nameof(standardDeviation));
    }

    /// <summary>σ of the noise.</summary>
    public float StandardDeviation { get; }

    internal override bool UsesLabels => false;

    internal override void PerturbBatch(AttackBatch batch)
    {
        var inputs = batch.Inputs;
        batch.ForEachSample((start, end) =>
        {
            for (int b = start; b < end; b++)
            {
                ref var random = ref batch.Random(b);
                for (int i = 0; i < batch.InputSize; i++)
                {
                    inputs[i, b] = Range.Clip(inputs[i, b] + StandardDeviation * SampleRandom.NextGaussian(ref random));
                }
            }
        });
    }
}
