using System.Globalization;
using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study;

/// <summary>A mean with its 95% confidence interval from Student's t over n values (seeds, or paired differences).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="Count">Number of values.</param>
internal readonly record struct ConfidenceInterval(double Mean, double Low, double High, int Count)
{
    // Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom.
    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// Two-sided p-value of the one-sample t test of mean 0 (the paired t test when the values are paired differences):
    /// NaN for a single value; for values without spread, 1 when they are all 0 and 0 otherwise.
    /// </summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>True when the interval lies wholly above 0.</summary>
    public bool IsPositive => Low > 0;

    /// <summary>True when the interval lies wholly below 0.</summary>
    public bool IsNegative => High < 0;

    /// <summary>
    /// The t interval of the mean of <paramref name="values"/>; for paired differences pass the per-seed differences.
    /// A single value has an unbounded interval.
    /// </summary>
    /// <exception cref="ArgumentException">There is no value.</exception>
    public static ConfidenceInterval Of(IEnumerable<double> values)
    {
        var summary = SeedSummary.Of(values);
        if (summary.Count < 2)
        {
            return new ConfidenceInterval(summary.Mean, double.NegativeInfinity, double.PositiveInfinity, summary.Count);
        }
        // Past 30 degrees of freedom the normal quantile is within 2% of t's.
        double t = summary.Count - 1 <= TQuantiles.Length ? TQuantiles[summary.Count - 2] : 1.96;
        double standardError = summary.StandardDeviation / Math.Sqrt(summary.Count);
        double half = t * standardError;
        double pValue = standardError == 0
            ? (summary.Mean == 0 ? 1 : 0)
            : StudentT.TwoSidedPValue(summary.Mean / standardError, summary.Count - 1);
        return new ConfidenceInterval(summary.Mean, summary.Mean - half, summary.Mean + half, summary.Count) { PValue = pValue };
    }

    /// <summary>
    /// "mean [low, high]" scaled by <paramref name="scale"/> (100 for percentages) with <paramref name="decimals"/> decimals;
    /// "mean (1 seed)" for a single value, whose interval is unbounded.
    /// </summary>
    public string Format(double scale = 100, int decimals = 2, bool signed = false)
    {
        string digits = "0." + new string('0', decimals);
        string number = signed ? $"+{digits};−{digits};{digits}" : digits;
        // Rounded first so a small negative value reads 0.00, not "-0.00" or "-+0.00" (a negative zero).
        string F(double v) => (Math.Round(scale * v, decimals) + 0.0).ToString(number, CultureInfo.InvariantCulture);
        return Count < 2 ? $"{F(Mean)} (1 seed)" : $"{F(Mean)} [{F(Low)}, {F(High)}]";
    }
}
