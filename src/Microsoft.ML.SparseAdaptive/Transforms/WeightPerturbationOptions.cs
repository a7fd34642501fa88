using SparseAdaptive.Robustness;
namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of the weight perturbation transforms (link removal and link weight shuffling).</summary>
public sealed class WeightPerturbationOptions
{
    /// <summary>Fraction of each chosen layer's links that are removed or shuffled, in [0, 1]. Default 0.1.</summary>
    public double Fraction { get; set; } = 0.1;

    /// <summary>Which layers are perturbed. Default <see cref="PerturbedLayers.Hidden"/> (the sparse layers).</summary>
    public PerturbedLayers Layers { get; set; } = PerturbedLayers.Hidden;

    /// <summary>Seed of the link choices. Default 0.</summary>
    public int Seed { get; set; }
}
