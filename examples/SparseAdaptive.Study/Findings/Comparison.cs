using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Findings;

/// <summary>One test of the report's family: first − second of a measure, paired by seed, and its Holm decision.</summary>
/// <param name="DataSet">The data set.</param>
/// <param name="Variant">The parameter sweep's point both kinds were trained at, or null for the main runs.</param>
/// <param name="Measure">What is compared.</param>
/// <param name="Contrast">Which kinds.</param>
/// <param name="Difference">Mean paired difference with its uncorrected 95% t interval and p-value.</param>
/// <param name="Decision">The Holm–Bonferroni decision over the whole family.</param>
internal sealed record Comparison(DataSetName DataSet, TrainingVariant? Variant, RunMeasure Measure, Contrast Contrast, ConfidenceInterval Difference, HolmDecision Decision)
{
    /// <summary>"higher" or "lower" (first against second) where the corrected test rejects no difference, else "not resolved".</summary>
    public string Verdict => !Decision.Rejected ? "not resolved" : Difference.Mean > 0 ? "higher" : "lower";

    /// <summary>The difference in display units with its interval and Holm-adjusted p: "+9.12 [+7.91, +10.33], p_Holm 0.0004".</summary>
    public string Evidence => $"{Difference.Format(Measure.Scale, Measure.Scale == 100 ? 2 : 3, signed: true)}, p_Holm {FormatP(Decision.AdjustedPValue)}";

    /// <summary>A p-value to two significant digits, small ones in scientific notation.</summary>
    public static string FormatP(double p) => p < 0.001
        ? p.ToString("0.0e0", System.Globalization.CultureInfo.InvariantCulture)
        : p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
