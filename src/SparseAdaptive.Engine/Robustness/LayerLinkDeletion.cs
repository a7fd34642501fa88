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
        layer.RemoveLinks(removed, survivorScale);
    }
}
