namespace SparseAdaptive.Topology;

/// <summary>Whether the sparse layers rewire during training.</summary>
public enum TopologyMode
{
    /// <summary>Sparse Evolutionary Training: after every epoch but the last, the weakest links are replaced by random new ones.</summary>
    Adaptive,

    /// <summary>The initial random topology is kept for the whole training (the static sparse baseline).</summary>
    Static,
}
