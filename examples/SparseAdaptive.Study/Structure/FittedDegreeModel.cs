using SparseAdaptive.Analysis;

namespace SparseAdaptive.Study.Structure;

/// <summary>One family's maximum-likelihood fit to a layer's degrees (k ≥ 1), weighed against the best family.</summary>
/// <param name="Model">The family.</param>
/// <param name="Parameters">Its fitted parameters (<see cref="DegreeModel"/> gives their meaning).</param>
/// <param name="LogLikelihood">Log-likelihood of the degrees under the fit.</param>
/// <param name="Aic">Akaike's information criterion, 2 × free parameters − 2 × log-likelihood: lower is better.</param>
/// <param name="VuongAgainstBest">Vuong's z of the best family (lowest AIC) against this one: positive when the best fits better; 0 for the best itself.</param>
/// <param name="VuongPValue">Two-sided p-value of that z (1 for the best itself).</param>
internal sealed record FittedDegreeModel(DegreeModel Model, IReadOnlyList<double> Parameters, double LogLikelihood, double Aic,
    double VuongAgainstBest, double VuongPValue);
