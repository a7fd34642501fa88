namespace SparseAdaptive.Study;

/// <summary>The kinds of network the study compares.</summary>
internal enum NetworkKind
{
    /// <summary>Sparse hidden layers that rewire between epochs (Sparse Evolutionary Training).</summary>
    Adaptive,

    /// <summary>Sparse hidden layers that keep their initial random topology (the adaptive run's, paired by seed).</summary>
    Static,

    /// <summary>Fully connected hidden layers of the same sizes: the same neurons, about 1/(1 − sparsity) times the links.</summary>
    Dense,

    /// <summary>Fully connected hidden layers narrowed until the network has as many links as the sparse ones.</summary>
    DenseEqualLinks,
}
