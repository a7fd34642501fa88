using SparseAdaptive.Network;
using SparseAdaptive.Robustness;

namespace SparseAdaptive.Study;

/// <summary>Runs every robustness sweep of the study on one trained network, with the library's <see cref="RobustnessSweep"/>.</summary>
internal sealed class RobustnessSuite
{
    private readonly RobustnessSweep[] _sweeps;
    private readonly int _threads;

    /// <summary>
    /// Prepares the sweeps: random failure (link removal, unscaled and with the survivors rescaled; neuron removal),
    /// targeted attacks (links by |w|, neurons by degree and strength), weight shuffling (within the layer and within
    /// each neuron), rescaled link removal in one layer at a time (each hidden layer and the output layer), FGSM and PGD.
    /// </summary>
    public RobustnessSuite(StudyOptions options)
    {
        int[] seeds = Enumerable.Range(0, options.SweepSeeds).ToArray();
        // Ranked removals and FGSM draw nothing at random: one seed gives every seed's result.
        int[] unseeded = [0];
        var fractions = options.RemovalFractions;
        _sweeps =
        [
            RobustnessSweep.LinkRemoval(fractions, seeds),
            RobustnessSweep.LinkRemoval(fractions, seeds, LayerScope.Hidden, rescaleSurvivors: true),
            RobustnessSweep.TargetedLinkRemoval(fractions, unseeded, MagnitudeOrder.SmallestFirst),
            RobustnessSweep.TargetedLinkRemoval(fractions, unseeded, MagnitudeOrder.LargestFirst),
            RobustnessSweep.NeuronRemoval(fractions, seeds),
            RobustnessSweep.NeuronRemoval(fractions, unseeded, NeuronOrder.HighestDegreeFirst),
            RobustnessSweep.NeuronRemoval(fractions, unseeded, NeuronOrder.HighestStrengthFirst),
            RobustnessSweep.LinkWeightShuffle(options.ShuffleFractions, seeds),
            RobustnessSweep.WithinNeuronWeightShuffle(options.ShuffleFractions, seeds),
            .. Enumerable.Range(0, LayerCount(options)).Select(layer =>
                RobustnessSweep.LinkRemoval(fractions, seeds, LayerScope.Layer(layer), rescaleSurvivors: true)),
            RobustnessSweep.Fgsm(options.Epsilons, unseeded),
            RobustnessSweep.Pgd(options.Epsilons, seeds, options.PgdIterations),
        ];
        _threads = options.Threads;
    }

    /// <summary>Layers of every network of the study: the hidden layers and the output layer.</summary>
    public static int LayerCount(StudyOptions options) => options.HiddenLayerSizes.Count + 1;

    /// <summary>The result of each sweep on <paramref name="network"/>, measured on the sweep images.</summary>
    public IReadOnlyList<SweepResult> Run(SparseNetwork network, StudyData data) =>
        _sweeps.Select(sweep => sweep.Run(network, data.Swept, _threads)).ToArray();
}
