using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>Deletes links from a layer in place, keeping the order of the survivors (by target, then source).</summary>
internal static class LayerLinkDeletion
{
    /// <summary>Deletes the links whose indices (into the layer's weights) are listed, multiplying the survivors' weights by <paramref name="survivorScale"/>.</summary>
    public static void Delete(SparseLayer layer, IEnumerable<int> links, float survivorScale = 1f)
    {
        var removed = new bool[layer.LinkCount];
        foreach (int k in links)
        {
            removed[k] = true;
        }
        Delete(layer, removed, survivorScale);
    }

    /// <summary>Deletes the links flagged in <paramref name="removed"/> (one flag per link), multiplying the survivors' weights by <paramref name="survivorScale"/>.</summary>
    public static void Delete(SparseLayer layer, bool[] removed, float survivorScale = 1f)
    {
        int kept = removed.Count(r => !r);
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
                    weights[next] = layer.Weights[k] * survivorScale;
                    next++;
                }
            }
            rowOffsets[row + 1] = next;
        }
        layer.SetTopology(rowOffsets, sources, weights);
    }
}
