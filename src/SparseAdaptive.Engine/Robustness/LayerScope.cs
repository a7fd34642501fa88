using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Which layers of a network a weight perturbation corrupts: a kind of layers (<see cref="Hidden"/>,
/// <see cref="Output"/> or <see cref="All"/>) or one layer by index (<see cref="Layer"/>), so that each hidden layer and
/// the output layer can be perturbed alone while the others stay bit-identical. A <see cref="PerturbedLayers"/> value
/// converts to the scope of that kind.
/// </summary>
public sealed record LayerScope
{
    private LayerScope(PerturbedLayers layers, int? layerIndex)
    {
        Layers = layers;
        LayerIndex = layerIndex;
    }

    /// <summary>Every layer but the last.</summary>
    public static LayerScope Hidden { get; } = new(PerturbedLayers.Hidden, null);

    /// <summary>The last layer, which produces the class logits.</summary>
    public static LayerScope Output { get; } = new(PerturbedLayers.Output, null);

    /// <summary>Every layer.</summary>
    public static LayerScope All { get; } = new(PerturbedLayers.All, null);

    /// <summary>The kind of layers in scope; 0 (no kind) when the scope is one layer by index.</summary>
    public PerturbedLayers Layers { get; }

    /// <summary>The index of the only layer in scope (0 = the layer fed by the inputs), or null for a kind of layers.</summary>
    public int? LayerIndex { get; }

    /// <summary>The scope of layer <paramref name="index"/> alone.</summary>
    /// <param name="index">Index into <see cref="SparseNetwork.Layers"/>, ≥ 0; the last one is the output layer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static LayerScope Layer(int index)
    {
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A layer index must be ≥ 0; got {index}.");
        }
        return new LayerScope(0, index);
    }

    /// <summary>The scope of a kind of layers.</summary>
    /// <param name="layers">Hidden, Output or All.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> is not one of the three.</exception>
    public static LayerScope FromPerturbedLayers(PerturbedLayers layers) => layers switch
    {
        PerturbedLayers.Hidden => Hidden,
        PerturbedLayers.Output => Output,
        PerturbedLayers.All => All,
        _ => throw new ArgumentOutOfRangeException(nameof(layers), layers, $"The perturbed layers must be Hidden, Output or All; got {layers}."),
    };

    /// <summary>The scope of a kind of layers; see <see cref="FromPerturbedLayers"/>.</summary>
    /// <param name="layers">Hidden, Output or All.</param>
    public static implicit operator LayerScope(PerturbedLayers layers) => FromPerturbedLayers(layers);

    /// <summary>One scope per layer of <paramref name="network"/>, in order: each hidden layer alone, then the output layer alone.</summary>
    /// <param name="network">The network whose layers are counted.</param>
    public static IReadOnlyList<LayerScope> EachLayer(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Enumerable.Range(0, network.Layers.Count).Select(Layer).ToArray();
    }

    /// <summary>Whether layer <paramref name="layer"/> of a network of <paramref name="layerCount"/> layers is in scope.</summary>
    /// <param name="layer">The layer's index.</param>
    /// <param name="layerCount">The network's number of layers.</param>
    public bool Contains(int layer, int layerCount)
    {
        if (LayerIndex is int only)
        {
            return layer == only;
        }
        var kind = layer == layerCount - 1 ? PerturbedLayers.Output : PerturbedLayers.Hidden;
        return (Layers & kind) != 0;
    }

    /// <summary>A short description for sweep names: "hidden layers", "output layer", "all layers" or "layer k".</summary>
    public override string ToString() => LayerIndex is int only
        ? $"layer {only}"
        : Layers switch
        {
            PerturbedLayers.Hidden => "hidden layers",
            PerturbedLayers.Output => "output layer",
            _ => "all layers",
        };

    /// <summary>Throws when the scope names a layer <paramref name="network"/> does not have.</summary>
    internal void RequireFits(SparseNetwork network)
    {
        if (LayerIndex >= network.Layers.Count)
        {
            throw new ArgumentException(
                $"The perturbation's scope is layer {LayerIndex}, but the network has only {network.Layers.Count} layers (0 to {network.Layers.Count - 1}).",
                nameof(network));
        }
    }
}
