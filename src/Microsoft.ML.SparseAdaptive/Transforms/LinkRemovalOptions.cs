using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of random link removal (see <see cref="LinkRemoval"/>).</summary>
public sealed class LinkRemovalOptions : WeightPerturbationOptions
{
    internal override WeightPerturbation CreatePerturbation() => new LinkRemoval(Fraction, Layers);
}
