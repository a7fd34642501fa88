using SparseAdaptive.Data;
using Microsoft.ML.SparseAdaptive.Plotting;
using SparseAdaptive.Robustness;
using ScottPlot;

namespace SparseAdaptive.Study;

/// <summary>Draws the study's PNG charts. Each kind keeps one colour in every chart.</summary>
internal static class ReportPlotter
{
    private const int Width = 900;
    private const int Height = 560;
    private const int PixelChartWidth = 1200;
    private const string EpochLabel = "epoch";

    /// <summary>Draws every chart into <paramref name="directory"/> and returns the file names, grouped by section of the report.</summary>
    public static ReportCharts Write(StudyResults results, string directory)
    {
        var charts = new ReportCharts();
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                string file = $"robustness-{dataSet.Name()}-{Slug(perturbation)}.png";
                var curves = results.Options.Kinds.Select(kind => new SweepResult(kind.Name(), results.StrengthName(perturbation),
                    results.Robustness(dataSet, kind, perturbation).Select(Level).ToArray(), [])).ToArray();
                SweepPlot.SavePng(Path.Combine(directory, file), curves, $"{dataSet.Name()}: accuracy under {perturbation}, mean ± sd over training seeds", Width, Height);
                charts.Robustness.Add((dataSet, perturbation, file));
            }

            string training = $"training-{dataSet.Name()}.png";
            EpochChart(Path.Combine(directory, training), $"{dataSet.Name()}: test accuracy during training", "test accuracy (mean ± sd over seeds)",
                results.Options.Kinds.Select(kind =>
                    (kind, results.PerEpoch(dataSet, kind, e => e.ValidationAccuracy ?? double.NaN).Select((s, i) => ((double)i + 1, s)).ToArray())));
            charts.Training.Add((dataSet, training));

            if (results.Options.Kinds.Contains(NetworkKind.Adaptive))
            {
                string rewiring = $"rewiring-{dataSet.Name()}.png";
                RewiringChart(Path.Combine(directory, rewiring), dataSet, results.PerEpoch(dataSet, NetworkKind.Adaptive, e => e.LinksRewired));
                charts.Rewiring.Add((dataSet, rewiring));
            }

            foreach (var kind in results.Options.Kinds.Where(k => k.IsSparse()))
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

    /// <summary>A file-name form of a perturbation name: lower case, dashes for spaces.</summary>
    public static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    private static SweepLevel Level(RobustnessLevel level) =>
        new(level.Strength, level.MicroAccuracy.Count, Metric(level.MicroAccuracy), Metric(level.MacroAccuracy), Metric(level.LogLoss));

    private static MetricSummary Metric(SeedSummary summary) => new(summary.Mean, summary.StandardDeviation);

    private static void IntegerTicks(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    private static Color KindColor(NetworkKind kind) => new ScottPlot.Palettes.Category10().GetColor((int)kind);

    private static void EpochChart(string path, string title, string yLabel,
        IEnumerable<(NetworkKind Kind, (double X, SeedSummary Y)[] Points)> series)
    {
        var plot = new Plot();
        foreach (var (kind, points) in series)
        {
            double[] xs = points.Select(p => p.X).ToArray();
            double[] means = points.Select(p => p.Y.Mean).ToArray();
            var band = plot.Add.FillY(xs, means.Zip(points, (m, p) => m - p.Y.StandardDeviation).ToArray(),
                means.Zip(points, (m, p) => m + p.Y.StandardDeviation).ToArray());
            band.FillColor = KindColor(kind).WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(xs, means, KindColor(kind));
            line.LegendText = kind.Name();
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        plot.Title(title);
        plot.XLabel(EpochLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerLeft);
        IntegerTicks(plot);
        AtomicFile.Write(path, file => plot.SavePng(file, Width, Height));
    }

    // SET rewires after every epoch but the last, so the last epoch is left out rather than drawn as a drop to zero.
    private static void RewiringChart(string path, DataSetName dataSet, IReadOnlyList<SeedSummary> rewired)
    {
        var plot = new Plot();
        var shown = rewired.Take(Math.Max(rewired.Count - 1, 1)).ToArray();
        var bars = plot.Add.Bars(Enumerable.Range(1, shown.Length).Select(e => (double)e), shown.Select(s => s.Mean));
        bars.Color = KindColor(NetworkKind.Adaptive);
        plot.Title($"{dataSet.Name()}: links rewired after each epoch, adaptive networks (mean over seeds)");
        plot.XLabel(EpochLabel);
        plot.YLabel("links replaced, all sparse layers");
        plot.Axes.Margins(bottom: 0);
        IntegerTicks(plot);
        AtomicFile.Write(path, file => plot.SavePng(file, Width, Height));
    }

    // Fan-in and fan-out side by side; per layer, the distribution before training dashed, after training solid, pooled over seeds.
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
                    .SelectMany(s => s.Snapshot.Layers.Select(layer => (layer.Index, TopologySnapshot.Sides(layer).Single(x => x.Side == side).Histogram)))
                    .GroupBy(h => h.Index);
                foreach (var layer in histograms)
                {
                    int max = layer.Max(h => h.Histogram.MaxDegree);
                    double neurons = layer.Sum(h => h.Histogram.NeuronCount);
                    double[] degrees = Enumerable.Range(0, max + 1).Select(d => (double)d).ToArray();
                    double[] fractions = degrees.Select(d => layer.Sum(h => h.Histogram[(int)d]) / neurons).ToArray();
                    var line = plot.Add.ScatterLine(degrees, fractions, palette.GetColor(layer.Key));
                    line.LinePattern = pattern;
                    line.LineWidth = 2;
                    line.LegendText = $"layer {layer.Key + 1}, {stage}";
                }
            }
            plot.Title($"{dataSet.Name()} {kind.Name()}: {(side == "in" ? "fan-in of the layer's neurons" : "fan-out of the layer's inputs")}");
            plot.XLabel(side == "in" ? "in-degree" : "out-degree");
            plot.YLabel("fraction of neurons");
            IntegerTicks(plot);
            plot.ShowLegend(Alignment.UpperRight);
        }
        AtomicFile.Write(path, file => multiplot.SavePng(file, 2 * Width, Height));
    }

    // Links per input pixel before and after training, averaged over seeds, each with its own colour scale.
    private static void PixelChart(string path, DataSetName dataSet, NetworkKind kind, StudyResults results)
    {
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(2);
        foreach (var (stage, p) in new[] { ("initial", 0), ("trained", 1) })
        {
            var plot = multiplot.GetPlot(p);
            var image = results.MeanPixelLinks(dataSet, kind, run => run.Snapshots.Single(s => s.Stage == stage).Snapshot);
            var heatmap = plot.Add.Heatmap(image);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap).Label = "links from the pixel";
            plot.Title($"{dataSet.Name()} {kind.Name()}: links per pixel, {stage}");
            plot.Axes.SquareUnits();
            plot.HideGrid();
            // Row 0 is drawn at the top, as in the image; row numbers on the axis would read upside down.
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
        }
        AtomicFile.Write(path, file => multiplot.SavePng(file, PixelChartWidth, Height));
    }
}
