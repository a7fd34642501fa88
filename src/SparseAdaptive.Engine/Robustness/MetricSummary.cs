namespace SparseAdaptive.Robustness;

/// <summary>Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value) of a metric over seeds.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation.</param>
public readonly record struct MetricSummary(double Mean, double StandardDeviation)
{
    /// <summary>Summarises <paramref name="values"/> (at least one).</summary>
    internal static MetricSummary Of(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        double squares = values.Sum(v => (v - mean) * (v - mean));
        return new MetricSummary(mean, values.Count > 1 ? Math.Sqrt(squares / (values.Count - 1)) : 0.0);
    }
}
