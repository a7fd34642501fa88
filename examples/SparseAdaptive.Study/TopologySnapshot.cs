using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>The analysed topology of a network's sparse layers at one moment (before or after training), as a cell stores it.</summary>
/// <param name="Layers">Degree statistics and histograms of each sparse (hidden) layer.</param>
/// <param name="PixelRows">Height of the images.</param>
/// <param name="PixelColumns">Width of the images.</param>
/// <param name="PixelLinks">Links leaving each input pixel, row by row.</param>
internal sealed record TopologySnapshot(IReadOnlyList<LayerDegrees> Layers, int PixelRows, int PixelColumns, IReadOnlyList<int> PixelLinks)
{
    /// <summary>Links leaving the pixel at <paramref name="row"/>, <paramref name="column"/>.</summary>
    public int LinksAt(int row, int column) => PixelLinks[row * PixelColumns + column];

    /// <summary>Both sides of a layer, named as in the report and files: fan-in of its outputs ("in"), fan-out of its inputs ("out").</summary>
    public static IEnumerable<(string Side, DegreeStatistics Degrees, IReadOnlyList<int> Histogram)> Sides(LayerDegrees layer) =>
        [("in", layer.InDegrees, layer.InHistogram), ("out", layer.OutDegrees, layer.OutHistogram)];

    /// <summary>Analyses the hidden layers (all but the dense output layer) and the pixel map of <paramref name="network"/>.</summary>
    public static TopologySnapshot Of(SparseNetwork network, int rows, int columns) =>
        new(network.Layers.SkipLast(1).Select(LayerDegrees.Of).ToArray(), rows, columns, PixelLinkMap.Of(network, rows, columns).GetCounts());
}
