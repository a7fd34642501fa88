namespace SparseAdaptive.Analysis;

/// <summary>
/// The families of degree distributions <see cref="DegreeFitting"/> fits, with the meaning of their
/// <see cref="DegreeFit.Parameters"/>. All are distributions of a count k ≥ 0, truncated to k ≥ <see cref="DegreeFit.MinDegree"/>
/// when fitted to a tail.
/// </summary>
public enum DegreeModel
{
    /// <summary>Poisson, [λ]: the degrees of an Erdős–Rényi graph in the sparse limit. P(k) = λ^k e^−λ / k!.</summary>
    Poisson,

    /// <summary>Binomial, [n, p] with n given: the exact degrees of a random layer whose neurons have n possible links.</summary>
    Binomial,

    /// <summary>
    /// Negative binomial, [r, p]: a Poisson whose rate varies between neurons (gamma-distributed), so over-dispersed.
    /// P(k) = Γ(k + r) / (Γ(r) k!) p^r (1 − p)^k, mean r(1 − p)/p.
    /// </summary>
    NegativeBinomial,

    /// <summary>Geometric, the discrete exponential, [p]: P(k) = p (1 − p)^k, mean (1 − p)/p.</summary>
    Geometric,

    /// <summary>Lognormal discretised, [μ, σ] of ln X: P(k) = P(k ≤ X &lt; k + 1) for X lognormal.</summary>
    Lognormal,

    /// <summary>Discrete power law, [α]: P(k) = k^−α / ζ(α, k_min) for k ≥ k_min ≥ 1 (Clauset, Shalizi &amp; Newman 2009).</summary>
    PowerLaw,
}
