using SparseAdaptive.Network;

namespace SparseAdaptive.Topology;

/// <summary>
/// A network's links with the weights a training run starts from: He-uniform on each neuron's fan-in and zero biases,
/// as <see cref="Training.NetworkTrainer"/> initialises them. It separates what a trained topology does from what its
/// trained weights do (the "adaptive topology, fresh weights" null model).
/// </summary>
public static class FreshWeights
{
    // Apart from ConfigurationModel's streams: a rewired layer draws its placement and its weights independently.
    private const long WeightStream = 1L << 20;

    /// <summary>The same links as <paramref name="layer"/> with freshly drawn weights and zero biases.</summary>
    /// <param name="layer">The layer whose links are kept; it is not modified.</param>
    /// <param name="seed">Chooses the weights; the same seed gives the same weights.</param>
    public static SparseLayer Of(SparseLayer layer, int seed)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Draw(layer, seed, layerIndex: 0);
    }

    /// <summary>
    /// The same links as <paramref name="network"/>, every layer included, with freshly drawn weights and zero biases.
    /// </summary>
    /// <param name="network">The network whose links are kept; it is not modified.</param>
    /// <param name="seed">Chooses the weights; each layer draws from its own stream of it.</param>
    public static SparseNetwork Of(SparseNetwork network, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        return SparseNetwork.FromLayers(network.Layers.Select((layer, index) => Draw(layer, seed, index)));
    }

    /// <summary>Layer <paramref name="layerIndex"/> of a network, re-initialised from its own stream of <paramref name="seed"/>.</summary>
    internal static SparseLayer Draw(SparseLayer layer, int seed, int layerIndex)
    {
        var random = new SeededRandom(seed, WeightStream + layerIndex);
        var rowOffsets = (int[])layer.RowOffsets.Clone();
        var weights = new float[layer.LinkCount];
        for (int row = 0; row < layer.OutputSize; row++)
        {
            RandomTopology.DrawRowWeights(weights.AsSpan(rowOffsets[row], rowOffsets[row + 1] - rowOffsets[row]), ref random);
        }
        return new SparseLayer(layer.InputSize, layer.OutputSize, rowOffsets, layer.GetSources(), weights, new float[layer.OutputSize]);
    }
}
