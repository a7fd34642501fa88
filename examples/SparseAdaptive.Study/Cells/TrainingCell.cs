using System.Diagnostics;
using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Trains one network (data set × kind × seed, or a parameter sweep's variant), probes it during training, and stores
/// what training gave (result.json), the kept network (network.bin) and, for sparse kinds, the network training started
/// from (initial.bin) that the topology analysis compares it with. A null model's cell depends on the same seed's
/// adaptive cell and starts from a network derived from its trained network. What is measured on the kept network is
/// a <see cref="MeasurementCell"/>'s.
/// </summary>
internal sealed class TrainingCell : StudyCell
{
    /// <summary>The stored results.</summary>
    public const string ResultFile = "result.json";

    /// <summary>The kept network, in <see cref="SparseNetwork.Save"/>'s format.</summary>
    public const string NetworkFile = "network.bin";

    /// <summary>The network before training (sparse kinds only).</summary>
    public const string InitialFile = "initial.bin";

    private readonly StudyOptions _options;
    private readonly TrainingCell? _adaptive;

    // Built once: the key, the estimate and the run all read it (a dense-equal kind's derives its width from a network).
    private readonly TrainingSettings _settings;

    /// <summary>
    /// The cell of <paramref name="kind"/> trained on <paramref name="dataSet"/> with <paramref name="seed"/>, changed by
    /// <paramref name="variant"/> when given; a null model's needs <paramref name="adaptive"/>, the same seed's adaptive cell.
    /// </summary>
    /// <exception cref="ArgumentException">A null model without its adaptive cell, or another kind with one.</exception>
    public TrainingCell(StudyOptions options, DataSetName dataSet, NetworkKind kind, int seed, TrainingVariant? variant = null, TrainingCell? adaptive = null)
        : base(dataSet, seed)
    {
        if (kind.IsNullModel() != adaptive is not null)
        {
            throw new ArgumentException($"A {kind.Name()} cell {(kind.IsNullModel() ? "needs" : "takes no")} adaptive cell to start from.", nameof(adaptive));
        }
        _options = options;
        _adaptive = adaptive;
        Kind = kind;
        Variant = variant;
        _settings = Settings();
        Key = BuildKey();
    }

    /// <summary>The network kind.</summary>
    public NetworkKind Kind { get; }

    /// <summary>The parameter sweep's point this cell trains, or null for a main run.</summary>
    public TrainingVariant? Variant { get; }

    /// <inheritdoc/>
    public override CellKey Key { get; }

    /// <inheritdoc/>
    public override string What => Variant is null ? Kind.Name() : $"{Kind.Name()} {Variant.Name}";

    /// <inheritdoc/>
    public override IReadOnlyList<StudyCell> Dependencies => _adaptive is null ? [] : [_adaptive];

    /// <inheritdoc/>
    public override double EstimatedSeconds => StudyEstimate.TrainingSeconds(Kind, _settings, _options);

    // With threads left at 0, as the key holds them: results do not depend on them.
    private TrainingSettings Settings()
    {
        var settings = Kind.Settings(_options with { Threads = 0 }, DataSetNames.FeatureCount, DataSetNames.ClassCount, Seed);
        Variant?.ApplyTo(settings);
        return settings;
    }

    private CellKey BuildKey()
    {
        var o = _options;
        string prefix = Variant is null ? $"{DataSet.Name()}-{Kind.Name()}-seed{Seed}" : $"{DataSet.Name()}-{Kind.Name()}-{Variant.Name}-seed{Seed}";
        return new CellKey(prefix)
            .With("cell", "training")
            .With("dataset", DataSet.Name())
            .With("kind", Kind.Name())
            .With("variant", Variant)
            .With("starts-from", _adaptive is null ? null : new { network = _adaptive.Name, switches = ConfigurationModel.DefaultSwitchesPerLink })
            .With("training", _settings)
            .With("images", new { o.TrainCount, StudyData.ValidationFraction, StudyData.SplitSeed, o.TestCount, o.SweepCount })
            .With("early-stopping", Kind.IsSparse() ? null : new { o.Patience })
            .With("probes", Kind.IsSparse() ? new { o.ProbeInterval, o.ProbeCount, o.ProbeRemoval, o.ProbeEpsilon, o.PgdIterations, o.SweepSeeds, o.PgdStarts } : null);
    }

    // The network training starts from: a null model's is derived from its adaptive cell's trained network, seeded by
    // this cell's seed; a sparse kind's is the seeded random one the trainer would draw; a dense kind's is left to it.
    private SparseNetwork? InitialNetworkOf(CellContext context, TrainingSettings settings) => Kind switch
    {
        NetworkKind.ConfigurationModel => ConfigurationModel.Rewire(LoadNetwork(context.Store.Require(_adaptive!)), Seed),
        NetworkKind.FreshWeights => Topology.FreshWeights.Of(LoadNetwork(context.Store.Require(_adaptive!)), Seed),
        _ when Kind.IsSparse() => InitialNetwork.For(DataSetNames.FeatureCount, DataSetNames.ClassCount, settings),
        _ => null,
    };

    /// <inheritdoc/>
    public override void Run(CellContext context, string directory, CancellationToken cancellationToken)
    {
        var data = context.Data(DataSet);
        var progress = context.Progress;
        var settings = _settings.Clone();
        settings.NumberOfThreads = _options.Threads;
        var initial = InitialNetworkOf(context, settings);
        var probe = new RobustnessProbe(_options);
        var epochs = new List<EpochReport>();
        var topology = new List<EpochTopology>();
        var probes = new List<ProbePoint>();
        var stopping = new EarlyStopping(Kind.IsSparse() ? null : _options.Patience);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        SparseNetwork network;
        try
        {
            void OnEpoch(EpochReport report)
            {
                epochs.Add(report);
                progress.Epoch(report);
                if (initial is not null)
                {
                    topology.Add(EpochTopology.Of(report.Network!, initial, data.NearBlank));
                    if (probe.IsDue(report))
                    {
                        probes.Add(probe.Measure(report.Epoch, report.Network!, data.Probed));
                    }
                }
                if (stopping.ShouldStop(report))
                {
                    stop.Cancel();
                }
            }
            network = initial is null
                ? NetworkTrainer.Train(data.Train, settings, data.Validation, OnEpoch, stop.Token)
                : NetworkTrainer.Train(data.Train, initial, settings, data.Validation, OnEpoch, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            network = stopping.Best!;
        }
        network = stopping.Best ?? network;
        var result = new RunResult
        {
            DataSet = DataSet,
            Kind = Kind,
            Variant = Variant,
            Seed = Seed,
            Started = started,
            Epochs = epochs,
            BestEpoch = stopping.BestEpoch ?? epochs.Count,
            CleanAccuracy = ClassificationScore.Of(network, data.Test, _options.Threads).MicroAccuracy,
            LinkCount = network.LinkCount,
            ImageRows = data.Rows,
            ImageColumns = data.Columns,
            EpochTopology = topology,
            NearBlankUniformShare = data.NearBlank.UniformShare,
            Probes = probes,
            TrainSeconds = clock.Elapsed.TotalSeconds,
        };
        CellJson.Write(Path.Combine(directory, ResultFile), result);
        Save(network, Path.Combine(directory, NetworkFile));
        if (initial is not null)
        {
            Save(initial, Path.Combine(directory, InitialFile));
        }
        progress.Finish($"test {result.CleanAccuracy:P2} · {result.Epochs.Count} epochs {result.TrainSeconds:F1} s");
    }

    /// <summary>The stored results of a complete cell in <paramref name="directory"/>.</summary>
    public static RunResult Load(string directory) => CellJson.Read<RunResult>(Path.Combine(directory, ResultFile));

    /// <summary>The kept network of a complete cell in <paramref name="directory"/>.</summary>
    public static SparseNetwork LoadNetwork(string directory) => LoadNetwork(directory, NetworkFile);

    /// <summary>The network a complete sparse kind's cell in <paramref name="directory"/> started from.</summary>
    public static SparseNetwork LoadInitialNetwork(string directory) => LoadNetwork(directory, InitialFile);

    /// <exception cref="FileNotFoundException">The cell has no such file; the message says how to compute it again.</exception>
    private static SparseNetwork LoadNetwork(string directory, string file)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            // The committed study leaves out the network files (a dense one is 22 MB): see .gitignore.
            throw new FileNotFoundException(
                $"The cell {Path.GetFileName(directory)} has no {file}; delete the folder {directory} and run the study again to compute it.", path);
        }
        using var stream = File.OpenRead(path);
        return SparseNetwork.Load(stream);
    }

    private static void Save(SparseNetwork network, string path)
    {
        using var stream = File.Create(path);
        network.Save(stream);
    }
}
