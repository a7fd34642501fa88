namespace SparseAdaptive.Network;

/// <summary>
/// Momentum state of one layer, aligned with the layer's links (target order) and biases. A rewiring moves the link
/// entries in place together with the links, so the arrays are never replaced.
/// </summary>
internal sealed class LayerVelocity
{
    public LayerVelocity(SparseLayer layer)
    {
        Weights = new float[layer.LinkCount];
        Biases = new float[layer.OutputSize];
    }

    public float[] Weights { get; }

    public float[] Biases { get; }
}
