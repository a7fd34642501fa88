namespace SparseAdaptive.Study.Statistics;

/// <summary>
/// The critical fraction f_c of a robustness curve: the smallest strength at which a measure (accuracy, input reach)
/// falls below half its value at strength 0, read by linear interpolation between the two measured levels around it.
/// It places a collapse between grid points, which a curve area cannot.
/// </summary>
internal static class CriticalFraction
{
    /// <summary>f_c of one curve, or null when the measure never falls below half its value at strength 0.</summary>
    /// <param name="points">(strength, value) points with distinct strengths, in any order, one of them at strength 0.</param>
    /// <exception cref="ArgumentException">No point at strength 0, two points at one strength, or a value that is not finite.</exception>
    public static double? Of(IReadOnlyList<(double Strength, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderBy(p => p.Strength).ToArray();
        if (sorted.Length == 0 || sorted[0].Strength != 0)
        {
            throw new ArgumentException("A critical fraction needs the curve's value at strength 0 and no negative strength.", nameof(points));
        }
        for (int i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i].Value) || (i > 0 && sorted[i].Strength == sorted[i - 1].Strength))
            {
                throw new ArgumentException($"The point at strength {sorted[i].Strength} is repeated or its value is not finite.", nameof(points));
            }
        }

        double half = sorted[0].Value / 2;
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Value < half)
            {
                var (before, after) = (sorted[i - 1], sorted[i]);
                return before.Strength + (before.Value - half) / (before.Value - after.Value) * (after.Strength - before.Strength);
            }
        }
        return null;
    }
}
