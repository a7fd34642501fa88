using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Random link removal: each chosen layer loses exactly round(fraction × its links), picked uniformly at random.
/// Biases are kept. Removing every link of the hidden layers leaves a network that predicts one class for every input.
/// </summary>
public sealed class LinkRemoval : WeightPerturbation
{
    /// <summary>Describes the removal of a fraction of the links of the chosen layers.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="layers">Which layers lose links; by default the hidden (sparse) layers.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or <paramref name="layers"/> is not a known choice.</exception>
    public LinkRemoval(double fraction, PerturbedLayers layers = PerturbedLayers.Hidden)
        : base(fraction, layers)
    {
    }

    private protected override void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random)
    {
        var removed = new bool[layer.LinkCount];
        foreach (int k in links)
        {
            removed[k] = true;
        }
        int kept = layer.LinkCount - links.Length;
        var rowOffsets = new int[layer.OutputSize + 1];
        var sources = new int[kept];
        var weights = new float[kept];
        int next = 0;
        for (int row = 0; row < layer.OutputSize; row++)
        {
            for (int k = layer.RowOffsets[row]; k < layer.RowOffsets[row + 1]; k++)
            {
                if (!removed[k])
                {
                    sources[next] = layer.SourceAt(k);
                    weights[next] = layer.Weights[k];
                    next++;
                }
            }
            rowOffsets[row + 1] = next;
        }
        layer.SetTopology(rowOffsets, sources, weights);
    }
}
