using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Targeted link removal: each chosen layer loses exactly round(fraction × its links), those of smallest |w| first
/// (magnitude pruning) or largest first (an attack). Links of equal |w| are taken in link order (by target, then
/// source), so the result does not depend on the seed. Biases and the surviving weights are kept as they are.
/// </summary>
public sealed class TargetedLinkRemoval : WeightPerturbation
{
    /// <summary>Describes the removal of a fraction of the links of the layers in <paramref name="scope"/>, ranked by |w|.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="order">Whether the smallest or the largest |w| go first.</param>
    /// <param name="scope">Which layers lose links; by default the hidden layers. A <see cref="PerturbedLayers"/> value converts to it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or <paramref name="order"/> is not a known order.</exception>
    public TargetedLinkRemoval(double fraction, MagnitudeOrder order, LayerScope? scope = null)
        : base(fraction, scope ?? LayerScope.Hidden)
    {
        if (order is not (MagnitudeOrder.SmallestFirst or MagnitudeOrder.LargestFirst))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The order must be SmallestFirst or LargestFirst; got {order}.");
        }
        Order = order;
    }

    /// <summary>Whether the smallest or the largest |w| are removed first.</summary>
    public MagnitudeOrder Order { get; }

    private protected override int[] ChooseLinks(SparseLayer layer, int count, ref SeededRandom random)
    {
        var magnitudes = layer.Weights.Select(MathF.Abs).ToArray();
        var links = Enumerable.Range(0, layer.LinkCount).ToArray();
        // A stable sort keeps equal magnitudes in link order.
        var ranked = Order == MagnitudeOrder.SmallestFirst
            ? links.OrderBy(k => magnitudes[k])
            : links.OrderByDescending(k => magnitudes[k]);
        return ranked.Take(count).ToArray();
    }

    private protected override void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random) =>
        LayerLinkDeletion.Delete(layer, links);
}
