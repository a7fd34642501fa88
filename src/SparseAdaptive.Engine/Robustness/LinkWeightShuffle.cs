using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Link weight shuffling: in each chosen layer, round(fraction × its links) links are picked at random and their
/// weights permuted among themselves (a uniform random permutation, which may leave some in place). The topology,
/// the biases and the multiset of weights are unchanged.
/// </summary>
public sealed class LinkWeightShuffle : WeightPerturbation
{
    /// <summary>Describes the shuffling of the weights of a fraction of the links of the chosen layers.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="layers">Which layers are shuffled; by default the hidden (sparse) layers.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or <paramref name="layers"/> is not a known choice.</exception>
    public LinkWeightShuffle(double fraction, PerturbedLayers layers = PerturbedLayers.Hidden)
        : base(fraction, layers)
    {
    }

    /// <summary>Describes the shuffling of the weights of a fraction of the links of the layers in <paramref name="scope"/>, e.g. one layer alone.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="scope">Which layers are shuffled.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1].</exception>
    public LinkWeightShuffle(double fraction, LayerScope scope)
        : base(fraction, scope)
    {
    }

    private protected override void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random) => layer.PermuteWeights(links, ref random);
}
