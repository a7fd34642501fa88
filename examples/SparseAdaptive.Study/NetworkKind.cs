namespace SparseAdaptive.Study;

/// <summary>The three kinds of network the study compares, all of the same shape.</summary>
internal enum NetworkKind
{
    /// <summary>Sparse hidden layers that rewire between epochs (Sparse Evolutionary Training).</summary>
    Adaptive,

    /// <summary>Sparse hidden layers that keep their initial random topology.</summary>
    Static,

    /// <summary>Fully connected hidden layers.</summary>
    Dense,
}
