namespace SparseAdaptive.Robustness;

/// <summary>In which order a targeted removal takes links, by the magnitude |w| of their weights.</summary>
public enum MagnitudeOrder
{
    /// <summary>Smallest |w| first: magnitude pruning, which a trained network should survive longest.</summary>
    SmallestFirst = 1,

    /// <summary>Largest |w| first: an attack on the strongest links.</summary>
    LargestFirst = 2,
}
