using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// A transfer (black-box) attack: adversarial examples crafted with the gradients of a <see cref="Source"/> network,
/// then scored on another network (the one a <see cref="RobustnessSweep"/> runs on). Robustness that holds against
/// examples crafted on the network itself but not against transferred ones points at gradient masking.
/// </summary>
public sealed class TransferAttack : Perturbation
{
    /// <summary>Describes <paramref name="attack"/> crafted on <paramref name="source"/>.</summary>
    /// <param name="attack">The attack (FGSM, PGD, ...); its labels are the samples' own.</param>
    /// <param name="source">The network whose gradients craft the examples; it must not be changed while this attack is used.</param>
    public TransferAttack(InputPerturbation attack, SparseNetwork source)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(source);
        Attack = attack;
        Source = source;
    }

    /// <summary>The attack that crafts the examples.</summary>
    public InputPerturbation Attack { get; }

    /// <summary>The network the examples are crafted on.</summary>
    public SparseNetwork Source { get; }

    /// <summary>Crafts adversarial examples of <paramref name="samples"/> against <see cref="Source"/>.</summary>
    /// <param name="samples">The samples; they must fit the source network.</param>
    /// <param name="seed">Seed of the attack's random choices.</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <returns>The crafted features, row-major.</returns>
    public float[] Craft(LabeledSamples samples, int seed = 0, int threads = 0) => Attack.Apply(Source, samples, seed, threads);

    /// <summary>Crafts examples of <paramref name="samples"/> against <see cref="Source"/> and scores them on <paramref name="target"/>.</summary>
    /// <param name="target">The network the examples are scored on; it is not modified.</param>
    /// <param name="samples">The samples; they must fit both networks.</param>
    /// <param name="seed">Seed of the attack's random choices.</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <exception cref="ArgumentException">The target's input or class count differs from the source's, or the samples do not fit.</exception>
    public ClassificationScore Score(SparseNetwork target, LabeledSamples samples, int seed = 0, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var (network, features) = Corrupt(target, samples, seed, threads);
        return ClassificationScore.Measure(network, features, samples.Labels, threads == 0 ? Environment.ProcessorCount : threads);
    }

    internal override (SparseNetwork Network, float[] Features) Corrupt(SparseNetwork network, LabeledSamples samples, int seed, int threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputSize != Source.InputSize || network.ClassCount != Source.ClassCount)
        {
            throw new ArgumentException(
                $"The target network takes {network.InputSize} inputs and scores {network.ClassCount} classes; the source network takes {Source.InputSize} and scores {Source.ClassCount}.",
                nameof(network));
        }
        return (network, Craft(samples, seed, threads));
    }
}
