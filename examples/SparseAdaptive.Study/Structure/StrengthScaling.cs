namespace SparseAdaptive.Study.Structure;

/// <summary>
/// How a layer's neuron strength s (sum of |w| in plus out) grows with its degree k: the least-squares fit of
/// ln s = ln a + β ln k over the neurons with k ≥ 1 and s &gt; 0. β = 1 with a small spread means strength is degree
/// times a typical weight, so ranking neurons by either removes nearly the same ones; β &gt; 1 means hubs also carry
/// larger weights.
/// </summary>
/// <param name="Exponent">β.</param>
/// <param name="Prefactor">a, the strength of a neuron of degree 1 on the fitted line.</param>
/// <param name="RSquared">Share of the variance of ln s the line explains.</param>
/// <param name="RankCorrelation">Spearman's rank correlation of k and s over all neurons: how alike the two hub rankings are.</param>
/// <param name="Count">Neurons fitted.</param>
internal sealed record StrengthScaling(double Exponent, double Prefactor, double RSquared, double RankCorrelation, int Count)
{
    /// <summary>Fits the strengths <paramref name="strengths"/> of neurons of degrees <paramref name="degrees"/>.</summary>
    public static StrengthScaling Of(IReadOnlyList<int> degrees, IReadOnlyList<double> strengths)
    {
        var points = degrees.Zip(strengths).Where(p => p.First > 0 && p.Second > 0).Select(p => (X: Math.Log(p.First), Y: Math.Log(p.Second))).ToArray();
        if (points.Length < 3)
        {
            return new StrengthScaling(double.NaN, double.NaN, double.NaN, double.NaN, points.Length);
        }
        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        double sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double syy = points.Sum(p => (p.Y - meanY) * (p.Y - meanY));
        double slope = sxx == 0 ? double.NaN : sxy / sxx;
        double r2 = sxx == 0 || syy == 0 ? double.NaN : sxy * sxy / (sxx * syy);
        return new StrengthScaling(slope, Math.Exp(meanY - slope * meanX), r2, Spearman(degrees.Select(k => (double)k).ToArray(), strengths.ToArray()), points.Length);
    }

    private static double Spearman(double[] x, double[] y)
    {
        double[] rx = Ranks(x), ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average();
        double sxy = rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum();
        double sxx = rx.Sum(a => (a - mx) * (a - mx)), syy = ry.Sum(b => (b - my) * (b - my));
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    // Average ranks, ties sharing the mean of their positions.
    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            for (int i = start; i <= end; i++)
            {
                ranks[order[i]] = (start + end) / 2.0;
            }
            start = end + 1;
        }
        return ranks;
    }
}
