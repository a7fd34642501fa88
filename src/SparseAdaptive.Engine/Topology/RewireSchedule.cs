namespace SparseAdaptive.Topology;

/// <summary>How the rewiring fraction ζ changes over the epochs of an adaptive training, until rewiring stops.</summary>
public enum RewireSchedule
{
    /// <summary>ζ after every epoch, as in the SET paper.</summary>
    Constant,

    /// <summary>ζ decays by half a cosine from its full value after the first epoch to 0 where rewiring stops.</summary>
    Cosine,
}
