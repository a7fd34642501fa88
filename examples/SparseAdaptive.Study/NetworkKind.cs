namespace SparseAdaptive.Study;

/// <summary>The kinds of network the study compares.</summary>
internal enum NetworkKind
{
    /// <summary>Sparse hidden layers that rewire between epochs (Sparse Evolutionary Training, the engine's settings).</summary>
    Adaptive,

    /// <summary>Sparse hidden layers that keep their initial random topology (the adaptive run's, paired by seed).</summary>
    Static,

    /// <summary>Fully connected hidden layers of the same sizes: the same neurons, about 1/(1 − sparsity) times the links.</summary>
    Dense,

    /// <summary>Fully connected hidden layers narrowed until the network has as many links as the sparse ones.</summary>
    DenseEqualLinks,

    /// <summary>
    /// SET as published (Mocanu et al. 2018 and its authors' Keras code): ζ 0.3 after every epoch but the last, constant,
    /// new links starting at weight 0; the optimiser is the engine's, as for <see cref="Adaptive"/>.
    /// </summary>
    SetReference,

    /// <summary>
    /// Null model: the same seed's trained adaptive network's per-layer in- and out-degree sequences, links placed at
    /// random (configuration model), trained static from fresh weights.
    /// </summary>
    ConfigurationModel,

    /// <summary>Null model: the same seed's trained adaptive topology itself, re-initialised and trained static.</summary>
    FreshWeights,
}
