namespace Microsoft.ML.SparseAdaptive.Network;

/// <summary>Momentum state of one layer, aligned with the layer's links (target order) and biases.</summary>
internal sealed class LayerVelocity
{
    public LayerVelocity(SparseLayer layer)
    {
        Weights = new float[layer.LinkCount];
        Biases = new float[layer.OutputSize];
    }

    public float[] Weights { get; private set; }

    public float[] Biases { get; }

    /// <summary>
    /// Follows a rewiring: link k of the new topology keeps the velocity of old link <c>origin[k]</c>, or starts
    /// at zero when it is new (<c>origin[k] &lt; 0</c>).
    /// </summary>
    public void Remap(ReadOnlySpan<int> origin)
    {
        var remapped = new float[origin.Length];
        for (int k = 0; k < origin.Length; k++)
        {
            remapped[k] = origin[k] >= 0 ? Weights[origin[k]] : 0f;
        }
        Weights = remapped;
    }
}
