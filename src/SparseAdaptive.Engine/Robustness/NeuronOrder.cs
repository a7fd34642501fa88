namespace SparseAdaptive.Robustness;

/// <summary>
/// Which hidden neurons a <see cref="NeuronRemoval"/> takes first. The values are stored in files: never renumber them.
/// </summary>
public enum NeuronOrder
{
    /// <summary>A uniform random subset of each hidden layer (random failure).</summary>
    Random = 1,

    /// <summary>Hubs by degree first: most links in plus out (the network-science targeted attack).</summary>
    HighestDegreeFirst = 2,

    /// <summary>Hubs by strength first: largest sum of |w| over the links in plus out.</summary>
    HighestStrengthFirst = 3,

    /// <summary>Hubs by in-degree first: most links arriving from the layer before (inputs or hidden neurons).</summary>
    HighestInDegreeFirst = 4,

    /// <summary>Hubs by out-degree first: most links leaving to the layer after (hidden neurons or classes).</summary>
    HighestOutDegreeFirst = 5,
}
