using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of random link removal (see <see cref="LinkRemoval"/>).</summary>
public sealed class LinkRemovalOptions : WeightPerturbationOptions
{
    /// <summary>
    /// Whether the surviving links of each chosen layer are multiplied by 1 / (1 − <see cref="WeightPerturbationOptions.Fraction"/>),
    /// keeping each neuron's expected input so that only the structural damage is left. Default false.
    /// </summary>
    public bool RescaleSurvivors { get; set; }

    internal override NetworkPerturbation CreatePerturbation() => new LinkRemoval(Fraction, Scope(), RescaleSurvivors);
}
