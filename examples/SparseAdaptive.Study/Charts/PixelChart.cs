using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Links leaving each input pixel, averaged over seeds, drawn as the image (row 0 at the top). A kind that rewires shows
/// the map before and after training on one colour scale and their difference; one that does not has one map
/// throughout, drawn once.
/// </summary>
internal static class PixelChart
{
    private const int PanelWidth = 560;
    private const int PanelHeight = 470;

    /// <summary>Draws the pixel maps of <paramref name="kind"/> on <paramref name="dataSet"/> into <paramref name="path"/>.</summary>
    public static void Write(string path, StudyResults results, DataSetName dataSet, NetworkKind kind)
    {
        var trained = results.MeanPixelLinks(dataSet, kind, run => run.Final);
        int seeds = results.RunsOf(dataSet, kind).Count;
        if (!kind.Rewires())
        {
            var single = new Figure($"{dataSet.Title()} {kind.Name()}: links leaving each pixel (unchanged by training; mean over {seeds} seeds)",
                1, 1, PanelWidth, PanelHeight);
            Map(single[0], "", trained, new ScottPlot.Colormaps.Viridis(), new ScottPlot.Range(0, Largest(trained)), "Links leaving the pixel");
            single.Save(path);
            return;
        }
        var initial = results.MeanPixelLinks(dataSet, kind, run => run.Initial);
        var difference = new double[initial.GetLength(0), initial.GetLength(1)];
        for (int r = 0; r < initial.GetLength(0); r++)
        {
            for (int c = 0; c < initial.GetLength(1); c++)
            {
                difference[r, c] = trained[r, c] - initial[r, c];
            }
        }
        var top = new ScottPlot.Range(0, Math.Max(Largest(initial), Largest(trained)));
        double change = Math.Max(Largest(difference), 1e-9);
        var figure = new Figure($"{dataSet.Title()} {kind.Name()}: links leaving each pixel (mean over {seeds} seeds)", 3, 3, PanelWidth, PanelHeight);
        Map(figure[0], "Before training", initial, new ScottPlot.Colormaps.Viridis(), top, "Links leaving the pixel");
        Map(figure[1], "After training", trained, new ScottPlot.Colormaps.Viridis(), top, "Links leaving the pixel");
        Map(figure[2], "After − before", difference, new ScottPlot.Colormaps.Balance(), new ScottPlot.Range(-change, change), "Change in links");
        figure.Save(path);
    }

    private static void Map(Plot plot, string title, double[,] image, IColormap colormap, ScottPlot.Range range, string label)
    {
        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = range;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = label;
        // Room for the widest tick labels ("−2.5") and the label, which the bar's own measure can leave outside the figure.
        bar.MinimumSize = 110;
        plot.Title(title, 15);
        plot.Axes.Margins(0, 0);
        plot.Axes.SquareUnits();
        plot.HideGrid();
        // Row 0 is drawn at the top, as in the image; row numbers on the axis would read upside down: a bare frame.
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
        }
    }

    private static double Largest(double[,] image) => image.Cast<double>().Max(Math.Abs);
}
