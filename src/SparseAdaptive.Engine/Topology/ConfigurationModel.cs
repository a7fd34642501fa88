using SparseAdaptive.Network;

namespace SparseAdaptive.Topology;

/// <summary>
/// The configuration-model null network of a layer: the same fan-in of every output neuron and the same fan-out of
/// every input neuron, with the links otherwise placed at random (bipartite, degree-preserving, no link twice) and
/// fresh initial weights. What a trained topology shares with its configuration model comes from its degree sequence;
/// what it does not, from where adaptation put the links.
/// </summary>
/// <remarks>
/// The rewiring is the switching chain of Maslov &amp; Sneppen (2002): two links a→x and b→y become a→y and b→x
/// unless either already exists. Every step keeps both degree sequences and leaves no multi-link; after some ten
/// switches per link the chain has forgotten its start, and its stationary distribution is uniform over the
/// simple bipartite graphs with those degrees.
/// </remarks>
public static class ConfigurationModel
{
    /// <summary>Switch attempts per link unless told otherwise: enough for the chain to forget the trained topology.</summary>
    public const int DefaultSwitchesPerLink = 10;

    // Apart from FreshWeights' streams, so that the placement and the weights are drawn independently.
    private const long SwitchStream = 2L << 20;

    /// <summary>
    /// A layer with <paramref name="layer"/>'s in- and out-degree sequences, links rewired at random, fresh weights
    /// (He-uniform on each fan-in, as <see cref="FreshWeights"/>) and zero biases.
    /// </summary>
    /// <param name="layer">The layer whose degree sequences are kept; it is not modified.</param>
    /// <param name="seed">Chooses the rewiring and the weights; the same seed gives the same layer.</param>
    /// <param name="switchesPerLink">Switch attempts per link; 0 keeps the links where they are.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="switchesPerLink"/> is negative.</exception>
    public static SparseLayer Rewire(SparseLayer layer, int seed, int switchesPerLink = DefaultSwitchesPerLink)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfNegative(switchesPerLink);
        return FreshWeights.Draw(Switched(layer, seed, layerIndex: 0, switchesPerLink), seed, layerIndex: 0);
    }

    /// <summary>
    /// The configuration model of a whole network: every sparse layer rewired as <see cref="Rewire(SparseLayer, int, int)"/>
    /// does, each from its own stream of <paramref name="seed"/>; a dense layer (the output layer) keeps its links, which
    /// are its only possible ones. Every layer gets fresh weights and zero biases: the network a static training starts from.
    /// </summary>
    /// <param name="network">The network whose degree sequences are kept; it is not modified.</param>
    /// <param name="seed">Chooses the rewiring and the weights; the same seed gives the same network.</param>
    /// <param name="switchesPerLink">Switch attempts per link; 0 keeps the links where they are.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="switchesPerLink"/> is negative.</exception>
    public static SparseNetwork Rewire(SparseNetwork network, int seed, int switchesPerLink = DefaultSwitchesPerLink)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegative(switchesPerLink);
        var rewired = network.Layers.Select((layer, index) => layer.IsDense ? layer : Switched(layer, seed, index, switchesPerLink));
        return FreshWeights.Of(SparseNetwork.FromLayers(rewired), seed);
    }

    // A link keeps its slot, hence its target: switching a→x, b→y to a→y, b→x is swapping the sources of two slots.
    // The weights are left in their slots, meaningless, for the caller to replace.
    private static SparseLayer Switched(SparseLayer layer, int seed, int layerIndex, int switchesPerLink)
    {
        var random = new SeededRandom(seed, SwitchStream + layerIndex);
        var sources = layer.GetSources();
        var targets = new int[sources.Length];
        var present = new HashSet<long>(sources.Length);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            for (int k = layer.RowOffsets[row]; k < layer.RowOffsets[row + 1]; k++)
            {
                targets[k] = row;
                present.Add(Key(sources[k], row, layer.InputSize));
            }
        }

        long attempts = (long)switchesPerLink * sources.Length;
        for (long attempt = 0; attempt < attempts && sources.Length > 1; attempt++)
        {
            int first = random.NextInt(sources.Length);
            int second = random.NextInt(sources.Length);
            int a = sources[first], x = targets[first], b = sources[second], y = targets[second];
            if (a == b || x == y || present.Contains(Key(a, y, layer.InputSize)) || present.Contains(Key(b, x, layer.InputSize)))
            {
                continue;
            }
            present.Remove(Key(a, x, layer.InputSize));
            present.Remove(Key(b, y, layer.InputSize));
            present.Add(Key(a, y, layer.InputSize));
            present.Add(Key(b, x, layer.InputSize));
            sources[first] = b;
            sources[second] = a;
        }

        var rowOffsets = (int[])layer.RowOffsets.Clone();
        for (int row = 0; row < layer.OutputSize; row++)
        {
            sources.AsSpan(rowOffsets[row], rowOffsets[row + 1] - rowOffsets[row]).Sort();
        }
        return new SparseLayer(layer.InputSize, layer.OutputSize, rowOffsets, sources, layer.GetWeights(), layer.GetBiases());
    }

    private static long Key(int source, int target, int inputSize) => (long)target * inputSize + source;
}
