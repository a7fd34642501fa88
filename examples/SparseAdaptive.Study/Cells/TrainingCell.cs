using System.Diagnostics;
using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Trains one network (data set × kind × seed), probes it during training, runs every robustness sweep and the PGD
/// strength check on it, and stores the results (result.json), the kept network (network.bin) and, for sparse kinds,
/// the initial network (initial.bin) that the topology analysis compares it with.
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

    /// <summary>The cell of <paramref name="kind"/> trained on <paramref name="dataSet"/> with <paramref name="seed"/>.</summary>
    public TrainingCell(StudyOptions options, DataSetName dataSet, NetworkKind kind, int seed)
        : base(dataSet, seed)
    {
        _options = options;
        Kind = kind;
        Key = BuildKey();
    }

    /// <summary>The network kind.</summary>
    public NetworkKind Kind { get; }

    /// <inheritdoc/>
    public override CellKey Key { get; }

    /// <inheritdoc/>
    public override string What => Kind.Name();

    /// <inheritdoc/>
    public override double EstimatedSeconds => StudyEstimate.TrainingSeconds(Kind, Seed, _options);

    // Threads are left out: results do not depend on them.
    private TrainingSettings Settings(int threads) =>
        Kind.Settings(_options with { Threads = threads }, DataSetNames.FeatureCount, DataSetNames.ClassCount, Seed);

    private CellKey BuildKey()
    {
        var o = _options;
        return new CellKey($"{DataSet.Name()}-{Kind.Name()}-seed{Seed}")
            .With("cell", "training")
            .With("dataset", DataSet.Name())
            .With("kind", Kind.Name())
            .With("training", Settings(threads: 0))
            .With("images", new { o.TrainCount, StudyData.ValidationFraction, StudyData.SplitSeed, o.TestCount, o.SweepCount })
            .With("sweeps", new { o.RemovalFractions, o.ShuffleFractions, o.Epsilons, o.PgdIterations, o.SweepSeeds })
            .With("early-stopping", Kind.IsSparse() ? null : new { o.Patience })
            .With("probes", Kind.IsSparse() ? new { o.ProbeInterval, o.ProbeCount, o.ProbeRemoval, o.ProbeEpsilon, o.PgdIterations, o.SweepSeeds } : null)
            .With("pgd-check", Seed == 0 ? new { o.PgdCheckIterations, o.PgdCheckRestarts, o.PgdCheckCount } : null);
    }

    /// <inheritdoc/>
    public override void Run(CellContext context, string directory, CancellationToken cancellationToken)
    {
        var data = context.Data(DataSet);
        var progress = context.Progress;
        var settings = Settings(_options.Threads);
        var initial = Kind.IsSparse() ? InitialNetwork.For(data.Train.FeatureCount, data.Train.ClassCount, settings) : null;
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
            network = NetworkTrainer.Train(data.Train, settings, data.Validation, report =>
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
            }, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            network = stopping.Best!;
        }
        network = stopping.Best ?? network;
        double trainSeconds = clock.Elapsed.TotalSeconds;

        progress.Sweeping();
        clock.Restart();
        var robustness = new RobustnessSuite(_options).Run(network, data);
        var pgdCheck = Seed == 0 ? new PgdStrengthCheck(_options).Run(network, data.PgdChecked) : [];
        var result = new RunResult
        {
            DataSet = DataSet,
            Kind = Kind,
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
            Robustness = robustness,
            PgdCheck = pgdCheck,
            Probes = probes,
            TrainSeconds = trainSeconds,
            SweepSeconds = clock.Elapsed.TotalSeconds,
        };
        CellJson.Write(Path.Combine(directory, ResultFile), result);
        Save(network, Path.Combine(directory, NetworkFile));
        if (initial is not null)
        {
            Save(initial, Path.Combine(directory, InitialFile));
        }
        progress.Finish($"test {result.CleanAccuracy:P2} · {result.Epochs.Count} epochs {result.TrainSeconds:F1} s · sweeps {result.SweepSeconds:F1} s");
    }

    /// <summary>The stored results of a complete cell in <paramref name="directory"/>, with the topology of its stored networks analysed.</summary>
    public static RunResult Load(string directory)
    {
        var run = CellJson.Read<RunResult>(Path.Combine(directory, ResultFile));
        if (!run.Kind.IsSparse())
        {
            return run;
        }
        var initial = LoadNetwork(directory, InitialFile);
        var trained = LoadNetwork(directory, NetworkFile);
        return run with
        {
            Initial = TopologySnapshot.Of(initial, run.ImageRows, run.ImageColumns),
            Final = TopologySnapshot.Of(trained, run.ImageRows, run.ImageColumns),
            Turnover = initial.Layers.SkipLast(1).Select((layer, l) => LinkTurnover.Between(layer, trained.Layers[l])).ToArray(),
        };
    }

    /// <summary>The kept network of a complete cell in <paramref name="directory"/>.</summary>
    public static SparseNetwork LoadNetwork(string directory) => LoadNetwork(directory, NetworkFile);

    /// <exception cref="FileNotFoundException">The cell has no such file; the message says how to compute it again.</exception>
    private static SparseNetwork LoadNetwork(string directory, string file)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            // The committed study leaves out the dense networks (22 MB each): see .gitignore.
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
