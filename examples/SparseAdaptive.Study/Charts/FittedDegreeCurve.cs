using SparseAdaptive.Analysis;
using SparseAdaptive.Study.Structure;
using static SparseAdaptive.Analysis.SpecialFunctions;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// A degree distribution as the structure analysis fitted it (<see cref="FittedDegreeModel"/>, from k = 1), drawn as a
/// complementary CDF: the family's probabilities recomputed from the stored parameters.
/// </summary>
internal static class FittedDegreeCurve
{
    /// <summary>The family's name in a chart.</summary>
    public static string Name(DegreeModel model) => model switch
    {
        DegreeModel.Poisson => "Poisson",
        DegreeModel.Binomial => "binomial",
        DegreeModel.NegativeBinomial => "negative binomial",
        DegreeModel.Geometric => "geometric",
        DegreeModel.Lognormal => "lognormal",
        _ => "power law",
    };

    /// <summary>
    /// P(K ≥ k | K ≥ 1) under <paramref name="fit"/> for k = 1 (index 0), 2, … up to <paramref name="maxDegree"/>,
    /// stopping where it falls below <paramref name="smallest"/>.
    /// </summary>
    public static IReadOnlyList<double> Ccdf(FittedDegreeModel fit, int maxDegree, double smallest)
    {
        // The fit covers k ≥ 1: every family but the power law (which starts there) is renormalised without k = 0.
        double atLeastOne = fit.Model == DegreeModel.PowerLaw ? 1 : 1 - Math.Exp(LogProbability(fit, 0));
        var ccdf = new List<double>();
        double above = 1;
        for (int k = 1; k <= maxDegree && above >= smallest; k++)
        {
            ccdf.Add(above);
            above -= Math.Exp(LogProbability(fit, k)) / atLeastOne;
        }
        return ccdf;
    }

    // ln P(k) of the family over k ≥ 0 (the power law over k ≥ 1), parameters in DegreeModel's order.
    private static double LogProbability(FittedDegreeModel fit, int k)
    {
        var p = fit.Parameters;
        return fit.Model switch
        {
            DegreeModel.Poisson => k * Math.Log(p[0]) - p[0] - LogFactorial(k),
            DegreeModel.Binomial => k > p[0] ? double.NegativeInfinity
                : LogFactorial((int)p[0]) - LogFactorial(k) - LogFactorial((int)p[0] - k) + k * Math.Log(p[1]) + (p[0] - k) * Math.Log(1 - p[1]),
            DegreeModel.NegativeBinomial => LogGamma(k + p[0]) - LogGamma(p[0]) - LogFactorial(k) + p[0] * Math.Log(p[1]) + k * Math.Log(1 - p[1]),
            DegreeModel.Geometric => Math.Log(p[0]) + k * Math.Log(1 - p[0]),
            // P(k ≤ X < k + 1) for X lognormal, from the upper tail where both ends are close to 1.
            DegreeModel.Lognormal => LogNormalInterval((Math.Log(k) - p[0]) / p[1], (Math.Log(k + 1) - p[0]) / p[1]),
            _ => k < 1 ? double.NegativeInfinity : -p[0] * Math.Log(k) - Math.Log(HurwitzZeta(p[0], 1)),
        };
    }

    private static double LogNormalInterval(double a, double b) => Math.Log(a > 0 ? NormalCdf(-a) - NormalCdf(-b) : NormalCdf(b) - NormalCdf(a));
}
