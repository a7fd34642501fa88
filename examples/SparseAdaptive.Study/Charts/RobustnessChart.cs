using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Test accuracy against a perturbation's strength, every kind in one panel; for perturbations that remove links or
/// neurons, two more panels on the same strengths show what is left of the network's paths (percolation-style).
/// </summary>
internal static class RobustnessChart
{
    /// <summary>Draws the chart of <paramref name="perturbation"/> on <paramref name="dataSet"/> into <paramref name="path"/>.</summary>
    public static void Write(string path, StudyResults results, DataSetName dataSet, string perturbation)
    {
        var kinds = results.KindsWith(dataSet, perturbation);
        var levels = kinds.SelectMany(k => Strengths(results, dataSet, k, perturbation)).Distinct().Order().ToArray();
        bool squareRoot = SquareRootAxis.Suits(levels);
        string strength = StrengthAxis.Label(perturbation, results.StrengthName(perturbation), results.Options.HiddenLayerSizes.Count)
            + (squareRoot ? " (√ scale)" : "");

        // One curve per kind of a measure per strength; x placed on the axis's scale.
        Curve[] Curves(Func<NetworkKind, IReadOnlyList<ConfidenceInterval>> measure) => kinds.Select(kind =>
        {
            var strengths = Strengths(results, dataSet, kind, perturbation);
            return new Curve(kind.Name(), KindStyles.Of(kind),
                measure(kind).Select((y, i) => (squareRoot ? SquareRootAxis.Position(strengths[i]) : strengths[i], Curve.Scaled(y, 100))).ToArray());
        }).ToArray();
        void Axis(Plot plot, Curve[] curves)
        {
            if (squareRoot)
            {
                SquareRootAxis.Ticks(plot, levels);
            }
            else
            {
                CurvePanel.TicksAtMeasured(plot, curves);
            }
        }

        var accuracy = Curves(kind =>
        {
            var curves = results.RunsOf(dataSet, kind).Select(r => StudyResults.Curve(r, perturbation)).ToArray();
            return curves[0].Select((_, i) => ConfidenceInterval.Of(curves.Select(c => c[i].Accuracy))).ToArray();
        });
        bool structural = results.IsStructural(perturbation);
        var figure = new Figure($"{dataSet.Title()}: {perturbation} (mean and 95% CI over training seeds)", structural ? 3 : 1, structural ? 3 : 1,
            structural ? 620 : 1000, 460);
        CurvePanel.Draw(figure[0], structural ? "Test accuracy" : "", strength, "Test accuracy (%)", accuracy);
        Axis(figure[0], accuracy);
        bool chance = AxisFrame.Accuracy(figure[0], accuracy);
        if (structural)
        {
            var panels = new (string Title, string Axis, Func<Robustness.StructureSummary, double> Measure)[]
            {
                ("Input pixels with a path to an output", "Share of the input pixels (%)", s => s.InputReachShare.Mean),
                ("Hidden neurons on an input–output path", "Share of the hidden neurons (%)", s => s.HiddenOnPathShare.Mean),
            };
            foreach (var (panel, (title, axis, measure)) in panels.Select((p, i) => (i + 1, p)))
            {
                var curves = Curves(kind => results.StructureCurve(dataSet, kind, perturbation, measure));
                CurvePanel.Draw(figure[panel], title, strength, axis, curves);
                Axis(figure[panel], curves);
                AxisFrame.Percent(figure[panel], curves);
            }
        }
        figure.Legend.AddRange(accuracy.Select(c => c.Style.LegendItem(c.Label)));
        if (chance)
        {
            figure.Legend.Add(AxisFrame.ChanceLegend());
        }
        figure.Save(path);
    }

    private static double[] Strengths(StudyResults results, DataSetName dataSet, NetworkKind kind, string perturbation) =>
        StudyResults.Curve(results.RunsOf(dataSet, kind)[0], perturbation).Select(p => p.Strength).ToArray();
}
