using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>The analysed topology of a network's sparse layers at one moment (before or after training).</summary>
/// <param name="Layers">Degree statistics and histograms of each sparse (hidden) layer.</param>
/// <param name="PixelLinks">Links leaving each input pixel.</param>
internal sealed record TopologySnapshot(IReadOnlyList<LayerTopology> Layers, PixelLinkMap PixelLinks)
{
    /// <summary>Both sides of a layer, named as in the report and files: fan-in of its outputs ("in"), fan-out of its inputs ("out").</summary>
    public static IEnumerable<(string Side, DegreeStatistics Degrees, DegreeHistogram Histogram)> Sides(LayerTopology layer) =>
        [("in", layer.InDegrees, layer.InDegreeHistogram), ("out", layer.OutDegrees, layer.OutDegreeHistogram)];

    /// <summary>Analyses the hidden layers (all but the dense output layer) and the pixel map of <paramref name="network"/>.</summary>
    public static TopologySnapshot Of(SparseNetwork network, int rows, int columns) =>
        new(LayerTopology.Of(network).SkipLast(1).ToArray(), PixelLinkMap.Of(network, rows, columns));
}
