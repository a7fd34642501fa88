using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A corruption of a fraction of the links of chosen layers. Each chosen layer loses (or has altered) exactly
/// round(<see cref="Fraction"/> × its link count) links, picked uniformly at random; the original network is never modified.
/// </summary>
public abstract class WeightPerturbation : Perturbation
{
    private protected WeightPerturbation(double fraction, PerturbedLayers layers)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"The fraction of links must be in [0, 1]; got {fraction}.");
        }
        if (layers is not (PerturbedLayers.Hidden or PerturbedLayers.Output or PerturbedLayers.All))
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"The perturbed layers must be Hidden, Output or All; got {layers}.");
        }
        Fraction = fraction;
        Layers = layers;
    }

    /// <summary>Fraction of each chosen layer's links that are affected, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Which layers are affected.</summary>
    public PerturbedLayers Layers { get; }

    /// <summary>Number of a layer's links that are affected: round(<see cref="Fraction"/> × <paramref name="linkCount"/>), halves rounded up.</summary>
    /// <param name="linkCount">The layer's number of links.</param>
    public int AffectedLinkCount(int linkCount) => (int)Math.Round(Fraction * linkCount, MidpointRounding.AwayFromZero);

    /// <summary>Returns a corrupted copy of <paramref name="network"/>, which is left untouched.</summary>
    /// <param name="network">The network to corrupt.</param>
    /// <param name="seed">Chooses the links; the same seed gives the same copy.</param>
    public SparseNetwork Apply(SparseNetwork network, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var copy = network.Clone();
        for (int l = 0; l < copy.Layers.Count; l++)
        {
            var kind = l == copy.Layers.Count - 1 ? PerturbedLayers.Output : PerturbedLayers.Hidden;
            if ((Layers & kind) != 0)
            {
                var layer = copy.Layers[l];
                var random = new SeededRandom(seed, l);
                CorruptLayer(layer, PickLinks(layer.LinkCount, AffectedLinkCount(layer.LinkCount), ref random), ref random);
            }
        }
        return copy;
    }

    internal override (SparseNetwork Network, float[] Features) Corrupt(SparseNetwork network, LabeledSamples samples, int seed, int threads) =>
        (Apply(network, seed), samples.Features);

    /// <summary>Alters <paramref name="links"/> (indices into the layer's weights, in random order) of <paramref name="layer"/> in place.</summary>
    private protected abstract void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random);

    // A partial Fisher–Yates shuffle: the first count entries are a uniform random subset, in random order.
    private static int[] PickLinks(int linkCount, int count, ref SeededRandom random)
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
