namespace SparseAdaptive.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same learning rate for every epoch.</summary>
    Constant,

    /// <summary>Cosine annealing from the learning rate towards zero over the epochs.</summary>
    Cosine,
}
