using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>Robustness of a network during training: clean accuracy, one level of random link removal and one PGD size.</summary>
/// <param name="Epoch">The epoch after which the network was probed (after that epoch's rewiring).</param>
/// <param name="Clean">Accuracy on the probe images.</param>
/// <param name="LinkRemoval">Accuracy with a fraction of the hidden links removed at random (mean over the random draws).</param>
/// <param name="Pgd">Accuracy under PGD (mean over the random starts).</param>
internal sealed record ProbePoint(int Epoch, double Clean, double LinkRemoval, double Pgd);

/// <summary>Probes a sparse network every few epochs while it trains, to show what rewiring does to its robustness.</summary>
internal sealed class RobustnessProbe
{
    private readonly StudyOptions _options;
    private readonly RobustnessSweep _removal;
    private readonly RobustnessSweep _pgd;

    /// <summary>Prepares the probe's two perturbations with the study's random draws and PGD starts.</summary>
    public RobustnessProbe(StudyOptions options)
    {
        _options = options;
        _removal = RobustnessSweep.LinkRemoval([options.ProbeRemoval], Enumerable.Range(0, options.SweepSeeds));
        _pgd = RobustnessSweep.Pgd([options.ProbeEpsilon], Enumerable.Range(0, options.PgdStarts), options.PgdIterations);
    }

    /// <summary>Whether the epoch just reported is one to probe: every <see cref="StudyOptions.ProbeInterval"/> epochs, and the last.</summary>
    public bool IsDue(EpochReport report) => report.Epoch % _options.ProbeInterval == 0 || report.Epoch == report.Epochs;

    /// <summary>Probes <paramref name="network"/> on <paramref name="samples"/>.</summary>
    public ProbePoint Measure(int epoch, SparseNetwork network, LabeledSamples samples) => new(epoch,
        ClassificationScore.Of(network, samples, _options.Threads).MicroAccuracy,
        _removal.Run(network, samples, _options.Threads).Levels[0].MicroAccuracy.Mean,
        _pgd.Run(network, samples, _options.Threads).Levels[0].MicroAccuracy.Mean);
}
