namespace SparseAdaptive.Robustness;

/// <summary>Which layers of a network a weight perturbation corrupts.</summary>
[Flags]
public enum PerturbedLayers
{
    /// <summary>The hidden layers: every layer but the last (in the reference network, the sparse ones).</summary>
    Hidden = 1,

    /// <summary>The last layer, which produces the class logits (dense in the reference network).</summary>
    Output = 2,

    /// <summary>Every layer.</summary>
    All = Hidden | Output,
}
