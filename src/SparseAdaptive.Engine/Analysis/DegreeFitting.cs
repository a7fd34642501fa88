using static SparseAdaptive.Analysis.SpecialFunctions;

namespace SparseAdaptive.Analysis;

/// <summary>
/// Maximum-likelihood fits of the <see cref="DegreeModel"/> families to a sample of degrees, to read a degree
/// distribution by likelihood rather than by eye on log-log axes. A fit to a tail (<c>minDegree</c> &gt; 0) uses only the
/// degrees ≥ minDegree and the distribution truncated there, so that every family can be compared with a power law on
/// the same degrees (<see cref="VuongTest"/>).
/// </summary>
public static class DegreeFitting
{
    /// <summary>Share of the degrees that are 0: the neurons a log-log plot cannot show.</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0; at least one.</param>
    /// <exception cref="ArgumentException">No degrees, or a negative one.</exception>
    public static double ZeroShare(IReadOnlyList<int> degrees)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        DegreeChecks.RequireValid(degrees);
        return (double)degrees.Count(d => d == 0) / degrees.Count;
    }

    /// <summary>Fits a Poisson distribution, [λ].</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minDegree">Fit only the degrees ≥ this, with the distribution truncated there.</param>
    /// <exception cref="ArgumentException">A negative degree, a negative <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    public static DegreeFit Poisson(IReadOnlyList<int> degrees, int minDegree = 0)
    {
        var tail = DegreeTail.Of(degrees, minDegree);
        return Fit(DegreeModel.Poisson, tail, [Math.Log(Math.Max(tail.Mean, 1e-3))],
            theta => [Math.Exp(theta[0])],
            p => k => k * Math.Log(p[0]) - p[0] - LogFactorial(k));
    }

    /// <summary>Fits a binomial distribution with <paramref name="trials"/> trials, [n, p].</summary>
    /// <param name="degrees">One degree per neuron, each in [0, <paramref name="trials"/>].</param>
    /// <param name="trials">n, the number of possible links of a neuron (the other side's width).</param>
    /// <param name="minDegree">Fit only the degrees ≥ this, with the distribution truncated there.</param>
    /// <exception cref="ArgumentException">A degree outside [0, n], n not positive, a negative <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    public static DegreeFit Binomial(IReadOnlyList<int> degrees, int trials, int minDegree = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        var tail = DegreeTail.Of(degrees, minDegree);
        if (tail.Max > trials)
        {
            throw new ArgumentException($"A degree is {tail.Max}, more than the {trials} trials of the binomial.", nameof(degrees));
        }
        double share = Math.Clamp(tail.Mean / trials, 1e-6, 1 - 1e-6);
        return Fit(DegreeModel.Binomial, tail, [Math.Log(share / (1 - share))],
            theta => [trials, Logistic(theta[0])],
            p => k => k > trials ? double.NegativeInfinity
                : LogFactorial(trials) - LogFactorial(k) - LogFactorial(trials - k) + k * Math.Log(p[1]) + (trials - k) * Math.Log(1 - p[1]));
    }

    /// <summary>Fits a negative binomial distribution, [r, p].</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minDegree">Fit only the degrees ≥ this, with the distribution truncated there.</param>
    /// <exception cref="ArgumentException">A negative degree, a negative <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    /// <remarks>An under-dispersed sample (variance below the mean) drives r to its bound, the Poisson limit.</remarks>
    public static DegreeFit NegativeBinomial(IReadOnlyList<int> degrees, int minDegree = 0)
    {
        var tail = DegreeTail.Of(degrees, minDegree);
        double mean = Math.Max(tail.Mean, 1e-3);
        double r = tail.Variance > mean ? mean * mean / (tail.Variance - mean) : 1e3;
        // θ = (ln r, ln mean); r is bounded where Γ(k + r)/Γ(r) would lose its precision.
        return Fit(DegreeModel.NegativeBinomial, tail, [Math.Log(r), Math.Log(mean)],
            theta =>
            {
                double size = Math.Exp(Math.Min(theta[0], 20));
                return [size, size / (size + Math.Exp(theta[1]))];
            },
            p => k => LogGamma(k + p[0]) - LogGamma(p[0]) - LogFactorial(k) + p[0] * Math.Log(p[1]) + k * Math.Log(1 - p[1]));
    }

    /// <summary>Fits a geometric (discrete exponential) distribution, [p].</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minDegree">Fit only the degrees ≥ this, with the distribution truncated there.</param>
    /// <exception cref="ArgumentException">A negative degree, a negative <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    public static DegreeFit Geometric(IReadOnlyList<int> degrees, int minDegree = 0)
    {
        var tail = DegreeTail.Of(degrees, minDegree);
        double p = Math.Clamp(1 / (1 + tail.Mean - minDegree), 1e-6, 1 - 1e-6);
        return Fit(DegreeModel.Geometric, tail, [Math.Log(p / (1 - p))],
            theta => [Logistic(theta[0])],
            q => k => Math.Log(q[0]) + k * Math.Log(1 - q[0]));
    }

    /// <summary>Fits a discretised lognormal distribution, [μ, σ].</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minDegree">Fit only the degrees ≥ this, with the distribution truncated there.</param>
    /// <exception cref="ArgumentException">A negative degree, a negative <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    public static DegreeFit Lognormal(IReadOnlyList<int> degrees, int minDegree = 0)
    {
        var tail = DegreeTail.Of(degrees, minDegree);
        var (logMean, logDeviation) = tail.LogMoments();
        return Fit(DegreeModel.Lognormal, tail, [logMean, Math.Log(Math.Max(logDeviation, 0.05))],
            theta => [theta[0], Math.Exp(theta[1])],
            p => k => LogIntervalProbability((Math.Log(k) - p[0]) / p[1], (Math.Log(k + 1) - p[0]) / p[1]));
    }

    /// <summary>Fits a discrete power law to the degrees ≥ <paramref name="minDegree"/>, [α] (Clauset, Shalizi &amp; Newman 2009).</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0.</param>
    /// <param name="minDegree">k_min ≥ 1, where the power law starts; see <see cref="PowerLawTail"/> to choose it.</param>
    /// <exception cref="ArgumentException">A negative degree, <paramref name="minDegree"/> below 1, or no degree ≥ it.</exception>
    public static DegreeFit PowerLaw(IReadOnlyList<int> degrees, int minDegree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minDegree, 1);
        var tail = DegreeTail.Of(degrees, minDegree);
        // Start from their continuous approximation, α ≈ 1 + n / Σ ln(k / (k_min − ½)); θ = ln(α − 1).
        double approximate = 1 + tail.Count / tail.Sum(k => Math.Log(k / (minDegree - 0.5)));
        var (parameters, logLikelihood) = Maximise(tail, [Math.Log(Math.Max(approximate - 1, 0.05))],
            theta => [1 + Math.Exp(theta[0])],
            p => PowerLawLogProbability(p[0], minDegree));
        return new DegreeFit(DegreeModel.PowerLaw, parameters, minDegree, tail.Count, logLikelihood,
            PowerLawLogProbability(parameters[0], minDegree));
    }

    private static Func<int, double> PowerLawLogProbability(double alpha, int minDegree)
    {
        double logNormalisation = Math.Log(HurwitzZeta(alpha, minDegree));
        return k => -alpha * Math.Log(k) - logNormalisation;
    }

    // Fits a family of counts on k ≥ 0, truncated to the tail: P(k) / P(K ≥ k_min).
    private static DegreeFit Fit(DegreeModel model, DegreeTail tail, double[] start, Func<double[], double[]> parameters,
        Func<double[], Func<int, double>> logProbability)
    {
        Func<double[], Func<int, double>> truncated = p => Truncated(logProbability(p), tail.MinDegree);
        var (fitted, logLikelihood) = Maximise(tail, start, parameters, truncated);
        return new DegreeFit(model, fitted, tail.MinDegree, tail.Count, logLikelihood, truncated(fitted));
    }

    private static (double[] Parameters, double LogLikelihood) Maximise(DegreeTail tail, double[] start,
        Func<double[], double[]> parameters, Func<double[], Func<int, double>> logProbability)
    {
        var best = NelderMead.Minimize(theta => -tail.LogLikelihood(logProbability(parameters(theta))), start);
        var fitted = parameters(best);
        return (fitted, tail.LogLikelihood(logProbability(fitted)));
    }

    private static Func<int, double> Truncated(Func<int, double> logProbability, int minDegree)
    {
        double below = 0;
        for (int k = 0; k < minDegree; k++)
        {
            below += Math.Exp(logProbability(k));
        }
        double logTail = Math.Log(Math.Max(1 - below, double.Epsilon));
        return k => logProbability(k) - logTail;
    }

    // ln(Φ(b) − Φ(a)), from the upper tail where both are close to 1 so the difference keeps its digits.
    private static double LogIntervalProbability(double a, double b) =>
        Math.Log(a > 0 ? NormalCdf(-a) - NormalCdf(-b) : NormalCdf(b) - NormalCdf(a));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
