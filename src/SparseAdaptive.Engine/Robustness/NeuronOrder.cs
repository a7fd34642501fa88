namespace SparseAdaptive.Robustness;

/// <summary>Which hidden neurons a <see cref="NeuronRemoval"/> takes first.</summary>
public enum NeuronOrder
{
    /// <summary>A uniform random subset of each hidden layer (random failure).</summary>
    Random = 1,

    /// <summary>Hubs by degree first: most links in plus out (the network-science targeted attack).</summary>
    HighestDegreeFirst = 2,

    /// <summary>Hubs by strength first: largest sum of |w| over the links in plus out.</summary>
    HighestStrengthFirst = 3,
}
