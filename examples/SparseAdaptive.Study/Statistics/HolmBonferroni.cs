namespace SparseAdaptive.Study.Statistics;

/// <summary>
/// The Holm–Bonferroni step-down correction (Holm 1979): over a family of m tests, the i-th smallest p-value is
/// compared with α / (m − i + 1), and testing stops at the first that fails. It keeps the family-wise error rate at α
/// under any dependence between the tests, and rejects at least what plain Bonferroni does.
/// </summary>
internal static class HolmBonferroni
{
    /// <summary>Corrects a family of p-values; the decisions come back in the order of <paramref name="pValues"/>.</summary>
    /// <param name="pValues">The uncorrected p-values of the family, each in [0, 1].</param>
    /// <param name="alpha">The family-wise error rate, in (0, 1).</param>
    /// <exception cref="ArgumentException">A p-value is outside [0, 1] or NaN, or <paramref name="alpha"/> is outside (0, 1).</exception>
    public static HolmDecision[] Correct(IReadOnlyList<double> pValues, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The family-wise error rate must be in (0, 1).");
        }
        for (int i = 0; i < pValues.Count; i++)
        {
            if (!(pValues[i] is >= 0 and <= 1))
            {
                throw new ArgumentException($"P-value {i} is {pValues[i]}; a p-value lies in [0, 1].", nameof(pValues));
            }
        }

        int m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var decisions = new HolmDecision[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            // Adjusted values are made monotone, so a hypothesis is rejected exactly when all smaller ones are.
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            decisions[i] = new HolmDecision(pValues[i], running, running <= alpha);
        }
        return decisions;
    }
}
