namespace SparseAdaptive.Analysis;

/// <summary>The degrees ≥ a minimum of a sample, as counts of each distinct degree, so a likelihood costs one term per degree value.</summary>
internal sealed class DegreeTail
{
    private readonly int[] _values;
    private readonly int[] _counts;

    private DegreeTail(int minDegree, int[] values, int[] counts)
    {
        MinDegree = minDegree;
        _values = values;
        _counts = counts;
        Count = counts.Sum();
        Mean = Sum(k => k) / Count;
        Variance = Sum(k => (k - Mean) * (k - Mean)) / Count;
    }

    /// <summary>The smallest degree kept.</summary>
    public int MinDegree { get; }

    /// <summary>Number of degrees kept.</summary>
    public int Count { get; }

    /// <summary>Their mean.</summary>
    public double Mean { get; }

    /// <summary>Their population variance.</summary>
    public double Variance { get; }

    /// <summary>The largest degree.</summary>
    public int Max => _values[^1];

    /// <summary>The degrees ≥ <paramref name="minDegree"/> of <paramref name="degrees"/>.</summary>
    /// <exception cref="ArgumentException">A negative degree or <paramref name="minDegree"/>, or no degree ≥ it.</exception>
    public static DegreeTail Of(IReadOnlyList<int> degrees, int minDegree)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        ArgumentOutOfRangeException.ThrowIfNegative(minDegree);
        DegreeChecks.RequireValid(degrees);
        var counts = degrees.Where(k => k >= minDegree).GroupBy(k => k).OrderBy(g => g.Key).ToArray();
        if (counts.Length == 0)
        {
            throw new ArgumentException($"No degree is {minDegree} or more: there is no tail to fit.", nameof(minDegree));
        }
        return new DegreeTail(minDegree, counts.Select(g => g.Key).ToArray(), counts.Select(g => g.Count()).ToArray());
    }

    /// <summary>Σ f(kᵢ) over the degrees kept.</summary>
    public double Sum(Func<int, double> f)
    {
        double sum = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            sum += _counts[i] * f(_values[i]);
        }
        return sum;
    }

    /// <summary>Σ ln P(kᵢ): the log-likelihood of a distribution given by its log-probabilities.</summary>
    public double LogLikelihood(Func<int, double> logProbability) => Sum(logProbability);

    /// <summary>Mean and standard deviation of ln(k + ½), a start for a lognormal fit that tolerates k = 0.</summary>
    public (double Mean, double StandardDeviation) LogMoments()
    {
        double mean = Sum(k => Math.Log(k + 0.5)) / Count;
        return (mean, Math.Sqrt(Sum(k => (Math.Log(k + 0.5) - mean) * (Math.Log(k + 0.5) - mean)) / Count));
    }
}
