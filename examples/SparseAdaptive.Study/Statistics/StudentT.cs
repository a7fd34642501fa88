using SparseAdaptive.Analysis;

namespace SparseAdaptive.Study.Statistics;

/// <summary>Student's t distribution: its distribution function and the two-sided p-value of a t statistic.</summary>
internal static class StudentT
{
    /// <summary>P(T ≤ <paramref name="t"/>) for T with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not positive.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        double tail = UpperTailOfAbsolute(t, degreesOfFreedom) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>P(|T| ≥ |<paramref name="t"/>|): the two-sided p-value of a t test; 0 for an infinite t, NaN for NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not positive.</exception>
    public static double TwoSidedPValue(double t, double degreesOfFreedom) => UpperTailOfAbsolute(t, degreesOfFreedom);

    // P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½).
    private static double UpperTailOfAbsolute(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        }
        if (double.IsNaN(t))
        {
            return double.NaN;
        }
        if (double.IsInfinity(t))
        {
            return 0;
        }
        return SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));
    }
}
