namespace SparseAdaptive.Analysis;

/// <summary>
/// Vuong's (1989) likelihood-ratio test between two non-nested distributions fitted to the same degrees: which fits
/// better, and whether the difference is more than chance, as Clauset, Shalizi &amp; Newman (2009) use it to weigh a
/// power law against its alternatives.
/// </summary>
/// <param name="LogLikelihoodRatio">R = Σ [ln P₁(kᵢ) − ln P₂(kᵢ)]: positive when the first model fits better.</param>
/// <param name="Statistic">The normalised ratio z = R / (σ √n), σ the standard deviation of the pointwise differences; standard normal when the models fit equally well.</param>
/// <param name="PValue">Two-sided p-value of z: small when one model is really better; 1 when the models agree on every degree.</param>
public sealed record VuongTest(double LogLikelihoodRatio, double Statistic, double PValue)
{
    /// <summary>Compares two fits on the sample they were fitted to.</summary>
    /// <param name="first">One fit.</param>
    /// <param name="second">The other, fitted to the same degrees from the same <see cref="DegreeFit.MinDegree"/>.</param>
    /// <param name="degrees">The sample both were fitted to.</param>
    /// <exception cref="ArgumentException">The fits start at different degrees, or were not made on <paramref name="degrees"/>.</exception>
    /// <remarks>For nested families (Poisson within the negative binomial) the normal limit does not hold; read the log-likelihoods instead.</remarks>
    public static VuongTest Compare(DegreeFit first, DegreeFit second, IReadOnlyList<int> degrees)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.MinDegree != second.MinDegree)
        {
            throw new ArgumentException(
                $"The fits cover degrees from {first.MinDegree} and from {second.MinDegree}; fit both from the same degree.", nameof(second));
        }
        var tail = DegreeTail.Of(degrees, first.MinDegree);
        if (tail.Count != first.SampleSize || tail.Count != second.SampleSize)
        {
            throw new ArgumentException(
                $"The fits were made on {first.SampleSize} and {second.SampleSize} degrees, these are {tail.Count}: not their sample.", nameof(degrees));
        }

        double Difference(int k) => first.LogProbability(k) - second.LogProbability(k);
        double ratio = tail.Sum(Difference);
        double mean = ratio / tail.Count;
        double deviation = Math.Sqrt(tail.Sum(k => (Difference(k) - mean) * (Difference(k) - mean)) / tail.Count);
        if (deviation == 0)
        {
            return new VuongTest(ratio, 0, 1);
        }
        double z = ratio / (deviation * Math.Sqrt(tail.Count));
        return new VuongTest(ratio, z, 2 * SpecialFunctions.NormalCdf(-Math.Abs(z)));
    }
}
