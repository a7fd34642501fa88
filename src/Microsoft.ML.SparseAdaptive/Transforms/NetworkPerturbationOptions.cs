using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options shared by the transforms that corrupt a model's network (see <see cref="NetworkPerturbation"/>): the link
/// perturbations (<see cref="WeightPerturbationOptions"/>) and <see cref="NeuronRemovalOptions"/>. Each perturbation
/// has its own options class deriving from this one, which <c>mlContext.Transforms.PerturbWeights</c> accepts.
/// </summary>
public abstract class NetworkPerturbationOptions
{
    private protected NetworkPerturbationOptions()
    {
    }

    /// <summary>Seed of the random choices (which links or neurons); null (the default) uses the MLContext's seed, or 0 when it has none.</summary>
    public int? Seed { get; set; }

    /// <summary>Builds the engine perturbation, checking the options.</summary>
    internal abstract NetworkPerturbation CreatePerturbation();
}
