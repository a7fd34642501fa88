using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// A network as the undirected graph of network science: a node per neuron of every layer (inputs, hidden, classes),
/// an edge per link, the direction forgotten. Nodes are numbered layer by layer, the inputs first.
/// </summary>
public sealed class NeuronGraph
{
    private readonly int[] _layerOffsets;
    private readonly int[] _adjacencyOffsets;
    private readonly int[] _neighbours;

    private NeuronGraph(int[] layerOffsets, int[] adjacencyOffsets, int[] neighbours)
    {
        _layerOffsets = layerOffsets;
        _adjacencyOffsets = adjacencyOffsets;
        _neighbours = neighbours;
    }

    /// <summary>Number of nodes: all neurons of all layers.</summary>
    public int NodeCount => _adjacencyOffsets.Length - 1;

    /// <summary>Number of edges: the network's links.</summary>
    public long EdgeCount => _neighbours.Length / 2;

    /// <summary>Number of neuron layers, the inputs and the classes included.</summary>
    public int LayerCount => _layerOffsets.Length - 1;

    /// <summary>The first node of neuron layer <paramref name="layer"/> (0 = inputs); its nodes run to the next layer's first.</summary>
    /// <param name="layer">A neuron layer, from 0 to <see cref="LayerCount"/> (which gives <see cref="NodeCount"/>).</param>
    public int FirstNodeOf(int layer) => _layerOffsets[layer];

    /// <summary>Number of edges at <paramref name="node"/>: its in-degree plus its out-degree.</summary>
    public int Degree(int node) => _adjacencyOffsets[node + 1] - _adjacencyOffsets[node];

    /// <summary>The nodes joined to <paramref name="node"/> by an edge.</summary>
    public ReadOnlySpan<int> Neighbours(int node) =>
        _neighbours.AsSpan(_adjacencyOffsets[node], _adjacencyOffsets[node + 1] - _adjacencyOffsets[node]);

    /// <summary>The undirected graph of every link of <paramref name="network"/>.</summary>
    /// <param name="network">The network; it is not modified. To leave out the dense output layer, pass a network of the other layers.</param>
    public static NeuronGraph Of(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        var layerOffsets = new int[layers.Count + 2];
        layerOffsets[1] = layers[0].InputSize;
        for (int l = 0; l < layers.Count; l++)
        {
            layerOffsets[l + 2] = layerOffsets[l + 1] + layers[l].OutputSize;
        }

        var degrees = new int[layerOffsets[^1]];
        for (int l = 0; l < layers.Count; l++)
        {
            AddDegrees(layers[l].GetOutDegrees(), degrees, layerOffsets[l]);
            AddDegrees(layers[l].GetInDegrees(), degrees, layerOffsets[l + 1]);
        }
        var adjacencyOffsets = new int[degrees.Length + 1];
        for (int node = 0; node < degrees.Length; node++)
        {
            adjacencyOffsets[node + 1] = checked(adjacencyOffsets[node] + degrees[node]);
        }

        var neighbours = new int[adjacencyOffsets[^1]];
        var filled = adjacencyOffsets[..^1];
        for (int l = 0; l < layers.Count; l++)
        {
            foreach (var link in layers[l].GetLinks())
            {
                int source = layerOffsets[l] + link.Source, target = layerOffsets[l + 1] + link.Target;
                neighbours[filled[source]++] = target;
                neighbours[filled[target]++] = source;
            }
        }
        return new NeuronGraph(layerOffsets, adjacencyOffsets, neighbours);
    }

    private static void AddDegrees(int[] layerDegrees, int[] degrees, int offset)
    {
        for (int i = 0; i < layerDegrees.Length; i++)
        {
            degrees[offset + i] += layerDegrees[i];
        }
    }
}
