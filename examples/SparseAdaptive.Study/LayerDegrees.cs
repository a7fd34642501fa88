using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>One layer's degrees as a cell stores them: its shape, and the statistics and histogram of each side.</summary>
/// <param name="Index">Position of the layer in its network, 0 for the layer fed by the pixels.</param>
/// <param name="InputSize">Neurons feeding the layer.</param>
/// <param name="OutputSize">Neurons the layer produces.</param>
/// <param name="LinkCount">Links present.</param>
/// <param name="InDegrees">Fan-in of the layer's outputs.</param>
/// <param name="OutDegrees">Fan-out of the layer's inputs.</param>
/// <param name="InHistogram">Outputs with each fan-in, from 0 to the largest.</param>
/// <param name="OutHistogram">Inputs with each fan-out, from 0 to the largest.</param>
internal sealed record LayerDegrees(int Index, int InputSize, int OutputSize, int LinkCount, DegreeStatistics InDegrees, DegreeStatistics OutDegrees,
    IReadOnlyList<int> InHistogram, IReadOnlyList<int> OutHistogram)
{
    /// <summary>Fraction of the possible links that are present.</summary>
    public double Density => (double)LinkCount / ((long)InputSize * OutputSize);

    /// <summary>Layer <paramref name="index"/> of a network.</summary>
    public static LayerDegrees Of(SparseLayer layer, int index)
    {
        var topology = LayerTopology.Of(layer, index);
        return new LayerDegrees(index, layer.InputSize, layer.OutputSize, layer.LinkCount, topology.InDegrees, topology.OutDegrees,
            topology.InDegreeHistogram.GetCounts(), topology.OutDegreeHistogram.GetCounts());
    }
}
