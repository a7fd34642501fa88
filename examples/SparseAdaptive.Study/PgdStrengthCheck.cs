using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// Whether the study's PGD is strong enough: the same images attacked by it and by a PGD with many more steps and
/// random restarts. If the stronger attack finds much more, the study's PGD curves overstate robustness.
/// </summary>
internal sealed class PgdStrengthCheck
{
    private readonly RobustnessSweep _study;
    private readonly RobustnessSweep _stronger;
    private readonly int _threads;

    /// <summary>Prepares both attacks at every ε of the study, with one attack seed each.</summary>
    public PgdStrengthCheck(StudyOptions options)
    {
        _study = RobustnessSweep.Pgd(options.Epsilons, [0], options.PgdIterations);
        _stronger = RobustnessSweep.PgdWithRestarts(options.Epsilons, [0], options.PgdCheckIterations, options.PgdCheckRestarts);
        _threads = options.Threads;
    }

    /// <summary>The study's PGD, then the stronger one, on <paramref name="samples"/>.</summary>
    public IReadOnlyList<SweepResult> Run(SparseNetwork network, LabeledSamples samples) =>
        [_study.Run(network, samples, _threads), _stronger.Run(network, samples, _threads)];
}
