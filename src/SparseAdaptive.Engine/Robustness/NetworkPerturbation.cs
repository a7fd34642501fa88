using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A perturbation of the network itself (its links, weights or neurons) rather than of the inputs: it returns a
/// corrupted copy of the network, which then scores the samples' own features. <see cref="WeightPerturbation"/> and
/// <see cref="NeuronRemoval"/> are the two kinds.
/// </summary>
public abstract class NetworkPerturbation : Perturbation
{
    private protected NetworkPerturbation()
    {
    }

    /// <summary>Returns a corrupted copy of <paramref name="network"/>, which is left untouched.</summary>
    /// <param name="network">The network to corrupt.</param>
    /// <param name="seed">Chooses what is corrupted; the same seed gives the same copy.</param>
    /// <exception cref="ArgumentException">The perturbation names a layer the network does not have.</exception>
    public abstract SparseNetwork Apply(SparseNetwork network, int seed);

    internal sealed override (SparseNetwork Network, float[] Features) Corrupt(SparseNetwork network, LabeledSamples samples, int seed, int threads) =>
        (Apply(network, seed), samples.Features);
}
