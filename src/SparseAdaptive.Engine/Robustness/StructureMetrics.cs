using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// The structural state of a (perturbed) network, read from its links alone (see <see cref="PathStructure"/>): the
/// curves a sweep reports beside accuracy, to tell structural damage from a weakened signal.
/// </summary>
/// <param name="InputReachShare">Share of the inputs (pixels) from which a path of links still leads to some class neuron.</param>
/// <param name="HiddenOnPathShare">Share of the hidden neurons that lie on an input-to-output path.</param>
/// <param name="MeanHiddenDegree">Mean number of links (in plus out) per hidden neuron.</param>
/// <param name="LinkCount">Number of links in the network.</param>
public readonly record struct StructureMetrics(double InputReachShare, double HiddenOnPathShare, double MeanHiddenDegree, long LinkCount)
{
    /// <summary>Measures <paramref name="network"/>.</summary>
    /// <param name="network">The network; it is not modified.</param>
    public static StructureMetrics Of(SparseNetwork network)
    {
        var paths = PathStructure.Of(network);
        return new StructureMetrics(paths.InputReachShare, paths.HiddenOnPathShare, paths.MeanHiddenDegree, paths.LinkCount);
    }
}
