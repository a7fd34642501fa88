using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>A horizontal reference level (chance, a uniform share): thin, grey and dotted, under the data's colours.</summary>
internal static class ReferenceLine
{
    private const float Width = 1.5f;

    /// <summary>Draws the level <paramref name="y"/> across <paramref name="plot"/>.</summary>
    public static void Draw(Plot plot, double y) => plot.Add.HorizontalLine(y, Width, Colors.Gray, LinePattern.Dotted);

    /// <summary>The legend entry of such a line.</summary>
    public static LegendItem LegendItem(string label) =>
        new() { LabelText = label, LineColor = Colors.Gray, LinePattern = LinePattern.Dotted, LineWidth = Width };
}
