using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options of targeted link removal (see <see cref="TargetedLinkRemoval"/>): the links of smallest |w| first
/// (magnitude pruning) or largest first (an attack). The ranked choice ignores <see cref="NetworkPerturbationOptions.Seed"/>.
/// Use with <c>mlContext.Transforms.PerturbWeights</c>.
/// </summary>
public sealed class TargetedLinkRemovalOptions : WeightPerturbationOptions
{
    /// <summary>Which magnitudes are removed first. Default <see cref="MagnitudeOrder.SmallestFirst"/> (magnitude pruning).</summary>
    public MagnitudeOrder Order { get; set; } = MagnitudeOrder.SmallestFirst;

    internal override NetworkPerturbation CreatePerturbation() => new TargetedLinkRemoval(Fraction, Order, Scope());
}
