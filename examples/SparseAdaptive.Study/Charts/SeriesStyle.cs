using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// How one series is drawn: colour, line pattern and marker shape, so that series stay apart when a journal prints the
/// chart in greyscale (where colours alone merge).
/// </summary>
/// <param name="Color">Line, band and marker colour.</param>
/// <param name="Pattern">Line pattern.</param>
/// <param name="Marker">Marker shape at the measured points.</param>
internal sealed record SeriesStyle(Color Color, LinePattern Pattern, MarkerShape Marker)
{
    /// <summary>Width of every data line, in pixels.</summary>
    public const float LineWidth = 2;

    /// <summary>Size of the markers, in pixels.</summary>
    public float MarkerSize { get; init; } = 7;

    /// <summary>Dash-dot, for a fourth line style beside solid, dashed and dotted.</summary>
    public static readonly LinePattern DashDot = new([10, 4, 2, 4], 0, "DashDot");

    /// <summary>Draws <paramref name="scatter"/> in this style; <paramref name="line"/> false leaves only the markers.</summary>
    public void Apply(ScottPlot.Plottables.Scatter scatter, bool line = true)
    {
        scatter.LineColor = Color;
        scatter.LinePattern = Pattern;
        scatter.LineWidth = line ? LineWidth : 0;
        scatter.MarkerShape = Marker;
        scatter.MarkerSize = MarkerSize;
        scatter.MarkerColor = Color;
        scatter.MarkerLineWidth = 1.5f;
    }

    /// <summary>The legend entry of a series drawn in this style; <paramref name="line"/> false shows the marker alone.</summary>
    public LegendItem LegendItem(string label, bool line = true) => new()
    {
        LabelText = label,
        LineColor = Color,
        LinePattern = Pattern,
        LineWidth = line ? LineWidth : 0,
        MarkerShape = Marker,
        MarkerSize = MarkerSize,
        MarkerColor = Color,
        MarkerLineWidth = 1.5f,
    };
}
