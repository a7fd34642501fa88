using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Neuron removal: each chosen hidden layer loses exactly round(fraction × its neurons), at random or hubs first
/// (see <see cref="NeuronOrder"/>). A removed neuron loses every link in and out and its bias is set to zero, so it
/// no longer exists for the network: it receives nothing, and its output (ReLU(0) = 0) reaches nothing. Neurons of
/// equal degree or strength are taken in index order, so a ranked removal does not depend on the seed. The input and
/// class neurons are never removed; the original network is never modified.
/// </summary>
/// <remarks>
/// <para>
/// By default hubs are ranked once, on the intact network (a simultaneous attack). With <see cref="Recalculated"/>
/// they are re-ranked on the damaged network after every single removal (the adaptive attack of Holme et al. 2002),
/// under this rule: each chosen hidden layer loses the same number of neurons as without recalculation; the layers are
/// attacked one after the other from the input side; within a layer the neurons go one at a time, each time the one
/// that ranks highest on the network as every removal so far (those of the earlier layers, then the earlier ones of
/// this layer) has left it.
/// </para>
/// <para>
/// Neurons of one layer share no links, so removing one leaves the degrees and strengths of the others unchanged: a
/// layer's recalculated choice is its ranking taken once on the network the earlier layers' removals have left, which
/// is how it is computed (one pass over the links of each layer, not one per removal). What recalculation changes is
/// the links a neuron keeps from the hidden layer before it. Hence the recalculated choice equals the simultaneous one
/// in the first hidden layer, when only one hidden layer is chosen (<see cref="HiddenLayer"/>), and for
/// <see cref="NeuronOrder.HighestOutDegreeFirst"/> (the layers after have lost nothing yet).
/// </para>
/// </remarks>
public sealed class NeuronRemoval : NetworkPerturbation
{
    /// <summary>Describes the removal of a fraction of the neurons of the hidden layers.</summary>
    /// <param name="fraction">Fraction of each chosen hidden layer's neurons to remove, in [0, 1].</param>
    /// <param name="order">Which neurons go first; default at random.</param>
    /// <param name="hiddenLayer">
    /// The one hidden layer to remove neurons from, as the index of the layer that produces it (0 for the first hidden
    /// layer, up to Layers.Count − 2); null (the default) for every hidden layer.
    /// </param>
    /// <param name="recalculated">
    /// Whether hubs are re-ranked on the damaged network after each removal rather than ranked once on the intact one
    /// (see the remarks); default false. Needs a hub order.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1], the order unknown or the layer index negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="recalculated"/> is set for a <see cref="NeuronOrder.Random"/> removal, which has no ranking.</exception>
    public NeuronRemoval(double fraction, NeuronOrder order = NeuronOrder.Random, int? hiddenLayer = null, bool recalculated = false)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"The fraction of neurons must be in [0, 1]; got {fraction}.");
        }
        if (!Enum.IsDefined(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order,
                $"The order must be one of {string.Join(", ", Enum.GetNames<NeuronOrder>())}; got {order}.");
        }
        if (hiddenLayer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenLayer), hiddenLayer, $"A hidden layer index must be ≥ 0; got {hiddenLayer}.");
        }
        if (recalculated && order == NeuronOrder.Random)
        {
            throw new ArgumentException(
                $"A random removal has no ranking to recalculate: {nameof(recalculated)} needs one of the hub orders, not {order}.",
                nameof(recalculated));
        }
        Fraction = fraction;
        Order = order;
        HiddenLayer = hiddenLayer;
        Recalculated = recalculated;
    }

    /// <summary>Fraction of each chosen hidden layer's neurons that are removed, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Which neurons go first.</summary>
    public NeuronOrder Order { get; }

    /// <summary>The one hidden layer neurons are removed from (index of the layer producing it), or null for all.</summary>
    public int? HiddenLayer { get; }

    /// <summary>Whether hubs are re-ranked on the damaged network after each removal (see the remarks of <see cref="NeuronRemoval"/>).</summary>
    public bool Recalculated { get; }

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
        return ChooseThrough(network, layer, seed)[layer];
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
        // All chosen before the copy is touched: a recalculated ranking accounts for the earlier removals itself.
        var removed = ChooseThrough(network, layers.Count - 2, seed).Select((neurons, h) => Mask(neurons, layers[h].OutputSize)).ToArray();

        var copy = network.Clone();
        for (int l = 0; l < copy.Layers.Count; l++)
        {
            var layer = copy.Layers[l];
            layer.RemoveNeurons(removedOutputs: l < removed.Length ? removed[l] : null, removedInputs: l > 0 ? removed[l - 1] : null);
        }
        return copy;
    }

    // The neurons removed from hidden layers 0 to last, layer after layer: a recalculated ranking of a layer is taken
    // on the network the removals from the layers before it have left.
    private int[][] ChooseThrough(SparseNetwork network, int last, int seed)
    {
        var chosen = new int[last + 1][];
        bool[]? removedBefore = null;
        for (int h = 0; h <= last; h++)
        {
            chosen[h] = ChooseInLayer(network, h, seed, Recalculated ? removedBefore : null);
            removedBefore = Mask(chosen[h], network.Layers[h].OutputSize);
        }
        return chosen;
    }

    private int[] ChooseInLayer(SparseNetwork network, int layer, int seed, bool[]? removedBefore)
    {
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
        var sizes = HubSizes(producer, network.Layers[layer + 1], removedBefore);
        // A stable sort keeps equal hubs in index order.
        return Enumerable.Range(0, sizes.Length).OrderByDescending(j => sizes[j]).Take(count).ToArray();
    }

    // Degree or strength of each neuron between the layer producing it and the layer reading it, over the sides the
    // order ranks by. Links from the neurons of removedSources (the hidden layer before, when recalculated) are gone.
    private double[] HubSizes(SparseLayer producer, SparseLayer reader, bool[]? removedSources)
    {
        var sizes = new double[producer.OutputSize];
        bool byStrength = Order == NeuronOrder.HighestStrengthFirst;
        if (Order != NeuronOrder.HighestOutDegreeFirst)
        {
            for (int row = 0; row < producer.OutputSize; row++)
            {
                for (int k = producer.RowOffsets[row]; k < producer.RowOffsets[row + 1]; k++)
                {
                    if (removedSources?[producer.SourceAt(k)] != true)
                    {
                        sizes[row] += byStrength ? Math.Abs(producer.Weights[k]) : 1;
                    }
                }
            }
        }
        if (Order != NeuronOrder.HighestInDegreeFirst)
        {
            for (int k = 0; k < reader.LinkCount; k++)
            {
                sizes[reader.SourceAt(k)] += byStrength ? Math.Abs(reader.Weights[k]) : 1;
            }
        }
        return sizes;
    }

    private static bool[] Mask(int[] neurons, int neuronCount)
    {
        var mask = new bool[neuronCount];
        foreach (int neuron in neurons)
        {
            mask[neuron] = true;
        }
        return mask;
    }
}
