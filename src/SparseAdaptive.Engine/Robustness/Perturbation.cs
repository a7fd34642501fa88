using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A corruption of either a network's weights or its inputs, at one strength, that a <see cref="RobustnessSweep"/>
/// can evaluate. The random choices depend only on the seed passed to it.
/// </summary>
public abstract class Perturbation
{
    private protected Perturbation()
    {
    }

    /// <summary>The network and the row-major features to score under this perturbation.</summary>
    internal abstract (SparseNetwork Network, float[] Features) Corrupt(SparseNetwork network, LabeledSamples samples, int seed, int threads);
}
