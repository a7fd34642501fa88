using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Places a figure's subplots: a title strip across the top, the panels in a grid of equal cells, a legend strip across
/// the bottom. Subplots come in that order: title, panels row by row, legend.
/// </summary>
/// <param name="TitleHeight">Height of the title strip, in pixels.</param>
/// <param name="Columns">Panels per row.</param>
/// <param name="LegendHeight">Height of the legend strip, in pixels.</param>
internal sealed record FigureLayout(float TitleHeight, int Columns, float LegendHeight) : IMultiplotLayout
{
    /// <inheritdoc/>
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
    {
        int panels = subplots.Count - 2;
        int rows = (panels + Columns - 1) / Columns;
        float width = figureRect.Width / Columns;
        float height = (figureRect.Height - TitleHeight - LegendHeight) / rows;
        var rectangles = new PixelRect[subplots.Count];
        rectangles[0] = new PixelRect(figureRect.Left, figureRect.Right, figureRect.Top + TitleHeight, figureRect.Top);
        for (int i = 0; i < panels; i++)
        {
            float left = figureRect.Left + i % Columns * width;
            float top = figureRect.Top + TitleHeight + i / Columns * height;
            rectangles[i + 1] = new PixelRect(left, left + width, top + height, top);
        }
        rectangles[^1] = new PixelRect(figureRect.Left, figureRect.Right, figureRect.Bottom, figureRect.Bottom - LegendHeight);
        return rectangles;
    }
}
