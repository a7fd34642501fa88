using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Within-neuron weight shuffling: in each chosen layer, round(fraction × its links) links are picked at random and
/// their weights permuted only among the picked links that enter the same neuron. Each neuron keeps the multiset of
/// its incoming weights (so its in-strength) and the topology and biases are unchanged: what is lost is which source
/// each weight comes from.
/// </summary>
public sealed class WithinNeuronWeightShuffle : WeightPerturbation
{
    /// <summary>Describes the within-neuron shuffling of the weights of a fraction of the links of the chosen layers.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="layers">Which layers are shuffled; by default the hidden (sparse) layers.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or <paramref name="layers"/> is not a known choice.</exception>
    public WithinNeuronWeightShuffle(double fraction, PerturbedLayers layers = PerturbedLayers.Hidden)
        : base(fraction, layers)
    {
    }

    /// <summary>Describes the within-neuron shuffling of a fraction of the links of the layers in <paramref name="scope"/>, e.g. one layer alone.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="scope">Which layers are shuffled.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1].</exception>
    public WithinNeuronWeightShuffle(double fraction, LayerScope scope)
        : base(fraction, scope)
    {
    }

    private protected override void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random)
    {
        // Links are stored neuron by neuron, so sorted link indices come grouped by the neuron they enter.
        var picked = (int[])links.Clone();
        Array.Sort(picked);
        int row = 0;
        for (int start = 0; start < picked.Length;)
        {
            while (layer.RowOffsets[row + 1] <= picked[start])
            {
                row++;
            }
            int end = start;
            while (end < picked.Length && picked[end] < layer.RowOffsets[row + 1])
            {
                end++;
            }
            layer.PermuteWeights(picked.AsSpan(start, end - start), ref random);
            start = end;
        }
    }
}
