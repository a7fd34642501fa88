using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>How a sparse network's topology stands after one epoch (and its rewiring).</summary>
/// <param name="NearBlankShare">Share of the first layer's links that leave a near-blank pixel.</param>
/// <param name="Layers">Per sparse hidden layer, from input to output.</param>
internal sealed record EpochTopology(double NearBlankShare, IReadOnlyList<LayerEpochTopology> Layers)
{
    /// <summary>Measures <paramref name="network"/> against its <paramref name="initial"/> network.</summary>
    public static EpochTopology Of(SparseNetwork network, SparseNetwork initial, NearBlankPixels nearBlank) =>
        new(nearBlank.LinkShare(network), network.Layers.SkipLast(1).Select((layer, l) => LayerEpochTopology.Of(layer, initial.Layers[l])).ToArray());
}
