using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>Draws curves into a panel: each its 95% band, its line and markers on its measured points.</summary>
internal static class CurvePanel
{
    /// <summary>The most measured x values that <see cref="TicksAtMeasured"/> labels one by one.</summary>
    public const int MostLabelledTicks = 12;

    /// <summary>
    /// Draws <paramref name="curves"/> into <paramref name="plot"/> under a short title (none for a figure's only
    /// panel, which the figure's title names) and labelled axes. The first curve is drawn last, on top: the kinds come
    /// in report order, the main ones first.
    /// </summary>
    public static void Draw(Plot plot, string title, string xLabel, string yLabel, IReadOnlyList<Curve> curves)
    {
        // Fainter bands where many overlap, so that their sum stays a tint rather than a grey that hides the grid.
        double alpha = Math.Clamp(0.5 / curves.Count, 0.07, 0.18);
        for (int c = curves.Count - 1; c >= 0; c--)
        {
            var curve = curves[c];
            double[] xs = curve.Points.Select(p => p.X).ToArray();
            // A single seed has no interval: no band.
            if (curve.Points.Any(p => p.Y.High > p.Y.Low))
            {
                var band = plot.Add.FillY(xs, curve.Points.Select(p => p.Y.Low).ToArray(), curve.Points.Select(p => p.Y.High).ToArray());
                band.FillColor = curve.Style.Color.WithAlpha(alpha);
                band.LineWidth = 0;
            }
            double[] means = curve.Points.Select(p => p.Y.Mean).ToArray();
            var line = plot.Add.ScatterLine(xs, means);
            curve.Style.Apply(line);
            if (curve.MarkerEvery > 1)
            {
                // Staggered from curve to curve, so that curves which coincide still show every marker shape.
                line.MarkerShape = MarkerShape.None;
                int phase = c % curve.MarkerEvery;
                int[] marked = Enumerable.Range(0, xs.Length).Where(i => i % curve.MarkerEvery == phase).ToArray();
                curve.Style.Apply(plot.Add.ScatterPoints(marked.Select(i => xs[i]).ToArray(), marked.Select(i => means[i]).ToArray()), line: false);
            }
        }
        Label(plot, title, xLabel, yLabel);
    }

    /// <summary>Gives <paramref name="plot"/> its panel title (none when empty) and axis labels, in the figure's sizes.</summary>
    public static void Label(Plot plot, string title, string xLabel, string yLabel)
    {
        if (title.Length > 0)
        {
            plot.Title(title, 15);
        }
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
    }

    /// <summary>
    /// Ticks at the measured x values of <paramref name="curves"/>, where they are few enough to label each (probed
    /// epochs, strength levels); automatic ticks on a finer grid.
    /// </summary>
    public static void TicksAtMeasured(Plot plot, IEnumerable<Curve> curves)
    {
        double[] xs = curves.SelectMany(c => c.Points.Select(p => p.X)).Distinct().Order().ToArray();
        if (xs.Length <= MostLabelledTicks)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs,
                xs.Select(x => x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
    }

    /// <summary>Whole numbers only on the x axis (epochs).</summary>
    public static void IntegerTicksX(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
}
