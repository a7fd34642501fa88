namespace SparseAdaptive.Analysis;

/// <summary>
/// The Nelder–Mead simplex minimiser, for the few-parameter likelihoods without closed-form maxima. Derivative-free,
/// so it needs no gradient of the special functions, and deterministic.
/// </summary>
internal static class NelderMead
{
    /// <summary>The point near <paramref name="start"/> where <paramref name="objective"/> is smallest.</summary>
    /// <param name="objective">The function to minimise; +∞ or NaN mark points outside the domain.</param>
    /// <param name="start">Where to start.</param>
    /// <param name="step">Size of the first simplex along each coordinate.</param>
    public static double[] Minimize(Func<double[], double> objective, double[] start, double step = 0.5)
    {
        int n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0)
            {
                points[i][i - 1] += step;
            }
            values[i] = Safe(objective, points[i]);
        }

        for (int iteration = 0; iteration < 2000 * n; iteration++)
        {
            Array.Sort(values, points);
            if (Math.Abs(values[n] - values[0]) <= 1e-10 * (Math.Abs(values[0]) + 1e-10))
            {
                break;
            }
            var centroid = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int d = 0; d < n; d++)
                {
                    centroid[d] += points[i][d] / n;
                }
            }

            var reflected = Along(centroid, points[n], -1);
            double reflectedValue = Safe(objective, reflected);
            if (reflectedValue < values[0])
            {
                var expanded = Along(centroid, points[n], -2);
                double expandedValue = Safe(objective, expanded);
                (points[n], values[n]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
            }
            else if (reflectedValue < values[n - 1])
            {
                (points[n], values[n]) = (reflected, reflectedValue);
            }
            else
            {
                var contracted = Along(centroid, points[n], 0.5);
                double contractedValue = Safe(objective, contracted);
                if (contractedValue < values[n])
                {
                    (points[n], values[n]) = (contracted, contractedValue);
                }
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        points[i] = Along(points[0], points[i], 0.5);
                        values[i] = Safe(objective, points[i]);
                    }
                }
            }
        }
        Array.Sort(values, points);
        return points[0];
    }

    // centroid + t (point − centroid): t = −1 reflects, −2 expands, ½ contracts.
    private static double[] Along(double[] centroid, double[] point, double t) =>
        centroid.Select((c, d) => c + t * (point[d] - c)).ToArray();

    private static double Safe(Func<double[], double> objective, double[] point)
    {
        double value = objective(point);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }
}
