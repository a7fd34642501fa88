using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of link weight shuffling within each layer (see <see cref="LinkWeightShuffle"/>).</summary>
public sealed class LinkWeightShuffleOptions : WeightPerturbationOptions
{
    internal override NetworkPerturbation CreatePerturbation() => new LinkWeightShuffle(Fraction, Scope());
}
