using System.Globalization;
using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// A square-root x axis for strength grids much finer near 0 than further out (the targeted removals' 0.5% steps to
/// 10%, then 15% to 50%): on a linear axis their first twenty points would merge into one blot; on √x each keeps its
/// marker while the whole range stays in view.
/// </summary>
internal static class SquareRootAxis
{
    // Labelled strengths, where they fall inside the range.
    private static readonly double[] Labelled = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>
    /// Whether <paramref name="strengths"/> (ascending, from 0) are too many to label each on a linear axis (<see
    /// cref="CurvePanel.TicksAtMeasured"/>) and spaced unevenly enough to crowd there.
    /// </summary>
    public static bool Suits(IReadOnlyList<double> strengths)
    {
        double[] steps = strengths.Zip(strengths.Skip(1), (a, b) => b - a).ToArray();
        return strengths.Count > CurvePanel.MostLabelledTicks && strengths[0] >= 0 && steps.Max() >= 4 * steps.Min();
    }

    /// <summary>The axis position of strength <paramref name="x"/>.</summary>
    public static double Position(double x) => Math.Sqrt(x);

    /// <summary>Labels the x axis of <paramref name="plot"/> in strengths: labelled ticks at round values, minor ticks at the measured ones.</summary>
    public static void Ticks(Plot plot, IReadOnlyList<double> strengths)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double x in Labelled.Where(x => x <= strengths[^1]))
        {
            ticks.AddMajor(Position(x), x.ToString("G3", CultureInfo.InvariantCulture));
        }
        foreach (double x in strengths)
        {
            ticks.AddMinor(Position(x));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
    }
}
