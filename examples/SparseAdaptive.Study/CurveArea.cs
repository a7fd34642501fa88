namespace SparseAdaptive.Study;

/// <summary>
/// One number per robustness curve: the area under accuracy against strength, over the strengths rescaled to [0, 1]
/// (so it is the mean accuracy over the range, trapezoids on the measured levels), and the same area divided by the
/// clean accuracy (how much of its own accuracy a network keeps, whatever it starts from).
/// </summary>
internal static class CurveArea
{
    /// <summary>The area of one curve given as (strength, accuracy) points with distinct strengths, the clean level included.</summary>
    /// <exception cref="ArgumentException">Fewer than two points.</exception>
    public static double Of(IReadOnlyList<(double Strength, double Accuracy)> points)
    {
        if (points.Count < 2)
        {
            throw new ArgumentException("A curve area needs at least two strengths.", nameof(points));
        }
        var sorted = points.OrderBy(p => p.Strength).ToArray();
        double range = sorted[^1].Strength - sorted[0].Strength;
        double area = 0;
        for (int i = 1; i < sorted.Length; i++)
        {
            area += (sorted[i].Strength - sorted[i - 1].Strength) * (sorted[i].Accuracy + sorted[i - 1].Accuracy) / 2;
        }
        return area / range;
    }

    /// <summary><see cref="Of"/> divided by the accuracy at the lowest strength (the clean accuracy when the curve starts at 0).</summary>
    public static double Relative(IReadOnlyList<(double Strength, double Accuracy)> points) =>
        Of(points) / points.MinBy(p => p.Strength).Accuracy;
}
