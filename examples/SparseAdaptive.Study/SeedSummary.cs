using System.Globalization;

namespace SparseAdaptive.Study;

/// <summary>Mean and sample standard deviation of a measure over the training seeds.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 in the denominator; 0 for a single seed).</param>
/// <param name="Count">Number of seeds.</param>
internal readonly record struct SeedSummary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>Summarises one value per seed (at least one).</summary>
    public static SeedSummary Of(IEnumerable<double> values)
    {
        var array = values.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("There is no value to summarise.", nameof(values));
        }
        double mean = array.Average();
        double squares = array.Sum(v => (v - mean) * (v - mean));
        return new SeedSummary(mean, array.Length > 1 ? Math.Sqrt(squares / (array.Length - 1)) : 0, array.Length);
    }

    /// <summary>"mean ± sd" as percentages with two decimals, for accuracies.</summary>
    public string ToPercentString() =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F2} ± {100 * StandardDeviation:F2}");
}
