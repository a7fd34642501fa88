using System.Diagnostics;
using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>Trains and measures every data set × kind × seed of a study.</summary>
internal sealed class StudyRunner
{
    private readonly StudyOptions _options;
    private readonly ProgressDisplay _progress;
    private readonly RobustnessSuite _robustness;
    private readonly PgdStrengthCheck _pgdCheck;
    private readonly TransferAttacks _transfer;
    private readonly RobustnessProbe _probe;

    /// <summary>Prepares a study; the options must be valid.</summary>
    public StudyRunner(StudyOptions options, ProgressDisplay progress)
    {
        _options = options;
        _progress = progress;
        _robustness = new RobustnessSuite(options);
        _pgdCheck = new PgdStrengthCheck(options);
        _transfer = new TransferAttacks(options);
        _probe = new RobustnessProbe(options);
    }

    /// <summary>Number of runs the study makes.</summary>
    public static int RunCount(StudyOptions options) => options.DataSets.Count * options.Kinds.Count * options.Seeds;

    /// <summary>Runs the whole study, data set by data set and seed by seed, every kind of a seed before the transfer attacks among them.</summary>
    public IReadOnlyList<RunResult> Run(CancellationToken cancellationToken)
    {
        // A missing second data set should not surface after the first one has trained for an hour.
        foreach (var name in _options.DataSets)
        {
            StudyData.Folder(name, _options);
        }
        var results = new List<RunResult>();
        foreach (var name in _options.DataSets)
        {
            _progress.Note($"Loading {name.Name()} from {_options.DataRoot}");
            var data = StudyData.Load(name, _options);
            _progress.Note($"  {data.Train.Count:N0} training images, {data.Test.Count:N0} test images (sweeps on {data.Swept.Count:N0})");
            for (int seed = 0; seed < _options.Seeds; seed++)
            {
                var trained = _options.Kinds.Select(kind => RunOne(data, kind, seed, cancellationToken)).ToArray();
                if (trained.Length > 1)
                {
                    _progress.Note($"  transfer attacks among the {trained.Length} networks of seed {seed}");
                }
                results.AddRange(trained.Select(target => WithTransfer(target, trained, data)));
            }
        }
        return results;
    }

    // Needs every kind of the seed trained, so it comes after them all.
    private RunResult WithTransfer((RunResult Run, SparseNetwork Network) target, IEnumerable<(RunResult Run, SparseNetwork Network)> all, StudyData data)
    {
        var sources = all.Where(s => s.Run.Kind != target.Run.Kind).Select(s => (s.Run.Kind, s.Network)).ToArray();
        if (sources.Length == 0)
        {
            return target.Run;
        }
        var clock = Stopwatch.StartNew();
        var transfer = _transfer.Run(target.Network, sources, data.Transferred);
        return target.Run with { Transfer = transfer, TransferSeconds = clock.Elapsed.TotalSeconds };
    }

    private (RunResult Run, SparseNetwork Network) RunOne(StudyData data, NetworkKind kind, int seed, CancellationToken cancellationToken)
    {
        _progress.StartRun(data.Name, kind, seed, StudyEstimate.RunSeconds(kind, _options));
        var settings = kind.Settings(_options, data.Train.FeatureCount, data.Train.ClassCount, seed);
        var initial = kind.IsSparse() ? InitialNetwork.For(data.Train.FeatureCount, data.Train.ClassCount, settings) : null;
        var epochs = new List<EpochReport>();
        var topology = new List<EpochTopology>();
        var probes = new List<ProbePoint>();
        var stopping = new EarlyStopping(kind.IsSparse() ? null : _options.Patience);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        SparseNetwork network;
        try
        {
            network = NetworkTrainer.Train(data.Train, settings, data.Validation, report =>
            {
                epochs.Add(report);
                _progress.Epoch(report);
                if (initial is not null)
                {
                    topology.Add(EpochTopology.Of(report.Network!, initial, data.NearBlank));
                    if (_probe.IsDue(report))
                    {
                        probes.Add(_probe.Measure(report.Epoch, report.Network!, data.Probed));
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

        _progress.Sweeping();
        clock.Restart();
        var robustness = _robustness.Run(network, data);
        var pgdCheck = seed == 0 ? _pgdCheck.Run(network, data.PgdChecked) : [];
        var result = new RunResult
        {
            DataSet = data.Name,
            Kind = kind,
            Seed = seed,
            Epochs = epochs,
            BestEpoch = stopping.BestEpoch ?? epochs.Count,
            CleanAccuracy = ClassificationScore.Of(network, data.Test, _options.Threads).MicroAccuracy,
            LinkCount = network.LinkCount,
            EpochTopology = topology,
            NearBlankUniformShare = data.NearBlank.UniformShare,
            Initial = initial is null ? null : TopologySnapshot.Of(initial, data.Rows, data.Columns),
            Final = initial is null ? null : TopologySnapshot.Of(network, data.Rows, data.Columns),
            Turnover = initial is null
                ? []
                : initial.Layers.SkipLast(1).Select((layer, l) => LinkTurnover.Between(layer, network.Layers[l])).ToArray(),
            Robustness = robustness,
            PgdCheck = pgdCheck,
            Probes = probes,
            TrainSeconds = trainSeconds,
            SweepSeconds = clock.Elapsed.TotalSeconds,
        };
        _progress.FinishRun(result);
        return (result, network);
    }
}
