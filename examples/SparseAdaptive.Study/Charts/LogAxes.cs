using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Log-scaled axes for data plotted as log10 values: labelled ticks at each power of ten, and also at 2 and 5 times it
/// on an axis spanning two decades or less (which would otherwise carry one or two labels), unlabelled minor ticks
/// between.
/// </summary>
internal static class LogAxes
{
    /// <summary>Puts such ticks on both axes of <paramref name="plot"/>, whose limits (in log10) are already set.</summary>
    public static void Apply(Plot plot)
    {
        var limits = plot.Axes.GetLimits();
        plot.Axes.Bottom.TickGenerator = Ticks(limits.Left, limits.Right);
        plot.Axes.Left.TickGenerator = Ticks(limits.Bottom, limits.Top);
    }

    private static ScottPlot.TickGenerators.NumericManual Ticks(double low, double high)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int power = (int)Math.Floor(low); power <= (int)Math.Ceiling(high); power++)
        {
            for (int digit = 1; digit <= 9; digit++)
            {
                double at = power + Math.Log10(digit);
                if (at < low || at > high)
                {
                    continue;
                }
                if (digit == 1 || (digit is 2 or 5 && high - low <= 2))
                {
                    ticks.AddMajor(at, power >= -4 ? $"{digit * Math.Pow(10, power):G4}" : $"{digit}e{power}");
                }
                else
                {
                    ticks.AddMinor(at);
                }
            }
        }
        return ticks;
    }
}
