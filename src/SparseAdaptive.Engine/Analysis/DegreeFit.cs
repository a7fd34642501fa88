namespace SparseAdaptive.Analysis;

/// <summary>A degree distribution fitted by maximum likelihood to the degrees k ≥ <see cref="MinDegree"/> of a sample.</summary>
public sealed class DegreeFit
{
    private readonly Func<int, double> _logProbability;

    internal DegreeFit(DegreeModel model, double[] parameters, int minDegree, int sampleSize, double logLikelihood, Func<int, double> logProbability)
    {
        Model = model;
        Parameters = parameters;
        MinDegree = minDegree;
        SampleSize = sampleSize;
        LogLikelihood = logLikelihood;
        _logProbability = logProbability;
    }

    /// <summary>The family fitted.</summary>
    public DegreeModel Model { get; }

    /// <summary>The fitted parameters, in the order <see cref="DegreeModel"/> gives for <see cref="Model"/>.</summary>
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>The smallest degree the fit covers; the distribution is normalised over k ≥ <see cref="MinDegree"/>.</summary>
    public int MinDegree { get; }

    /// <summary>Number of sample degrees fitted: those ≥ <see cref="MinDegree"/>.</summary>
    public int SampleSize { get; }

    /// <summary>The maximised log-likelihood, Σ ln P(kᵢ) over the fitted degrees.</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of parameters estimated from the sample (n of the binomial and k_min are given, not counted).</summary>
    public int FreeParameterCount => Model is DegreeModel.Binomial ? 1 : Parameters.Count;

    /// <summary>ln P(k) under the fit; −∞ below <see cref="MinDegree"/> or outside the support.</summary>
    /// <param name="degree">A degree.</param>
    public double LogProbability(int degree) => degree < MinDegree ? double.NegativeInfinity : _logProbability(degree);

    /// <summary>P(k) under the fit.</summary>
    /// <param name="degree">A degree.</param>
    public double Probability(int degree) => Math.Exp(LogProbability(degree));
}
