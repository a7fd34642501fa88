using SparseAdaptive.Analysis;

namespace SparseAdaptive.Study.Structure;

/// <summary>
/// A degree sample read by likelihood: its k = 0 share (invisible on log-log axes), every <see cref="DegreeModel"/>
/// fitted to the degrees k ≥ 1 (all families on the same sample, so they compare by Vuong's test), and a power law
/// fitted to the tail from Clauset et al.'s k_min.
/// </summary>
/// <param name="Count">Number of neurons.</param>
/// <param name="ZeroShare">Share of the neurons with degree 0.</param>
/// <param name="Mean">Mean degree, zeros included.</param>
/// <param name="Max">Largest degree.</param>
/// <param name="Models">The fits from k = 1, in <see cref="DegreeModel"/> order.</param>
/// <param name="Best">The family with the lowest AIC.</param>
/// <param name="TailMinDegree">k_min of the power-law tail fit; 0 when no tail of 50 degrees has two distinct values.</param>
/// <param name="TailExponent">α of that fit; NaN when there is none.</param>
/// <param name="TailDistance">Its Kolmogorov–Smirnov distance; NaN when there is none.</param>
internal sealed record DegreeDistributionFit(int Count, double ZeroShare, double Mean, int Max, IReadOnlyList<FittedDegreeModel> Models,
    DegreeModel Best, int TailMinDegree, double TailExponent, double TailDistance)
{
    /// <summary>Fits <paramref name="degrees"/>, whose neurons have <paramref name="possible"/> possible links each (the binomial's n).</summary>
    public static DegreeDistributionFit Of(IReadOnlyList<int> degrees, int possible)
    {
        var positive = degrees.Where(k => k > 0).ToArray();
        var fits = positive.Length < 2 || positive.Distinct().Count() < 2 ? [] : new[]
        {
            DegreeFitting.Poisson(degrees, 1),
            DegreeFitting.Binomial(degrees, possible, 1),
            DegreeFitting.NegativeBinomial(degrees, 1),
            DegreeFitting.Geometric(degrees, 1),
            DegreeFitting.Lognormal(degrees, 1),
            DegreeFitting.PowerLaw(degrees, 1),
        };
        double Aic(DegreeFit fit) => 2.0 * fit.FreeParameterCount - 2 * fit.LogLikelihood;
        var best = fits.MinBy(Aic);
        var models = fits.Select(fit =>
        {
            var vuong = fit == best ? null : VuongTest.Compare(best!, fit, degrees);
            return new FittedDegreeModel(fit.Model, fit.Parameters, fit.LogLikelihood, Aic(fit), vuong?.Statistic ?? 0, vuong?.PValue ?? 1);
        }).ToArray();
        PowerLawTail? tail = null;
        try
        {
            tail = PowerLawTail.Of(degrees);
        }
        catch (ArgumentException)
        {
            // No tail of 50 degrees with two distinct values: reported as none.
        }
        return new DegreeDistributionFit(degrees.Count, DegreeFitting.ZeroShare(degrees), degrees.Average(), degrees.Max(), models,
            best?.Model ?? DegreeModel.Poisson, tail?.Fit.MinDegree ?? 0, tail?.Fit.Parameters[0] ?? double.NaN, tail?.KolmogorovSmirnovDistance ?? double.NaN);
    }
}
