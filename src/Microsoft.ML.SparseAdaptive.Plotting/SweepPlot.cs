using ScottPlot;
using SparseAdaptive.Data;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Plotting;

/// <summary>
/// Plots of accuracy against perturbation strength: one line per sweep, with error bars of one standard deviation
/// over the seeds. Files are rendered to a temporary file and then moved, so a failed save leaves no partial file.
/// </summary>
public static class SweepPlot
{
    /// <summary>Saves a PNG plot of the micro accuracy of each sweep against its strength.</summary>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="results">The sweeps to draw, one line each.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">No sweeps, or a non-positive size.</exception>
    public static void SavePng(string path, IReadOnlyList<SweepResult> results, string title, int width = 800, int height = 600) =>
        Save(path, results, title, width, height, (plot, file) => plot.SavePng(file, width, height));

    /// <summary>Saves an SVG plot of the micro accuracy of each sweep against its strength.</summary>
    /// <param name="path">The SVG file to create or replace.</param>
    /// <param name="results">The sweeps to draw, one line each.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">No sweeps, or a non-positive size.</exception>
    public static void SaveSvg(string path, IReadOnlyList<SweepResult> results, string title, int width = 800, int height = 600) =>
        Save(path, results, title, width, height, (plot, file) => plot.SaveSvg(file, width, height));

    private static void Save(string path, IReadOnlyList<SweepResult> results, string title, int width, int height, Action<Plot, string> render)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (results.Count == 0)
        {
            throw new ArgumentException("A plot needs at least one sweep.", nameof(results));
        }

        var plot = Build(results, title);
        AtomicFile.Write(path, file => render(plot, file));
    }

    private static Plot Build(IReadOnlyList<SweepResult> results, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int r = 0; r < results.Count; r++)
        {
            var levels = results[r].Levels;
            double[] strengths = levels.Select(l => l.Strength).ToArray();
            double[] means = levels.Select(l => l.MicroAccuracy.Mean).ToArray();
            double[] deviations = levels.Select(l => l.MicroAccuracy.StandardDeviation).ToArray();
            var color = palette.GetColor(r);

            var line = plot.Add.Scatter(strengths, means, color);
            line.LegendText = results[r].Name;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            var bars = plot.Add.ErrorBar(strengths, means, deviations);
            bars.Color = color;
        }
        plot.Title(title);
        plot.XLabel(string.Join(" / ", results.Select(r => r.StrengthName).Distinct()));
        plot.YLabel("accuracy (mean ± sd over seeds)");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }
}
