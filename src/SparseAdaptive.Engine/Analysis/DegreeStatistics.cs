namespace SparseAdaptive.Analysis;

/// <summary>
/// Summary of the degrees (link counts) of a set of neurons: the in-degrees of a layer's outputs or the
/// out-degrees of its inputs.
/// </summary>
/// <param name="NeuronCount">Number of neurons summarised.</param>
/// <param name="Min">Smallest degree.</param>
/// <param name="Max">Largest degree.</param>
/// <param name="Mean">Mean degree.</param>
/// <param name="StandardDeviation">Population standard deviation of the degrees (every neuron is counted, none sampled).</param>
/// <param name="IsolatedFraction">Fraction of the neurons with degree 0: cut off on this side of the layer.</param>
public sealed record DegreeStatistics(int NeuronCount, int Min, int Max, double Mean, double StandardDeviation, double IsolatedFraction)
{
    /// <summary>
    /// Standard deviation over mean: 0 for a perfectly regular layer, about 1/√mean for an Erdős–Rényi random one,
    /// larger when links concentrate on a few neurons. 0 when no neuron has a link.
    /// </summary>
    public double CoefficientOfVariation => Mean == 0 ? 0 : StandardDeviation / Mean;

    /// <summary>Summarises the given degrees.</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0; at least one.</param>
    /// <exception cref="ArgumentException">No degrees, or a negative one.</exception>
    public static DegreeStatistics Of(IReadOnlyList<int> degrees)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        DegreeChecks.RequireValid(degrees);
        long sum = 0;
        int min = int.MaxValue, max = 0, isolated = 0;
        foreach (int degree in degrees)
        {
            sum += degree;
            min = Math.Min(min, degree);
            max = Math.Max(max, degree);
            isolated += degree == 0 ? 1 : 0;
        }
        double mean = (double)sum / degrees.Count;
        double squares = 0;
        foreach (int degree in degrees)
        {
            squares += (degree - mean) * (degree - mean);
        }
        return new DegreeStatistics(degrees.Count, min, max, mean, Math.Sqrt(squares / degrees.Count), (double)isolated / degrees.Count);
    }
}
