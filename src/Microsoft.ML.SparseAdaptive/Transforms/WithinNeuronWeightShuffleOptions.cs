using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options of within-neuron weight shuffling (see <see cref="WithinNeuronWeightShuffle"/>): the picked links' weights
/// are permuted only among links entering the same neuron. Use with <c>mlContext.Transforms.PerturbWeights</c>.
/// </summary>
public sealed class WithinNeuronWeightShuffleOptions : WeightPerturbationOptions
{
    internal override NetworkPerturbation CreatePerturbation() => new WithinNeuronWeightShuffle(Fraction, Scope());
}
