using System.Globalization;
using ScottPlot;
using SparseAdaptive.Study.Findings;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// The headline measures against sparsity and against ζ, adaptive beside static, one row per parameter and one panel
/// per measure: whether the adaptive − static gap depends on either. Along ζ static is the main static network, drawn
/// as a dotted level without markers, since ζ does not exist without rewiring.
/// </summary>
internal static class VariantsChart
{
    /// <summary>Draws the chart of <paramref name="dataSet"/> into <paramref name="path"/>; false (nothing drawn) without sweep points.</summary>
    public static bool Write(string path, StudyResults results, DataSetName dataSet)
    {
        var points = VariantPoint.Of(results, dataSet);
        var parameters = new[] { (VariantParameter.Sparsity, "Sparsity of the hidden layers (log scale of 1 − sparsity)"), (VariantParameter.RewireFraction, "ζ (fraction of links rewired per epoch)") }
            .Where(p => VariantPoint.Along(points, p.Item1).Count > 1).ToArray();
        if (parameters.Length == 0)
        {
            return false;
        }
        var measures = ComparisonFamily.Headline.ToArray();
        var figure = new Figure($"{dataSet.Title()}: the headline measures against sparsity and ζ, training seeds 0 to {results.Options.VariantSeeds - 1} "
            + "(mean and 95% CI over seeds; the main runs at sparsity "
            + $"{results.Options.Sparsity.ToString(CultureInfo.InvariantCulture)} and ζ {points[0].Zeta.ToString(CultureInfo.InvariantCulture)} on the same seeds)",
            parameters.Length * measures.Length, measures.Length, 480, 400);
        foreach (var (row, (parameter, axis)) in parameters.Select((p, i) => (i, p)))
        {
            var along = VariantPoint.Along(points, parameter);
            foreach (var (column, measure) in measures.Select((m, i) => (i, m)))
            {
                Curve Series(NetworkKind kind, Func<VariantPoint, IReadOnlyList<RunResult>> runs) => new(kind.Name(), KindStyles.Of(kind),
                    along.Select(p => (Position(parameter, p.Value), Curve.Scaled(ConfidenceInterval.Of(runs(p.Point).Select(measure.Value).OfType<double>()), measure.Scale))).ToArray());
                var staticCurve = Series(NetworkKind.Static, p => p.Static);
                // Along ζ static is one network measured once: a level without markers, not points measured at each ζ.
                Curve[] curves = [Series(NetworkKind.Adaptive, p => p.Adaptive),
                    parameter == VariantParameter.Sparsity ? staticCurve : staticCurve with { Style = LevelStyle }];
                var plot = figure[row * measures.Length + column];
                string name = measure.Name.StartsWith("area: ", StringComparison.Ordinal) ? $"Curve area: {measure.Name["area: ".Length..]}" : "Clean accuracy";
                CurvePanel.Draw(plot, name, axis, measure == RunMeasure.CleanAccuracy ? "Test accuracy (%)" : "Curve area (%)", curves);
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(along.Select(p => Position(parameter, p.Value)).ToArray(),
                    along.Select(p => p.Value.ToString(CultureInfo.InvariantCulture)).ToArray());
                AxisFrame.Percent(plot, curves);
            }
        }
        figure.Legend.AddRange(new[] { NetworkKind.Adaptive, NetworkKind.Static }.Select(k => KindStyles.Of(k).LegendItem(k.Name())));
        if (parameters.Any(p => p.Item1 == VariantParameter.RewireFraction))
        {
            figure.Legend.Add(LevelStyle.LegendItem("static, along ζ (never rewired: one level)"));
        }
        figure.Save(path);
        return true;
    }

    private static readonly SeriesStyle LevelStyle = KindStyles.Of(NetworkKind.Static) with { Pattern = LinePattern.Dotted, Marker = MarkerShape.None };

    // Sparsities 0.95 to 0.995 halve the density from point to point: placed by log density they stand apart.
    private static double Position(VariantParameter parameter, double value) => parameter == VariantParameter.Sparsity ? -Math.Log10(1 - value) : value;
}
