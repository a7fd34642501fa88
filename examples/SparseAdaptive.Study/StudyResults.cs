using SparseAdaptive.Study.Cells;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>The stored runs of a study and their summaries over seeds, as the report presents them.</summary>
internal sealed class StudyResults
{
    /// <summary>
    /// The runs of <paramref name="stored"/>, a study planned with <paramref name="plan"/>. Where cells are missing, the
    /// report covers the data sets that have runs and the kinds that have runs in each of them.
    /// </summary>
    /// <exception cref="InvalidOperationException">No kind of the plan has stored runs in every data set that has runs.</exception>
    public StudyResults(StudyOptions plan, StoredStudy stored)
    {
        // A run counts once it is measured: the report's robustness and structure come from its measurement cell.
        var measured = stored.Runs.Where(r => r.Measurement is not null).ToArray();
        var dataSets = plan.DataSets.Where(d => measured.Any(r => r.DataSet == d && r.Variant is null)).ToArray();
        var kinds = plan.Kinds.Where(k => dataSets.All(d => measured.Any(r => r.DataSet == d && r.Kind == k && r.Variant is null))).ToArray();
        if (kinds.Length == 0)
        {
            throw new InvalidOperationException("No kind of the plan has measured runs in every data set that has runs: there is nothing to compare.");
        }
        Options = plan with { DataSets = dataSets, Kinds = kinds };
        Runs = measured.Where(r => kinds.Contains(r.Kind) && r.Variant is null && dataSets.Contains(r.DataSet)).ToArray();
        VariantRuns = measured.Where(r => r.Variant is not null && dataSets.Contains(r.DataSet)).ToArray();
        Stored = stored;
    }

    /// <summary>The measured runs of the parameter sweeps' variants (the main runs being the sweeps' other points).</summary>
    public IReadOnlyList<RunResult> VariantRuns { get; }

    /// <summary>The runs of one data set, kind and sweep point, by seed.</summary>
    public IReadOnlyList<RunResult> VariantRunsOf(DataSetName dataSet, NetworkKind kind, TrainingVariant variant) =>
        VariantRuns.Where(r => r.DataSet == dataSet && r.Kind == kind && r.Variant == variant).ToArray();

    /// <summary>The options the study ran with, narrowed to the data sets and kinds the report covers.</summary>
    public StudyOptions Options { get; }

    /// <summary>Every measured main run reported (no sweep variants), data set by data set, seed by seed, kind by kind.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>The stored cells the runs come from, with those missing or failed.</summary>
    public StoredStudy Stored { get; }

    /// <summary>The runs of one data set and kind, by seed.</summary>
    public IReadOnlyList<RunResult> RunsOf(DataSetName dataSet, NetworkKind kind) =>
        Runs.Where(r => r.DataSet == dataSet && r.Kind == kind).ToArray();

    /// <summary>Test accuracy of the kept networks, over the seeds.</summary>
    public SeedSummary CleanAccuracy(DataSetName dataSet, NetworkKind kind) => SeedSummary.Of(RunsOf(dataSet, kind).Select(r => r.CleanAccuracy));

    /// <summary>Names of the perturbations measured on a data set, in sweep order.</summary>
    public IReadOnlyList<string> Perturbations(DataSetName dataSet) =>
        Runs.Where(r => r.DataSet == dataSet).SelectMany(r => r.Robustness.Select(s => s.Name)).Distinct().ToArray();

    /// <summary>The kinds whose networks were put through <paramref name="perturbation"/> on <paramref name="dataSet"/>, in report order.</summary>
    public IReadOnlyList<NetworkKind> KindsWith(DataSetName dataSet, string perturbation) =>
        Options.Kinds.Where(k => RunsOf(dataSet, k).All(r => r.Robustness.Any(s => s.Name == perturbation))).ToArray();

    /// <summary>
    /// The curve of one perturbation for one kind: per strength, each metric over the training seeds (for each
    /// network, the metric is first averaged over the sweep's own seeds); empty when the kind was not put through it.
    /// </summary>
    public IReadOnlyList<RobustnessLevel> Robustness(DataSetName dataSet, NetworkKind kind, string perturbation)
    {
        if (!KindsWith(dataSet, perturbation).Contains(kind))
        {
            return [];
        }
        var sweeps = RunsOf(dataSet, kind).Select(r => r.Robustness.Single(s => s.Name == perturbation)).ToArray();
        return sweeps[0].Levels.Select((level, i) => new RobustnessLevel(level.Strength,
            SeedSummary.Of(sweeps.Select(s => s.Levels[i].MicroAccuracy.Mean)),
            SeedSummary.Of(sweeps.Select(s => s.Levels[i].MacroAccuracy.Mean)),
            SeedSummary.Of(sweeps.Select(s => s.Levels[i].LogLoss.Mean)))).ToArray();
    }

    /// <summary>What the strength of a perturbation measures.</summary>
    public string StrengthName(string perturbation) =>
        Runs.SelectMany(r => r.Robustness).First(s => s.Name == perturbation).StrengthName;

    /// <summary>A per-epoch measure over the seeds, epoch by epoch, up to the shortest run (dense runs stop early).</summary>
    public IReadOnlyList<ConfidenceInterval> PerEpoch(DataSetName dataSet, NetworkKind kind, Func<EpochReport, double> measure)
    {
        var runs = RunsOf(dataSet, kind);
        return Enumerable.Range(0, runs.Min(r => r.Epochs.Count)).Select(e => ConfidenceInterval.Of(runs.Select(r => measure(r.Epochs[e])))).ToArray();
    }

