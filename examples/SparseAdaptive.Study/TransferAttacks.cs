using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Study.Cells;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// Black-box transfer: PGD examples crafted on the network of one kind, scored on the network of another kind trained
/// with the same seed.
/// </summary>
internal sealed class TransferAttacks
{
    private readonly StudyOptions _options;

    /// <summary>Uses the study's PGD (steps, ε) with one attack seed.</summary>
    public TransferAttacks(StudyOptions options) => _options = options;

    /// <summary>The sweeps of examples crafted on each of <paramref name="sources"/> and scored on <paramref name="target"/>.</summary>
    public IReadOnlyList<TransferSweep> Run(SparseNetwork target, IEnumerable<(NetworkKind Kind, SparseNetwork Network)> sources,
        LabeledSamples samples) =>
        sources.Select(source => new TransferSweep(source.Kind, RobustnessSweep.Transfer("PGD", source.Network,
            e => new PgdAttack((float)e, iterations: _options.PgdIterations), _options.Epsilons, [0]).Run(target, samples, _options.Threads))).ToArray();
}
