using ScottPlot;
using SparseAdaptive.Data;

namespace SparseAdaptive.Study;

/// <summary>
/// Draws the study's PNG charts: accuracies in percent, 95% confidence bands over the training seeds, chance level
/// where accuracy can fall to it, and each kind in one colour in every chart.
/// </summary>
internal static class ReportPlotter
{
    private const int Width = 900;
    private const int Height = 560;
    private const string EpochLabel = "Epoch";
    private const double ChancePercent = 10;

    /// <summary>Draws every chart into <paramref name="directory"/> and returns the file names, grouped by section of the report.</summary>
    public static ReportCharts Write(StudyResults results, string directory)
    {
        var charts = new ReportCharts();
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                string file = $"robustness-{dataSet.Name()}-{Slug(perturbation)}.png";
                RobustnessChart(Path.Combine(directory, file), results, dataSet, perturbation);
                charts.Robustness.Add((dataSet, perturbation, file));
            }

            string training = $"training-{dataSet.Name()}.png";
            var curves = results.Options.Kinds.Select(kind => Series(kind, results.PerEpoch(dataSet, kind, e => e.ValidationAccuracy ?? double.NaN), 100)).ToArray();
            var chart = LineChart($"{dataSet.Title()}: validation accuracy after each epoch (mean, 95% CI)", EpochLabel, "Validation accuracy (%)", curves);
            // Framed on the means: with few seeds a t band can be far wider than the curves' differences.
            var means = curves.SelectMany(c => c.Points.Select(p => p.Y.Mean)).ToArray();
            chart.Axes.SetLimitsY(Math.Max(0, means.Min() - 2), Math.Min(100, means.Max() + 1));
            Save(Path.Combine(directory, training), chart);
            charts.Training.Add((dataSet, training));

            var sparse = results.Options.Kinds.Where(k => k.IsSparse()).ToArray();
            if (sparse.Length == 0)
            {
                continue;
            }
            string probes = $"probes-{dataSet.Name()}.png";
            ProbeChart(Path.Combine(directory, probes), results, dataSet, sparse);
            charts.Probes.Add((dataSet, probes));

