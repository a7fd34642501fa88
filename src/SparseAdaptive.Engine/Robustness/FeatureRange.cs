namespace SparseAdaptive.Robustness;

/// <summary>The interval valid features lie in; input perturbations clip their results to it.</summary>
public sealed record FeatureRange
{
    /// <summary>Describes the interval [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">The smallest valid feature value.</param>
    /// <param name="max">The largest valid feature value; greater than <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> is not greater than <paramref name="min"/>.</exception>
    public FeatureRange(float min, float max)
    {
        if (!float.IsFinite(min))
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"The lower bound of the feature range must be finite; got {min}.");
        }
        if (!float.IsFinite(max) || max <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"The upper bound of the feature range must be finite and greater than the lower bound {min}; got {max}.");
        }
        Min = min;
        Max = max;
    }

    /// <summary>[0, 1], the range of pixel intensities scaled as the IDX loader does.</summary>
    public static FeatureRange Unit { get; } = new(0f, 1f);

    /// <summary>The smallest valid feature value.</summary>
    public float Min { get; }

    /// <summary>The largest valid feature value.</summary>
    public float Max { get; }

    /// <summary>Whether <paramref name="value"/> lies in the range (false for NaN).</summary>
    /// <param name="value">A feature value.</param>
    public bool Contains(float value) => value >= Min && value <= Max;

    internal float Clip(float value) => MathF.Min(MathF.Max(value, Min), Max);
}
