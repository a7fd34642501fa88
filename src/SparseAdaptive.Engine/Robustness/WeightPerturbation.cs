using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A corruption of a fraction of the links of chosen layers. Each chosen layer loses (or has altered) exactly
/// round(<see cref="Fraction"/> × its link count) links, picked uniformly at random unless the perturbation ranks them
/// (e.g. <see cref="TargetedLinkRemoval"/>); the original network is never modified.
/// </summary>
public abstract class WeightPerturbation : NetworkPerturbation
{
    private protected WeightPerturbation(double fraction, PerturbedLayers layers)
        : this(fraction, LayerScope.FromPerturbedLayers(layers))
    {
    }

    private protected WeightPerturbation(double fraction, LayerScope scope)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"The fraction of links must be in [0, 1]; got {fraction}.");
        }
        ArgumentNullException.ThrowIfNull(scope);
        Fraction = fraction;
        Scope = scope;
    }

    /// <summary>Fraction of each chosen layer's links that are affected, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Which kind of layers is affected; 0 when <see cref="Scope"/> is one layer by index.</summary>
    public PerturbedLayers Layers => Scope.Layers;

    /// <summary>Which layers are affected: a kind of layers or one layer by index.</summary>
    public LayerScope Scope { get; }

    /// <summary>Number of a layer's links that are affected: round(<see cref="Fraction"/> × <paramref name="linkCount"/>), halves rounded up.</summary>
    /// <param name="linkCount">The layer's number of links.</param>
    public int AffectedLinkCount(int linkCount) => (int)Math.Round(Fraction * linkCount, MidpointRounding.AwayFromZero);

    /// <summary>Returns a corrupted copy of <paramref name="network"/>, which is left untouched.</summary>
    /// <param name="network">The network to corrupt.</param>
    /// <param name="seed">Chooses the links; the same seed gives the same copy.</param>
    /// <exception cref="ArgumentException"><see cref="Scope"/> names a layer the network does not have.</exception>
    public sealed override SparseNetwork Apply(SparseNetwork network, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        Scope.RequireFits(network);
        var copy = network.Clone();
        for (int l = 0; l < copy.Layers.Count; l++)
        {
            if (Scope.Contains(l, copy.Layers.Count))
            {
                var layer = copy.Layers[l];
                var random = new SeededRandom(seed, l);
                CorruptLayer(layer, ChooseLinks(layer, AffectedLinkCount(layer.LinkCount), ref random), ref random);
            }
        }
        return copy;
    }

    /// <summary>Alters <paramref name="links"/> (indices into the layer's weights, in random order) of <paramref name="layer"/> in place.</summary>
    private protected abstract void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random);

    /// <summary>The <paramref name="count"/> links of <paramref name="layer"/> to corrupt; by default a uniform random subset, in random order.</summary>
    private protected virtual int[] ChooseLinks(SparseLayer layer, int count, ref SeededRandom random) => PickLinks(layer.LinkCount, count, ref random);

    // A partial Fisher–Yates shuffle: the first count entries are a uniform random subset, in random order.
    internal static int[] PickLinks(int linkCount, int count, ref SeededRandom random)
    {
        var indices = new int[linkCount];
        for (int k = 0; k < linkCount; k++)
        {
            indices[k] = k;
        }
        for (int i = 0; i < count; i++)
        {
            int k = i + random.NextInt(linkCount - i);
            (indices[i], indices[k]) = (indices[k], indices[i]);
        }
        return indices[..count];
    }
}
