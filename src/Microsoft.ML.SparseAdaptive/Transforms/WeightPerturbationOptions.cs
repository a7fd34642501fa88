using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options shared by the weight perturbation transforms; each perturbation has its own options class deriving from
/// this one, which <c>mlContext.Transforms.PerturbWeights</c> accepts.
/// </summary>
public abstract class WeightPerturbationOptions
{
    private protected WeightPerturbationOptions()
    {
    }

    /// <summary>Fraction of each chosen layer's links that are affected, in [0, 1]. Default 0.1.</summary>
    public double Fraction { get; set; } = 0.1;

    /// <summary>Which layers are perturbed. Default <see cref="PerturbedLayers.Hidden"/> (the sparse layers).</summary>
    public PerturbedLayers Layers { get; set; } = PerturbedLayers.Hidden;

    /// <summary>Seed of the link choices. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Builds the engine perturbation, checking the options.</summary>
    internal abstract WeightPerturbation CreatePerturbation();
}
