using System.Diagnostics;
using SparseAdaptive.Robustness;

namespace SparseAdaptive.Study.Cells;

/// <summary>PGD examples crafted on one kind's network and scored on another's, for every pair of kinds of one data set and seed.</summary>
/// <param name="Source">The kind whose network crafted the examples.</param>
/// <param name="Sweep">Accuracy of the target network on them, per ε.</param>
internal sealed record TransferSweep(NetworkKind Source, SweepResult Sweep);

/// <summary>The transfer attacks scored on one network.</summary>
/// <param name="Target">The kind whose network was attacked.</param>
/// <param name="Seconds">Seconds spent crafting and scoring them.</param>
/// <param name="Sweeps">One sweep per source kind.</param>
internal sealed record TransferTarget(NetworkKind Target, double Seconds, IReadOnlyList<TransferSweep> Sweeps);

/// <summary>
/// Transfer attacks among the networks of one data set and seed: it reads the kept networks of the training cells it
/// depends on and stores, per target kind, the accuracy under examples crafted on each other kind (transfer.json).
/// </summary>
internal sealed class TransferCell : StudyCell
{
    /// <summary>The stored results: one <see cref="TransferTarget"/> per kind.</summary>
    public const string ResultFile = "transfer.json";

    private readonly StudyOptions _options;
    private readonly TrainingCell[] _trained;

    /// <summary>The transfer attacks among <paramref name="trained"/>, the training cells of one data set and seed.</summary>
    public TransferCell(StudyOptions options, DataSetName dataSet, int seed, IReadOnlyList<TrainingCell> trained)
        : base(dataSet, seed)
    {
        _options = options;
        _trained = trained.ToArray();
        Key = new CellKey($"{dataSet.Name()}-transfer-seed{seed}")
            .With("cell", "transfer")
            .With("networks", _trained.Select(c => c.Name).ToArray())
            .With("attack", new { options.Epsilons, options.PgdIterations, options.TransferCount, options.SweepCount, options.TestCount });
    }

    /// <inheritdoc/>
    public override CellKey Key { get; }

    /// <inheritdoc/>
    public override string What => "transfer";

    /// <inheritdoc/>
    public override IReadOnlyList<StudyCell> Dependencies => _trained;

    /// <inheritdoc/>
    public override double EstimatedSeconds => StudyEstimate.TransferSeconds(_trained.Length, _options);

    /// <inheritdoc/>
    public override void Run(CellContext context, string directory, CancellationToken cancellationToken)
    {
        var networks = _trained.Select(cell => (cell.Kind, Network: TrainingCell.LoadNetwork(context.Store.Require(cell)))).ToArray();
        var samples = context.Data(DataSet).Transferred;
        var attacks = new TransferAttacks(_options);
        var targets = networks.Select(target =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var sweeps = attacks.Run(target.Network, networks.Where(s => s.Kind != target.Kind), samples);
            return new TransferTarget(target.Kind, clock.Elapsed.TotalSeconds, sweeps);
        }).ToArray();
        CellJson.Write(Path.Combine(directory, ResultFile), targets);
        context.Progress.Finish($"{targets.Length} networks, each attacked with the examples of the {targets.Length - 1} others");
    }

    /// <summary>The stored results of a complete cell in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<TransferTarget> Load(string directory) => CellJson.Read<TransferTarget[]>(Path.Combine(directory, ResultFile));
}
