namespace SparseAdaptive.Analysis;

/// <summary>How many neurons have each degree, from 0 to the largest degree present.</summary>
public sealed class DegreeHistogram
{
    private readonly int[] _counts;

    private DegreeHistogram(int[] counts)
    {
        _counts = counts;
    }

    /// <summary>The largest degree present: the histogram covers degrees 0 to <see cref="MaxDegree"/>.</summary>
    public int MaxDegree => _counts.Length - 1;

    /// <summary>Number of neurons summarised.</summary>
    public int NeuronCount => _counts.Sum();

    /// <summary>Number of neurons with exactly <paramref name="degree"/> links; 0 above <see cref="MaxDegree"/>.</summary>
    /// <param name="degree">A degree ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> is negative.</exception>
    public int this[int degree]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(degree);
            return degree < _counts.Length ? _counts[degree] : 0;
        }
    }

    /// <summary>The neuron counts of degrees 0 to <see cref="MaxDegree"/>.</summary>
    public int[] GetCounts() => (int[])_counts.Clone();

    /// <summary>Counts the neurons of each degree.</summary>
    /// <param name="degrees">One degree per neuron, each ≥ 0; at least one.</param>
    /// <exception cref="ArgumentException">No degrees, or a negative one.</exception>
    public static DegreeHistogram Of(IReadOnlyList<int> degrees)
    {
        ArgumentNullException.ThrowIfNull(degrees);
        DegreeChecks.RequireValid(degrees);
        var counts = new int[degrees.Max() + 1];
        foreach (int degree in degrees)
        {
            counts[degree]++;
        }
        return new DegreeHistogram(counts);
    }
}
