using SparseAdaptive.Network;
using SparseAdaptive.Robustness;

namespace SparseAdaptive.Study;

/// <summary>Runs every robustness sweep of the study on one trained network, with the library's <see cref="RobustnessSweep"/>.</summary>
internal sealed class RobustnessSuite
{
    private readonly RobustnessSweep[] _sweeps;
    private readonly int _threads;

    /// <summary>Prepares the sweeps the options describe: link removal, link weight shuffling, FGSM and PGD.</summary>
    public RobustnessSuite(StudyOptions options)
    {
        int[] seeds = Enumerable.Range(0, options.SweepSeeds).ToArray();
        _sweeps =
        [
            RobustnessSweep.LinkRemoval(options.RemovalFractions, seeds),
            RobustnessSweep.LinkWeightShuffle(options.ShuffleFractions, seeds),
            // FGSM draws nothing at random: one seed gives every seed's result.
            RobustnessSweep.Fgsm(options.Epsilons, [0]),
            RobustnessSweep.Pgd(options.Epsilons, seeds, options.PgdIterations),
        ];
        _threads = options.Threads;
    }

    /// <summary>The result of each sweep on <paramref name="network"/>, measured on the sweep images.</summary>
    public IReadOnlyList<SweepResult> Run(SparseNetwork network, StudyData data) =>
        _sweeps.Select(sweep => sweep.Run(network, data.Swept, _threads)).ToArray();
}
