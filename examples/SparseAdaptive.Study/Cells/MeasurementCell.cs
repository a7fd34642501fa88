using System.Diagnostics;
using SparseAdaptive.Study.Structure;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Measures the network a <see cref="TrainingCell"/> kept: every robustness sweep, the attack sensitivity (logit
/// margins, input gradients), for training seed 0 the PGD strength check, and for sparse kinds the topology before and
/// after training and the structure analysis; stores them as measurement.json, so that a report needs no network file.
/// Apart from training, so that measuring more (or again) never retrains.
/// </summary>
internal sealed class MeasurementCell : StudyCell
{
    /// <summary>The stored results: a <see cref="NetworkMeasurement"/>.</summary>
    public const string ResultFile = "measurement.json";

    private readonly StudyOptions _options;
    private readonly TrainingCell _trained;

    /// <summary>The measurement of the network <paramref name="trained"/> keeps.</summary>
    public MeasurementCell(StudyOptions options, TrainingCell trained)
        : base(trained.DataSet, trained.Seed)
    {
        _options = options;
        _trained = trained;
        var o = options;
        Key = new CellKey($"{trained.Key.Prefix}-measured")
            .With("cell", "measurement")
            .With("network", trained.Name)
            .With("images", new { o.TestCount, o.SweepCount })
            .With("sweeps", RobustnessSuite.Describe(o, trained.Kind))
            .With("pgd-check", Seed == 0 ? new { o.Epsilons, o.PgdIterations, o.PgdCheckIterations, o.PgdCheckRestarts, o.PgdCheckCount } : null)
            .With("sensitivity", "margins and input gradients on the swept images")
            .With("structure", trained.Kind.IsSparse() ? new { o.NullSamples, topology = "degrees, pixel links and turnover of initial.bin and network.bin" } : null);
    }

    /// <summary>The training cell whose network this cell measures.</summary>
    public TrainingCell Trained => _trained;

    /// <inheritdoc/>
    public override CellKey Key { get; }

    /// <inheritdoc/>
    public override string What => $"{_trained.What} measured";

    /// <inheritdoc/>
    public override IReadOnlyList<StudyCell> Dependencies => [_trained];

    /// <inheritdoc/>
    public override double EstimatedSeconds => StudyEstimate.MeasurementSeconds(_trained.Kind, Seed, _trained.Variant, _options);

    /// <inheritdoc/>
    public override void Run(CellContext context, string directory, CancellationToken cancellationToken)
    {
        var data = context.Data(DataSet);
        string trained = context.Store.Require(_trained);
        var network = TrainingCell.LoadNetwork(trained);
        var clock = Stopwatch.StartNew();
        context.Progress.Sweeping();
        // Each level keeps its mean and spread over the random draws; the draws themselves would make the cell megabytes.
        var robustness = new RobustnessSuite(_options, _trained.Kind).Run(network, data, cancellationToken).Select(s => s with { Runs = [] }).ToArray();
        var pgdCheck = Seed == 0 ? new PgdStrengthCheck(_options).Run(network, data.PgdChecked) : [];
        var sensitivity = SensitivitySummary.Of(network, data.Swept, _options.Threads);
        var topology = _trained.Kind.IsSparse() ? TopologyChange.Between(TrainingCell.LoadInitialNetwork(trained), network, data.Rows, data.Columns) : null;
        var structure = _trained.Kind.IsSparse() ? NetworkStructure.Of(network, _options.NullSamples, Seed) : null;
        var measurement = new NetworkMeasurement(robustness, pgdCheck, sensitivity, topology, structure, clock.Elapsed.TotalSeconds);
        CellJson.Write(Path.Combine(directory, ResultFile), measurement);
        context.Progress.Finish($"{robustness.Length} sweeps {measurement.Seconds:F1} s");
    }

    /// <summary>The stored results of a complete cell in <paramref name="directory"/>.</summary>
    public static NetworkMeasurement Load(string directory) => CellJson.Read<NetworkMeasurement>(Path.Combine(directory, ResultFile));
}
