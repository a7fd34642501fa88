namespace SparseAdaptive.Study;

/// <summary>
/// Optimiser settings of the dense baselines, each kind its own rather than the sparse network's
/// (docs/results/validation-search.md says how they were chosen); the epoch cap comes with the preset.
/// </summary>
internal static class DenseDefaults
{
    /// <summary>The dense network of the sparse networks' shape: lr 0.1, dropout 0.1, L2 5·10⁻⁵.</summary>
    public static BaselineSettings Dense(int epochs) => new(epochs, LearningRate: 0.1f, Dropout: 0.1f, L2: 5e-5f);

    /// <summary>The dense network with the sparse networks' link count (784-43-43-43-10): lr 0.05, no dropout, no L2.</summary>
    public static BaselineSettings DenseEqual(int epochs) => new(epochs, LearningRate: 0.05f, Dropout: 0f, L2: 0f);
}
