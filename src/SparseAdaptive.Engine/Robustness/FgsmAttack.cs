namespace SparseAdaptive.Robustness;

/// <summary>
/// The fast gradient sign method (Goodfellow et al.), untargeted, in L∞: each feature moves by
/// <see cref="Epsilon"/> in the direction that increases the loss of the attacked class, then is clipped to the range.
/// </summary>
public sealed class FgsmAttack : InputPerturbation
{
    /// <summary>Describes an FGSM attack of size <paramref name="epsilon"/>.</summary>
    /// <param name="epsilon">The L∞ size of the change, ≥ 0; 0 leaves the features unchanged.</param>
    /// <param name="range">The valid feature range; default [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative, NaN or infinite.</exception>
    public FgsmAttack(float epsilon, FeatureRange? range = null)
        : base(range)
    {
        Epsilon = AttackArguments.RequireNonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>The L∞ size of the change.</summary>
    public float Epsilon { get; }

    internal override void PerturbBatch(AttackBatch batch)
    {
        batch.ComputeInputGradient();
        batch.StepAlongGradientSign(Epsilon, float.PositiveInfinity, Range);
    }
}
