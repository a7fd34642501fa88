namespace SparseAdaptive.Analysis;

/// <summary>
/// A discrete power law fitted to the tail of a degree sample, with the start of the tail k_min chosen as Clauset,
/// Shalizi &amp; Newman (2009) do: the k_min whose fit is closest to the data above it in Kolmogorov–Smirnov distance.
/// </summary>
/// <param name="Fit">The power-law fit from the chosen k_min (its <see cref="DegreeFit.MinDegree"/>).</param>
/// <param name="KolmogorovSmirnovDistance">max over k ≥ k_min of |S(k) − P(k)|, S the empirical and P the fitted distribution function.</param>
public sealed record PowerLawTail(DegreeFit Fit, double KolmogorovSmirnovDistance)
{
    /// <summary>Fits a power law from every k_min that leaves at least <paramref name="minTailSize"/> degrees and keeps the best.</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minTailSize">The fewest degrees a tail may have: shorter tails fit anything.</param>
    /// <exception cref="ArgumentException">A negative degree, <paramref name="minTailSize"/> below 2, or no tail of two distinct positive degrees that large.</exception>
    public static PowerLawTail Of(IReadOnlyList<int> degrees, int minTailSize = 50)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        ArgumentOutOfRangeException.ThrowIfLessThan(minTailSize, 2);
        DegreeChecks.RequireValid(degrees);
        var sorted = degrees.Where(k => k > 0).Order().ToArray();
        PowerLawTail? best = null;
        for (int start = 0; start < sorted.Length; start++)
        {
            int minDegree = sorted[start];
            if (start > 0 && sorted[start - 1] == minDegree)
            {
                continue;
            }
            // A tail of one degree value has no slope to fit.
            if (sorted.Length - start < minTailSize || sorted[^1] == minDegree)
            {
                break;
            }
            var fit = DegreeFitting.PowerLaw(degrees, minDegree);
            double distance = Distance(fit, sorted.AsSpan(start));
            if (best is null || distance < best.KolmogorovSmirnovDistance)
            {
                best = new PowerLawTail(fit, distance);
            }
        }
        return best ?? throw new ArgumentException(
            $"No tail of at least {minTailSize} positive degrees spans two degree values.", nameof(degrees));
    }

    // Between two observed degrees S is flat and P rises, so |S − P| is largest at one of the two ends.
    private static double Distance(DegreeFit fit, ReadOnlySpan<int> tail)
    {
        double alpha = fit.Parameters[0];
        double normalisation = SpecialFunctions.HurwitzZeta(alpha, fit.MinDegree);
        double ModelCdf(int k) => 1 - SpecialFunctions.HurwitzZeta(alpha, k + 1) / normalisation;

        double distance = 0;
        for (int i = 0; i < tail.Length;)
        {
            int k = tail[i];
            double below = (double)i / tail.Length;
            while (i < tail.Length && tail[i] == k)
            {
                i++;
            }
            double upTo = (double)i / tail.Length;
            // S(k − 1) = below ends the flat stretch before k; S(k) = upTo starts the next.
            distance = Math.Max(distance, Math.Abs(below - ModelCdf(k - 1)));
            distance = Math.Max(distance, Math.Abs(upTo - ModelCdf(k)));
        }
        return distance;
    }
}