    /// <summary>A per-epoch topology measure of a sparse kind over the seeds, epoch by epoch.</summary>
    public IReadOnlyList<ConfidenceInterval> PerEpochTopology(DataSetName dataSet, NetworkKind kind, Func<EpochTopology, double> measure)
    {
        var runs = RunsOf(dataSet, kind);
        return Enumerable.Range(0, runs[0].EpochTopology.Count).Select(e => ConfidenceInterval.Of(runs.Select(r => measure(r.EpochTopology[e])))).ToArray();
    }

    /// <summary>The near-blank pixels' share of the pixels of a data set's training images.</summary>
    public double NearBlankUniformShare(DataSetName dataSet) => Runs.First(r => r.DataSet == dataSet).NearBlankUniformShare;

    /// <summary>A per-run measure of one kind over the seeds, with its 95% t interval.</summary>
    public ConfidenceInterval Interval(DataSetName dataSet, NetworkKind kind, Func<RunResult, double> measure) =>
        ConfidenceInterval.Of(RunsOf(dataSet, kind).Select(measure));

    /// <summary>
    /// Adaptive minus static of a per-run measure, paired by seed (the two share their initial topology), with the
    /// 95% t interval of the mean difference; null unless both kinds ran.
    /// </summary>
    public ConfidenceInterval? AdaptiveMinusStatic(DataSetName dataSet, Func<RunResult, double> measure)
    {
        if (!IsPaired)
        {
            return null;
        }
        var statics = RunsOf(dataSet, NetworkKind.Static).ToDictionary(r => r.Seed);
        return ConfidenceInterval.Of(RunsOf(dataSet, NetworkKind.Adaptive).Where(a => statics.ContainsKey(a.Seed)).Select(a => measure(a) - measure(statics[a.Seed])));
    }

    /// <summary>Whether both adaptive and static ran, so that their differences can be paired by seed.</summary>
    public bool IsPaired => Options.Kinds.Contains(NetworkKind.Adaptive) && Options.Kinds.Contains(NetworkKind.Static);

    /// <summary>The (strength, accuracy) points of one run's curve for <paramref name="perturbation"/>.</summary>
    public static (double Strength, double Accuracy)[] Curve(RunResult run, string perturbation) =>
        Points(run.Robustness.Single(s => s.Name == perturbation));

    /// <summary>Whether a perturbation changes the networks' structure (removes links or neurons) rather than weights or inputs.</summary>
    public bool IsStructural(string perturbation) =>
        Runs.SelectMany(r => r.Robustness).Where(s => s.Name == perturbation)
            .Any(s => s.Levels.Any(l => l.Structure!.LinkCount.Mean != s.Levels[0].Structure!.LinkCount.Mean));

    /// <summary>A structural measure of one perturbation's networks for one kind, per strength, over the training seeds.</summary>
    public IReadOnlyList<ConfidenceInterval> StructureCurve(DataSetName dataSet, NetworkKind kind, string perturbation, Func<Robustness.StructureSummary, double> measure)
    {
        var sweeps = RunsOf(dataSet, kind).Select(r => r.Robustness.Single(s => s.Name == perturbation)).ToArray();
        return sweeps[0].Levels.Select((_, i) => ConfidenceInterval.Of(sweeps.Select(s => measure(s.Levels[i].Structure!)))).ToArray();
    }

    /// <summary>
    /// The transfer curves of PGD examples crafted on <paramref name="source"/> and scored on <paramref name="target"/>,
    /// one per seed; empty when the pair did not run.
    /// </summary>
    public IReadOnlyList<(double Strength, double Accuracy)[]> TransferCurves(DataSetName dataSet, NetworkKind source, NetworkKind target) =>
        RunsOf(dataSet, target).SelectMany(r => r.Transfer.Where(t => t.Source == source)
            .Select(t => Points(t.Sweep))).ToArray();

    private static (double Strength, double Accuracy)[] Points(Robustness.SweepResult sweep) =>
        sweep.Levels.Select(l => (l.Strength, l.MicroAccuracy.Mean)).ToArray();

    /// <summary>A probe measure of a sparse kind over the seeds, probe by probe, with the probed epochs.</summary>
    public IReadOnlyList<(int Epoch, ConfidenceInterval Value)> PerProbe(DataSetName dataSet, NetworkKind kind, Func<ProbePoint, double> measure)
    {
        var runs = RunsOf(dataSet, kind);
        return runs[0].Probes.Select((p, i) => (p.Epoch, ConfidenceInterval.Of(runs.Select(r => measure(r.Probes[i]))))).ToArray();
    }

    /// <summary>Adaptive minus static of a probe measure at each probed epoch, paired by seed; empty unless both kinds ran.</summary>
    public IReadOnlyList<(int Epoch, ConfidenceInterval Difference)> ProbeDifference(DataSetName dataSet, Func<ProbePoint, double> measure)
    {
        if (!IsPaired)
        {
            return [];
        }
        var probes = RunsOf(dataSet, NetworkKind.Adaptive)[0].Probes;
        return probes.Select((p, i) => (p.Epoch, AdaptiveMinusStatic(dataSet, r => measure(r.Probes[i]))!.Value)).ToArray();
    }

    /// <summary>Links leaving each pixel, averaged over the seeds, as an image (rows × columns).</summary>
    public double[,] MeanPixelLinks(DataSetName dataSet, NetworkKind kind, Func<RunResult, TopologySnapshot?> stage)
    {
        var maps = RunsOf(dataSet, kind).Select(r => stage(r)!).ToArray();
        var image = new double[maps[0].PixelRows, maps[0].PixelColumns];
        foreach (var map in maps)
        {
            for (int row = 0; row < map.PixelRows; row++)
            {
                for (int column = 0; column < map.PixelColumns; column++)
                {
                    image[row, column] += (double)map.LinksAt(row, column) / maps.Length;
                }
            }
        }
        return image;
    }
}
