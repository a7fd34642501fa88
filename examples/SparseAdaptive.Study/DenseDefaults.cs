namespace SparseAdaptive.Study;

/// <summary>
/// Optimiser settings of the dense baselines, their own rather than the sparse network's (docs/results/validation-search.md
/// says how they were chosen).
/// </summary>
internal static class DenseDefaults
{
    /// <summary>Initial learning rate (cosine schedule, momentum 0.9).</summary>
    public const float LearningRate = 0.1f;

    /// <summary>Dropout rate of the hidden neurons.</summary>
    public const float Dropout = 0.1f;

    /// <summary>L2 weight decay.</summary>
    public const float L2 = 5e-5f;
}
