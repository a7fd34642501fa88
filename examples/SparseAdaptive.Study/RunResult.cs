using System.Text.Json.Serialization;
using SparseAdaptive.Analysis;
using SparseAdaptive.Robustness;
using SparseAdaptive.Study.Cells;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// Everything known of one trained network: one data set, kind (or sweep variant) and seed. A training cell stores what
/// training gave as JSON; what is derived from the stored networks (the topology snapshots and turnover) or stored by
/// other cells (the measurements, the transfer attacks) is filled in when the cells are read.
/// </summary>
internal sealed record RunResult
{
    /// <summary>The data set.</summary>
    public required DataSetName DataSet { get; init; }

    /// <summary>The network kind.</summary>
    public required NetworkKind Kind { get; init; }

    /// <summary>The parameter sweep's point, or null for a main run.</summary>
    public TrainingVariant? Variant { get; init; }

    /// <summary>The training seed.</summary>
    public required int Seed { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>What happened in each epoch trained; the validation accuracy is on the held-out training images, before rewiring.</summary>
    public required IReadOnlyList<EpochReport> Epochs { get; init; }

    /// <summary>The epoch whose network was kept: the last for sparse runs, the best on validation for dense ones.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Accuracy of the kept network on the test subset: a final figure, never used to choose anything.</summary>
    public required double CleanAccuracy { get; init; }

    /// <summary>Share of the input pixels that are near-blank in the training images.</summary>
    public required double NearBlankUniformShare { get; init; }

    /// <summary>For sparse runs, the topology after each epoch; empty for dense networks.</summary>
    public required IReadOnlyList<EpochTopology> EpochTopology { get; init; }

    /// <summary>Total number of links of the trained network.</summary>
    public required long LinkCount { get; init; }

    /// <summary>Height of the data set's images, for the pixel maps.</summary>
    public required int ImageRows { get; init; }

    /// <summary>Width of the data set's images.</summary>
    public required int ImageColumns { get; init; }

    /// <summary>Topology of the sparse layers before training; null for dense networks and until measured.</summary>
    [JsonIgnore]
    public TopologySnapshot? Initial => Measurement?.Topology?.Initial;

    /// <summary>Topology of the sparse layers after training; null for dense networks and until measured.</summary>
    [JsonIgnore]
    public TopologySnapshot? Final => Measurement?.Topology?.Final;

    /// <summary>The snapshots of a sparse run named as in the report and files ("initial", "trained"); none for dense networks.</summary>
    public IEnumerable<(string Stage, TopologySnapshot Snapshot)> Snapshots =>
        Initial is null || Final is null ? [] : [("initial", Initial), ("trained", Final)];

    /// <summary>For each sparse layer, how its links changed from before to after training; empty for dense networks.</summary>
    [JsonIgnore]
    public IReadOnlyList<LinkTurnover> Turnover => Measurement?.Topology?.Turnover ?? [];

    /// <summary>What was measured on the kept network (<see cref="MeasurementCell"/>); null until its cell is read.</summary>
    [JsonIgnore]
    public NetworkMeasurement? Measurement { get; init; }

    /// <summary>The result of each robustness sweep, in the order of <see cref="RobustnessSuite"/>; empty when not measured.</summary>
    [JsonIgnore]
    public IReadOnlyList<SweepResult> Robustness => Measurement?.Robustness ?? [];

    /// <summary>For training seed 0, the study's PGD and the stronger PGD on the same images (<see cref="PgdStrengthCheck"/>); empty for other seeds.</summary>
    [JsonIgnore]
    public IReadOnlyList<SweepResult> PgdCheck => Measurement?.PgdCheck ?? [];

    /// <summary>PGD examples crafted on each other kind's network of the same seed, scored on this one; empty when one kind ran.</summary>
    [JsonIgnore]
    public IReadOnlyList<TransferSweep> Transfer { get; init; } = [];

    /// <summary>For sparse runs, the robustness probes made during training; empty for dense networks.</summary>
    public required IReadOnlyList<ProbePoint> Probes { get; init; }

    /// <summary>Seconds spent training (validation, probes and the test score included).</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Seconds spent measuring the kept network (sweeps, sensitivity, structure, PGD check).</summary>
    [JsonIgnore]
    public double SweepSeconds => Measurement?.Seconds ?? 0;

    /// <summary>Seconds spent scoring the transfer attacks on this network (crafting them included).</summary>
    [JsonIgnore]
    public double TransferSeconds { get; init; }
}
