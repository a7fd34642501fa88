namespace SparseAdaptive.Study.Statistics;

/// <summary>One hypothesis of a family after the Holm–Bonferroni correction.</summary>
/// <param name="PValue">Its uncorrected p-value.</param>
/// <param name="AdjustedPValue">Its Holm-adjusted p-value: the smallest family-wise level at which it is rejected.</param>
/// <param name="Rejected">Whether it is rejected at the family-wise level asked for.</param>
internal readonly record struct HolmDecision(double PValue, double AdjustedPValue, bool Rejected);
