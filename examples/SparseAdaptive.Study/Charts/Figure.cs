using ScottPlot;
using SparseAdaptive.Data;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// A chart as a journal prints it: a title that wraps rather than being clipped, panels in a grid, and one legend
/// below them all, outside the data, whatever the data do.
/// </summary>
internal sealed class Figure
{
    private const float TitleSize = 17;
    private const float Margin = 10;
    private readonly string _title;
    private readonly int _columns;
    private readonly int _panelWidth;
    private readonly int _panelHeight;
    private readonly Plot[] _panels;

    // One sans-serif face for every figure, as journals print them, set before any plot picks up the machine's default.
    static Figure()
    {
        if (Fonts.GetTypeface("DejaVu Sans", bold: false, italic: false) is not null)
        {
            Fonts.Default = "DejaVu Sans";
        }
    }

    /// <summary>A figure of <paramref name="panels"/> panels, <paramref name="columns"/> to a row, each of the given size in pixels.</summary>
    public Figure(string title, int panels, int columns, int panelWidth, int panelHeight)
    {
        _title = title;
        _columns = columns;
        _panelWidth = panelWidth;
        _panelHeight = panelHeight;
        _panels = Enumerable.Range(0, panels).Select(_ => new Plot()).ToArray();
    }

    /// <summary>Panel <paramref name="index"/>, row by row.</summary>
    public Plot this[int index] => _panels[index];

    /// <summary>Every panel, row by row.</summary>
    public IReadOnlyList<Plot> Panels => _panels;

    /// <summary>The entries of the legend below the panels, in order.</summary>
    public List<LegendItem> Legend { get; } = [];

    /// <summary>Writes the figure as a PNG to <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        int width = _columns * _panelWidth;
        using var paint = Paint.NewDisposablePaint();

        var title = new Plot();
        Strip(title);
        var style = new LabelStyle { FontSize = TitleSize, Bold = true };
        var lines = Wrap(_title, width - 4 * Margin, style, paint);
        float lineHeight = style.Measure("Ag", paint).LineHeight;
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            var text = title.Add.Annotation(line, Alignment.UpperCenter);
            text.LabelStyle = new LabelStyle { Text = line, FontSize = TitleSize, Bold = true };
            text.OffsetY = Margin + i * lineHeight;
        }

        var legend = new Plot();
        Strip(legend);
        legend.Legend.ManualItems.AddRange(Legend);
        legend.ShowLegend(Alignment.UpperCenter, Orientation.Horizontal);
        legend.Legend.SymbolWidth = 40;
        legend.Legend.TightHorizontalWrapping = true;
        legend.Legend.FontSize = 14;
        legend.Legend.ShadowOffset = new PixelOffset(0, 0);
        legend.Legend.OutlineWidth = 0;
        float legendHeight = Legend.Count == 0 ? 0
            : legend.Legend.GetLayout(new PixelSize(width - 2 * Margin, 10_000), paint).LegendRect.Height + 2 * Margin;

        var multiplot = new Multiplot(title);
        foreach (var panel in _panels)
        {
            multiplot.AddPlot(panel);
        }
        multiplot.AddPlot(legend);
        float titleHeight = 2 * Margin + lines.Count * lineHeight;
        multiplot.Layout = new FigureLayout(titleHeight, _columns, legendHeight);
        int rows = (_panels.Length + _columns - 1) / _columns;
        int height = (int)Math.Ceiling(titleHeight + rows * _panelHeight + legendHeight);
        AtomicFile.Write(path, file => multiplot.SavePng(file, width, height));
    }

    // A strip draws no axes, grid or frame: only its annotation or legend.
    private static void Strip(Plot plot)
    {
        plot.Layout.Frameless();
        plot.HideGrid();
    }

    // As few lines as fit the figure, balanced in length: no last line with a lone word.
    private static List<string> Wrap(string text, float width, LabelStyle style, Paint paint)
    {
        var lines = Greedy(text, width, style, paint);
        // The narrowest width, from an even split up, that needs no more lines.
        float narrower = style.Measure(text, paint).Size.Width / lines.Count;
        while (narrower < width && Greedy(text, narrower, style, paint).Count > lines.Count)
        {
            narrower *= 1.05f;
        }
        return narrower < width ? Greedy(text, narrower, style, paint) : lines;
    }

    // Words moved to a new line wherever the line would be wider than width.
    private static List<string> Greedy(string text, float width, LabelStyle style, Paint paint)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            string longer = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && style.Measure(longer, paint).Size.Width > width)
            {
                lines.Add(line);
                longer = word;
            }
            line = longer;
        }
        lines.Add(line);
        return lines;
    }
}