            string adaptation = $"adaptation-{dataSet.Name()}.png";
            AdaptationChart(Path.Combine(directory, adaptation), results, dataSet, sparse);
            charts.Adaptation.Add((dataSet, adaptation));
            foreach (var kind in sparse)
            {
                string degrees = $"degrees-{dataSet.Name()}-{kind.Name()}.png";
                DegreeChart(Path.Combine(directory, degrees), dataSet, kind, results.RunsOf(dataSet, kind));
                string pixels = $"pixels-{dataSet.Name()}-{kind.Name()}.png";
                PixelChart(Path.Combine(directory, pixels), dataSet, kind, results);
                charts.Topology.Add((dataSet, kind, degrees, pixels));
            }
        }
        return charts;
    }

    /// <summary>A file-name form of a perturbation name: lower case words joined by single dashes.</summary>
    public static string Slug(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+", "-").Trim('-');

    private static Color KindColor(NetworkKind kind) => new ScottPlot.Palettes.Category10().GetColor((int)kind);

    // A share or accuracy (bounded) lies in [0, scale]; a coefficient of variation has no upper bound.
    private static (string Label, Color Color, LinePattern Pattern, (double X, ConfidenceInterval Y)[] Points) Series(NetworkKind kind,
        IReadOnlyList<ConfidenceInterval> perEpoch, double scale, LinePattern? pattern = null, string? label = null, bool bounded = true) =>
        (label ?? kind.Name(), KindColor(kind), pattern ?? LinePattern.Solid,
            perEpoch.Select((y, i) => ((double)i + 1, Scaled(y, scale, bounded ? scale : double.PositiveInfinity))).ToArray());

    // Bands are cut to what the measure can be, [0, top]; no band for a single seed.
    private static ConfidenceInterval Scaled(ConfidenceInterval y, double scale, double top) =>
        new(scale * y.Mean, double.IsFinite(y.Low) ? Math.Max(0, scale * y.Low) : scale * y.Mean,
            double.IsFinite(y.High) ? Math.Min(top, scale * y.High) : scale * y.Mean, y.Count);

    // Lines of means with their 95% bands (a single seed draws no band).
    private static Plot LineChart(string title, string xLabel, string yLabel,
        IEnumerable<(string Label, Color Color, LinePattern Pattern, (double X, ConfidenceInterval Y)[] Points)> series, Plot? into = null)
    {
        var plot = into ?? new Plot();
        foreach (var (label, color, pattern, points) in series)
        {
            double[] xs = points.Select(p => p.X).ToArray();
            var band = plot.Add.FillY(xs, points.Select(p => p.Y.Low).ToArray(), points.Select(p => p.Y.High).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(xs, points.Select(p => p.Y.Mean).ToArray(), color);
            line.LegendText = label;
            line.LineWidth = 2;
            line.LinePattern = pattern;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        if (xLabel == EpochLabel)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }
        return plot;
    }

    // Accuracy against strength; for perturbations that remove links or neurons, a second panel shows what is left of
    // the network's paths (percolation-style), on the same strengths.
    private static void RobustnessChart(string path, StudyResults results, DataSetName dataSet, string perturbation)
    {
        string strength = results.StrengthName(perturbation);
        var kinds = results.KindsWith(dataSet, perturbation);
        var series = kinds.Select(kind =>
        {
            var runs = results.RunsOf(dataSet, kind);
            var strengths = Strengths(results, dataSet, kind, perturbation);
            var points = strengths.Select((x, i) => (x, Scaled(ConfidenceInterval.Of(runs.Select(r => StudyResults.Curve(r, perturbation)[i].Accuracy)), 100, 100))).ToArray();
            return (kind.Name(), KindColor(kind), LinePattern.Solid, points);
        }).ToArray();
        if (!results.IsStructural(perturbation))
        {
            var plot = LineChart($"{dataSet.Title()}: accuracy under {perturbation} (mean, 95% CI over training seeds)", strength, "Test accuracy (%)", series);
            Chance(plot);
            LegendBelow(plot);
            Save(path, plot);
            return;
        }
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(2);
        var accuracy = LineChart($"{dataSet.Title()}: {perturbation}", strength, "Test accuracy (%)", series, multiplot.GetPlot(0));
        Chance(accuracy);
        LegendBelow(accuracy);
        var structure = LineChart($"{dataSet.Title()}: what still connects inputs to outputs", strength, "Share (%)",
            kinds.SelectMany(kind =>
            {
                var strengths = Strengths(results, dataSet, kind, perturbation);
                (double, ConfidenceInterval)[] Points(Func<Robustness.StructureSummary, double> measure) =>
                    results.StructureCurve(dataSet, kind, perturbation, measure).Select((y, i) => (strengths[i], Scaled(y, 100, 100))).ToArray();
                // Colours are the kinds of the accuracy panel; this panel's legend names the two line styles only.
                return new[]
                {
                    ("", KindColor(kind), LinePattern.Solid, Points(s => s.InputReachShare.Mean)),
                    ("", KindColor(kind), LinePattern.Dashed, Points(s => s.HiddenOnPathShare.Mean)),
                };
            }), multiplot.GetPlot(1));
        structure.Axes.SetLimitsY(0, 105);
        foreach (var (label, pattern) in new[] { ("input pixels reaching an output (colours as left)", LinePattern.Solid), ("hidden neurons on an input-output path", LinePattern.Dashed) })
        {
            structure.Legend.ManualItems.Add(new LegendItem { LabelText = label, LineColor = Colors.Black, LinePattern = pattern, LineWidth = 2 });
        }
        LegendBelow(structure);
        AtomicFile.Write(path, file => multiplot.SavePng(file, 2 * Width, Height));
    }

    private static double[] Strengths(StudyResults results, DataSetName dataSet, NetworkKind kind, string perturbation) =>
        StudyResults.Curve(results.RunsOf(dataSet, kind)[0], perturbation).Select(p => p.Strength).ToArray();

    // Three panels over the probed epochs of the sparse kinds: clean accuracy, after random link removal, under PGD.
    private static void ProbeChart(string path, StudyResults results, DataSetName dataSet, NetworkKind[] kinds)
    {
        var o = results.Options;
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(3);
        var panels = new (string Title, Func<ProbePoint, double> Measure)[]
        {
            ("clean", p => p.Clean),
            ($"{o.ProbeRemoval:P0} of hidden links removed", p => p.LinkRemoval),
            ($"PGD ε = {o.ProbeEpsilon}", p => p.Pgd),
        };
        foreach (var (panel, (title, measure)) in panels.Select((x, i) => (i, x)))
        {
            var plot = LineChart($"{dataSet.Title()} during training: {title}", EpochLabel, "Test accuracy (%)",
                kinds.Select(kind => (kind.Name(), KindColor(kind), LinePattern.Solid,
                    results.PerProbe(dataSet, kind, measure).Select(p => ((double)p.Epoch, Scaled(p.Value, 100, 100))).ToArray())),
                multiplot.GetPlot(panel));
            Chance(plot);
            LegendBelow(plot);
        }
        AtomicFile.Write(path, file => multiplot.SavePng(file, 3 * 640, Height));
    }

    private static void Chance(Plot plot)
    {
        var chance = plot.Add.HorizontalLine(ChancePercent, 1, Colors.Gray, LinePattern.Dotted);
        chance.LegendText = "chance (10 classes)";
        plot.Axes.SetLimitsY(0, 100);
    }

    // Three panels over the epochs: links from near-blank pixels, surviving initial links, spread of degrees and strengths.
    private static void AdaptationChart(string path, StudyResults results, DataSetName dataSet, NetworkKind[] kinds)
    {
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(3);
        double uniform = 100 * results.NearBlankUniformShare(dataSet);
        var blank = LineChart($"{dataSet.Title()}: layer-1 links from near-blank pixels", EpochLabel, "Share of layer-1 links (%)",
            kinds.Select(k => Series(k, results.PerEpochTopology(dataSet, k, t => t.NearBlankShare), 100)), multiplot.GetPlot(0));
        var line = blank.Add.HorizontalLine(uniform, 1, Colors.Gray, LinePattern.Dotted);
        line.LegendText = $"uniform share ({uniform:F1}%)";
        double highest = results.Options.Kinds.Where(k => k.IsSparse()).SelectMany(k => results.PerEpochTopology(dataSet, k, t => t.NearBlankShare)).Max(y => y.Mean);
        blank.Axes.SetLimitsY(0, 1.3 * Math.Max(uniform, 100 * highest));
        LegendBelow(blank);

        int layers = results.RunsOf(dataSet, kinds[0])[0].EpochTopology[0].Layers.Count;
        LinePattern[] patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
        var kept = LineChart($"{dataSet.Title()}: initial links still present", EpochLabel, "Share of the initial links (%)",
            kinds.SelectMany(k => Enumerable.Range(0, layers).Select(l => Series(k,
                results.PerEpochTopology(dataSet, k, t => t.Layers[l].KeptFraction), 100, patterns[l % patterns.Length], $"{k.Name()}, layer {l + 1}"))),
            multiplot.GetPlot(1));
        kept.Axes.SetLimitsY(0, 105);
        LegendBelow(kept);

        var spread = LineChart($"{dataSet.Title()}: spread over layer 1's inputs (pixels)", EpochLabel, "Coefficient of variation",
            kinds.SelectMany(k => new[]
            {
                Series(k, results.PerEpochTopology(dataSet, k, t => t.Layers[0].OutDegreeCv), 1, LinePattern.Solid, $"{k.Name()}, out-degree", bounded: false),
                Series(k, results.PerEpochTopology(dataSet, k, t => t.Layers[0].OutStrengthCv), 1, LinePattern.Dashed, $"{k.Name()}, out-strength", bounded: false),
            }), multiplot.GetPlot(2));
        LegendBelow(spread);
        AtomicFile.Write(path, file => multiplot.SavePng(file, 3 * 640, Height));
    }

    // Complementary CDFs of the fan-in and fan-out on log-log axes, per layer, initial (dashed) and trained (solid),
    // pooled over seeds, against the Poisson distribution of an Erdős–Rényi graph of the same density (grey).
    private static void DegreeChart(string path, DataSetName dataSet, NetworkKind kind, IReadOnlyList<RunResult> runs)
    {
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(2);
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (side, p) in new[] { "in", "out" }.Select((s, p) => (s, p)))
        {
            var plot = multiplot.GetPlot(p);
            foreach (var (stage, pattern) in new[] { ("initial", LinePattern.Dashed), ("trained", LinePattern.Solid) })
            {
                var histograms = runs.SelectMany(run => run.Snapshots.Where(s => s.Stage == stage))
                    .SelectMany(s => s.Snapshot.Layers.Select(layer => (layer, TopologySnapshot.Sides(layer).Single(x => x.Side == side).Histogram)))
                    .GroupBy(h => h.layer.Index);
                foreach (var layer in histograms)
                {
                    var pooled = new double[layer.Max(h => h.Histogram.Count)];
                    foreach (var (_, histogram) in layer)
                    {
                        for (int d = 0; d < histogram.Count; d++)
                        {
                            pooled[d] += histogram[d];
                        }
                    }
                    var (xs, ys) = Ccdf(pooled);
                    var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(layer.Key));
                    line.LinePattern = pattern;
                    line.LineWidth = 2;
                    line.LegendText = $"layer {layer.Key + 1}, {stage}";
                    if (stage == "initial")
                    {
                        var first = layer.First().layer;
                        double mean = side == "in" ? first.Density * first.InputSize : first.Density * first.OutputSize;
                        var (px, py) = Ccdf(PoissonCounts(mean, pooled.Length * 2));
                        var poisson = plot.Add.ScatterLine(px, py, Colors.Gray.WithAlpha(0.8));
                        poisson.LinePattern = LinePattern.Dotted;
                        poisson.LineWidth = 1.5f;
                        poisson.LegendText = layer.Key == 0 ? "Erdős–Rényi (Poisson), same density" : "";
                    }
                }
            }
            plot.Axes.SetLimitsY(-4.2, 0.2);
            LogLogAxes(plot);
            plot.Title($"{dataSet.Title()} {kind.Name()}: {(side == "in" ? "fan-in of the layer's neurons" : "fan-out of the layer's inputs")}");
            plot.XLabel(side == "in" ? "In-degree k" : "Out-degree k");
            plot.YLabel("P(degree ≥ k)");
            plot.ShowLegend(Alignment.LowerLeft);
        }
        AtomicFile.Write(path, file => multiplot.SavePng(file, 2 * Width, Height));
    }

    // The points (log10 k, log10 P(K ≥ k)) for k ≥ 1 of a histogram of counts per degree.
    private static (double[] X, double[] Y) Ccdf(double[] counts)
    {
        double total = counts.Sum();
        var xs = new List<double>();
        var ys = new List<double>();
        double above = total;
        for (int k = 0; k < counts.Length; k++)
        {
            if (k >= 1 && above > 0 && above / total >= 1e-4)
            {
                xs.Add(Math.Log10(k));
                ys.Add(Math.Log10(above / total));
            }
            above -= counts[k];
        }
        return (xs.ToArray(), ys.ToArray());
    }

    private static double[] PoissonCounts(double mean, int length)
    {
        var p = new double[length];
        double term = Math.Exp(-mean);
        for (int k = 0; k < length; k++)
        {
            p[k] = term;
            term *= mean / (k + 1);
        }
        return p;
    }

    private static void LogLogAxes(Plot plot)
    {
        static string Power(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? $"{Math.Pow(10, Math.Round(v)):G4}" : "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Power, IntegerTicksOnly = true, MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator() };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Power, IntegerTicksOnly = true, MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator() };
    }

    // Links per input pixel before and after training, averaged over seeds, on one colour scale, and their difference.
    private static void PixelChart(string path, DataSetName dataSet, NetworkKind kind, StudyResults results)
    {
        var initial = results.MeanPixelLinks(dataSet, kind, run => run.Initial);
        var trained = results.MeanPixelLinks(dataSet, kind, run => run.Final);
        var difference = new double[initial.GetLength(0), initial.GetLength(1)];
        double top = 0, change = 0;
        for (int r = 0; r < initial.GetLength(0); r++)
        {
            for (int c = 0; c < initial.GetLength(1); c++)
            {
                difference[r, c] = trained[r, c] - initial[r, c];
                top = Math.Max(top, Math.Max(initial[r, c], trained[r, c]));
                change = Math.Max(change, Math.Abs(difference[r, c]));
            }
        }
        change = Math.Max(change, 1e-9);
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(3);
        var panels = new[]
        {
            ("initial", initial, (IColormap)new ScottPlot.Colormaps.Viridis(), new ScottPlot.Range(0, top), "links from the pixel"),
            ("trained", trained, new ScottPlot.Colormaps.Viridis(), new ScottPlot.Range(0, top), "links from the pixel"),
            ("trained − initial", difference, new ScottPlot.Colormaps.Balance(), new ScottPlot.Range(-change, change), "change in links"),
        };
        foreach (var (panel, (stage, image, colormap, range, label)) in panels.Select((x, i) => (i, x)))
        {
            var plot = multiplot.GetPlot(panel);
            var heatmap = plot.Add.Heatmap(image);
            heatmap.Colormap = colormap;
            heatmap.ManualRange = range;
            plot.Add.ColorBar(heatmap).Label = label;
            plot.Title($"{dataSet.Title()} {kind.Name()}: {stage}");
            plot.Axes.SquareUnits();
            plot.HideGrid();
            // Row 0 is drawn at the top, as in the image; row numbers on the axis would read upside down.
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
        }
        AtomicFile.Write(path, file => multiplot.SavePng(file, 3 * 520, 480));
    }

    // Below the data area, so that no legend ever hides a curve, whatever the data do.
    private static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        // Long enough to tell dashed from solid.
        plot.Legend.SymbolWidth = 36;
    }

    private static void Save(string path, Plot plot) => AtomicFile.Write(path, file => plot.SavePng(file, Width, Height));
}
