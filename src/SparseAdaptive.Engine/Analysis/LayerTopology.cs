using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>The shape of one layer's connectivity: its size, density and degree distributions on both sides.</summary>
public sealed class LayerTopology
{
    private LayerTopology(SparseLayer layer, int index)
    {
        var inDegrees = layer.GetInDegrees();
        var outDegrees = layer.GetOutDegrees();
        Index = index;
        InputSize = layer.InputSize;
        OutputSize = layer.OutputSize;
        LinkCount = layer.LinkCount;
        Density = layer.Density;
        IsDense = layer.IsDense;
        InDegrees = DegreeStatistics.Of(inDegrees);
        OutDegrees = DegreeStatistics.Of(outDegrees);
        InDegreeHistogram = DegreeHistogram.Of(inDegrees);
        OutDegreeHistogram = DegreeHistogram.Of(outDegrees);
    }

    /// <summary>Position of the layer in its network, 0 for the layer fed by the features.</summary>
    public int Index { get; }

    /// <summary>Number of neurons feeding the layer.</summary>
    public int InputSize { get; }

    /// <summary>Number of neurons the layer produces.</summary>
    public int OutputSize { get; }

    /// <summary>Number of links present.</summary>
    public int LinkCount { get; }

    /// <summary>Fraction of the possible links that are present.</summary>
    public double Density { get; }

    /// <summary>True when every possible link is present.</summary>
    public bool IsDense { get; }

    /// <summary>Fan-in of the output neurons: how many links arrive at each.</summary>
    public DegreeStatistics InDegrees { get; }

    /// <summary>Fan-out of the input neurons: how many links leave each.</summary>
    public DegreeStatistics OutDegrees { get; }

    /// <summary>Distribution of the fan-in of the output neurons.</summary>
    public DegreeHistogram InDegreeHistogram { get; }

    /// <summary>Distribution of the fan-out of the input neurons.</summary>
    public DegreeHistogram OutDegreeHistogram { get; }

    /// <summary>Analyses one layer.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="index">Its position in its network, reported as <see cref="Index"/>.</param>
    public static LayerTopology Of(SparseLayer layer, int index)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new LayerTopology(layer, index);
    }

    /// <summary>Analyses every layer of a network, from input to output.</summary>
    /// <param name="network">The network.</param>
    public static IReadOnlyList<LayerTopology> Of(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Layers.Select((layer, index) => new LayerTopology(layer, index)).ToArray();
    }
}
