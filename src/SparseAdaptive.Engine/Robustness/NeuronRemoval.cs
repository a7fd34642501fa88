using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Neuron removal: each chosen hidden layer loses exactly round(fraction × its neurons), at random or hubs first
/// (see <see cref="NeuronOrder"/>). A removed neuron loses every link in and out and its bias is set to zero, so it
/// no longer exists for the network: it receives nothing, and its output (ReLU(0) = 0) reaches nothing. Hubs are ranked
/// once, on the intact network (a simultaneous attack, not recalculated after each removal); neurons of equal degree or
/// strength are taken in index order, so a ranked removal does not depend on the seed. The input and class neurons are
/// never removed; the original network is never modified.
/// </summary>
public sealed class NeuronRemoval : NetworkPerturbation
{
    /// <summary>Describes the removal of a fraction of the neurons of the hidden layers.</summary>
    /// <param name="fraction">Fraction of each chosen hidden layer's neurons to remove, in [0, 1].</param>
    /// <param name="order">Which neurons go first; default at random.</param>
    /// <param name="hiddenLayer">
    /// The one hidden layer to remove neurons from, as the index of the layer that produces it (0 for the first hidden
    /// layer, up to Layers.Count − 2); null (the default) for every hidden layer.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1], the order unknown or the layer index negative.</exception>
    public NeuronRemoval(double fraction, NeuronOrder order = NeuronOrder.Random, int? hiddenLayer = null)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"The fraction of neurons must be in [0, 1]; got {fraction}.");
        }
        if (order is not (NeuronOrder.Random or NeuronOrder.HighestDegreeFirst or NeuronOrder.HighestStrengthFirst))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The order must be Random, HighestDegreeFirst or HighestStrengthFirst; got {order}.");
        }
        if (hiddenLayer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenLayer), hiddenLayer, $"A hidden layer index must be ≥ 0; got {hiddenLayer}.");
        }
        Fraction = fraction;
        Order = order;
        HiddenLayer = hiddenLayer;
    }

    /// <summary>Fraction of each chosen hidden layer's neurons that are removed, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Which neurons go first.</summary>
    public NeuronOrder Order { get; }

    /// <summary>The one hidden layer neurons are removed from (index of the layer producing it), or null for all.</summary>
    public int? HiddenLayer { get; }

    /// <summary>Number of a hidden layer's neurons that are removed: round(<see cref="Fraction"/> × <paramref name="neuronCount"/>), halves rounded up.</summary>
    /// <param name="neuronCount">The hidden layer's number of neurons.</param>
    public int RemovedNeuronCount(int neuronCount) => (int)Math.Round(Fraction * neuronCount, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The neurons removed from hidden layer <paramref name="layer"/> (the outputs of <c>network.Layers[layer]</c>), in
    /// the order they are taken; empty when the layer is not chosen.
    /// </summary>
    /// <param name="network">The intact network.</param>
    /// <param name="layer">Index of the layer producing the hidden neurons, in [0, Layers.Count − 2].</param>
    /// <param name="seed">Chooses the neurons of a random removal; ignored by the ranked orders.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a hidden layer of the network.</exception>
    public int[] ChooseNeurons(SparseNetwork network, int layer, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (layer < 0 || layer >= network.Layers.Count - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer,
                $"The network's hidden layers are produced by layers 0 to {network.Layers.Count - 2}; got {layer}.");
        }
        if (HiddenLayer is int only && only != layer)
        {
            return [];
        }
        var producer = network.Layers[layer];
        int count = RemovedNeuronCount(producer.OutputSize);
        if (Order == NeuronOrder.Random)
        {
            var random = new SeededRandom(seed, layer);
            // The same uniform subset draw as for links, over the layer's neurons.
            return WeightPerturbation.PickLinks(producer.OutputSize, count, ref random);
        }
        var sizes = HubSizes(producer, network.Layers[layer + 1]);
        // A stable sort keeps equal hubs in index order.
        return Enumerable.Range(0, sizes.Length).OrderByDescending(j => sizes[j]).Take(count).ToArray();
    }

    /// <summary>Returns a copy of <paramref name="network"/> without the chosen neurons; the original is left untouched.</summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">Chooses the neurons of a random removal; the same seed gives the same copy.</param>
    /// <exception cref="ArgumentException"><see cref="HiddenLayer"/> is not a hidden layer of the network.</exception>
    public override SparseNetwork Apply(SparseNetwork network, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        if (HiddenLayer >= layers.Count - 1)
        {
            throw new ArgumentException(
                $"Neurons are to be removed from hidden layer {HiddenLayer}, but the network's hidden layers are produced by layers 0 to {layers.Count - 2}.",
                nameof(network));
        }
        // Chosen on the intact network before anything is removed.
        var removed = new bool[layers.Count - 1][];
        for (int h = 0; h < removed.Length; h++)
        {
            removed[h] = new bool[layers[h].OutputSize];
            foreach (int neuron in ChooseNeurons(network, h, seed))
            {
                removed[h][neuron] = true;
            }
        }

        var copy = network.Clone();
        for (int l = 0; l < copy.Layers.Count; l++)
        {
            var layer = copy.Layers[l];
            bool[]? removedTargets = l < removed.Length ? removed[l] : null;
            bool[]? removedSources = l > 0 ? removed[l - 1] : null;
            var links = new bool[layer.LinkCount];
            for (int row = 0; row < layer.OutputSize; row++)
            {
                bool rowRemoved = removedTargets?[row] == true;
                if (rowRemoved)
                {
                    layer.Biases[row] = 0f;
                }
                for (int k = layer.RowOffsets[row]; k < layer.RowOffsets[row + 1]; k++)
                {
                    links[k] = rowRemoved || removedSources?[layer.SourceAt(k)] == true;
                }
            }
            LayerLinkDeletion.Delete(layer, links);
        }
        return copy;
    }

    // Degree or strength of each neuron between the layer producing it and the layer reading it.
    private double[] HubSizes(SparseLayer producer, SparseLayer reader)
    {
        var sizes = new double[producer.OutputSize];
        bool byDegree = Order == NeuronOrder.HighestDegreeFirst;
        for (int row = 0; row < producer.OutputSize; row++)
        {
            for (int k = producer.RowOffsets[row]; k < producer.RowOffsets[row + 1]; k++)
            {
                sizes[row] += byDegree ? 1 : Math.Abs(producer.Weights[k]);
            }
        }
        for (int k = 0; k < reader.LinkCount; k++)
        {
            sizes[reader.SourceAt(k)] += byDegree ? 1 : Math.Abs(reader.Weights[k]);
        }
        return sizes;
    }
}
