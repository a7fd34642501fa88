namespace SparseAdaptive.Network;

/// <summary>Which gradient buffers a <see cref="BatchPropagator"/> keeps besides its activations.</summary>
internal enum BatchGradients
{
    /// <summary>None: forward passes only (scoring).</summary>
    None,

    /// <summary>The gradients with respect to every layer's outputs (training).</summary>
    Layers,

    /// <summary>Those of <see cref="Layers"/> and the gradient with respect to the inputs (attacks, gradient checks).</summary>
    LayersAndInputs,
}
