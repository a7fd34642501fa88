using System.Globalization;
using System.Text;
using SparseAdaptive.Data;
using SparseAdaptive.Study.Findings;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study;

/// <summary>Writes <c>report.md</c> (numbers in the invariant culture, which the program sets): settings, run time, accuracy tables (mean ± sd over seeds), topology summary, charts and file list.</summary>
internal static class MarkdownReport
{
    /// <summary>Writes the report into <paramref name="directory"/>, linking the charts and CSV files already there.</summary>
    public static void Write(StudyResults results, ComparisonFamily family, ReportCharts charts, string directory)
    {
        var text = new StringBuilder();
        var o = results.Options;
        Line(text, $"# SparseAdaptive study: adaptive vs static sparse vs dense, and why");
        Line(text);
        Provenance(text, results);
        Settings(text, o);
        FindingsSection.Write(text, results, family);
        CleanAccuracy(text, results);
        Adaptation(text, results, charts);
        RobustnessSummary(text, results);
        DecompositionSection.Write(text, results, family);
        TargetedSection.Write(text, results, charts);
        StructureSection.Write(text, results);
        SensitivitySection.Write(text, results, family);
        VariantsSection.Write(text, results, family, charts);
        Attacks(text, results);
        DuringTraining(text, results, charts);
        Robustness(text, results, charts);
        Training(text, results, charts);
        Topology(text, results, charts);
        Line(text, "## Files");
        Line(text);
        foreach (var (file, contents) in ReportCsvWriter.Files.Concat(FindingsCsvWriter.Files))
        {
            Line(text, $"- `{file}`: {contents}");
        }
        Line(text, $"- {charts.AllFiles.Count()} PNG charts, shown above");
        Line(text);
        AnswerSection.Write(text, results, family);
        AtomicFile.Write(Path.Combine(directory, "report.md"), file => File.WriteAllText(file, text.ToString(), new UTF8Encoding(false)));
    }

    // Where the numbers come from: the cells, when and on what they were computed, and what the report lacks.
    private static void Provenance(StringBuilder text, StudyResults results)
    {
        var stored = results.Stored;
        var records = stored.Records;
        double compute = records.Sum(r => r.Seconds);
        Line(text, $"Preset: `{results.Options.Preset}`. Made from {records.Count} stored cells (`cells/`), computed between "
            + $"{records.Min(r => r.Started):yyyy-MM-dd HH:mm} and {records.Max(r => r.Started.AddSeconds(r.Seconds)):yyyy-MM-dd HH:mm} UTC, "
            + $"{TimeSpan.FromSeconds(compute):h\\:mm\\:ss} of computing in all, on: {string.Join("; ", records.Select(r => r.Machine).Distinct())}.");
        Line(text);
        if (stored.Missing.Count == 0 && stored.Failed.Count == 0)
        {
            return;
        }
        Line(text, "## Incomplete: cells not in this report");
        Line(text);
        Line(text, $"{stored.Failed.Count} cells failed and {stored.Missing.Count} are missing; the tables below leave them out (their kinds or "
            + "seeds count fewer runs), so read every figure with that in mind. Run the same command again to compute them.");
        Line(text);
        foreach (var (cell, error) in stored.Failed)
        {
            Line(text, $"- failed: `{cell.Name}`: {error}");
        }
        foreach (var cell in stored.Missing)
        {
            Line(text, $"- missing: `{cell.Name}` ({cell.Label})");
        }
        Line(text);
    }

    private static void Settings(StringBuilder text, StudyOptions o)
    {
        Line(text, "## Settings");
        Line(text);
        Line(text, "| Setting | Value |");
        Line(text, "|---|---|");
        Line(text, $"| Data sets | {string.Join(", ", o.DataSets.Select(d => d.Name()))} |");
        Line(text, $"| Network kinds | {string.Join(", ", o.Kinds.Select(k => k.Name()))} |");
        Line(text, $"| Shape | 784-{string.Join("-", o.HiddenLayerSizes)}-10, hidden layers {o.Sparsity:P1} sparse (every kind but the dense ones) or dense; output layer dense |");
        Line(text, "| Kinds | adaptive: SET with the engine's settings; set-reference: SET as published (ζ 0.3 constant after every epoch but the last, new links at weight 0, the engine's optimiser); "
            + "static: the adaptive run's initial topology, never rewired; config-model and fresh-weights: null models trained static from the same seed's trained adaptive network "
            + "(its degrees with the links placed at random; its links re-initialised); dense and dense-equal: fully connected, own settings chosen on validation |");
        Line(text, $"| Training seeds | {o.Seeds} (0 to {o.Seeds - 1}) |");
        Line(text, o.VariantSeeds == 0
            ? "| Sparsity and ζ sweeps | none |"
            : $"| Sparsity and ζ sweeps | adaptive and static at sparsity {Levels(o.SparsityLevels)}, adaptive at ζ {Levels(o.RewireFractions)}; the ablation of the dead "
                + $"neurons: adaptive at new-link scale {Levels(o.NewLinkWeightScales)} and with ζ schedule "
                + $"{string.Join(", ", o.RewireSchedules.Select(r => r.ToString().ToLowerInvariant()))}; training seeds 0 to {o.VariantSeeds - 1} |");
        Line(text, $"| Epochs | {o.Epochs} (sparse); dense: at most {o.Dense.Epochs}, dense-equal: at most {o.DenseEqual.Epochs}, stopped after {o.Patience} without a better validation accuracy, best epoch kept |");
        Line(text, $"| Training images | {Count(o.TrainCount, "all 60,000")}, of which a seeded sixth (seed {StudyData.SplitSeed}) is held out for validation |");
        Line(text, $"| Test images | {Count(o.TestCount, "all 10,000")}; robustness sweeps on the first {Count(o.SweepCount, "all")} |");
        Line(text, $"| Link removal fractions | {Levels(o.RemovalFractions)} |");
        Line(text, $"| Weight shuffling fractions | {Levels(o.ShuffleFractions)} |");
        Line(text, $"| Random neuron removal and per-layer removal fractions | {Levels(o.RemovalFractions)} |");
        Line(text, $"| Targeted (ranked) neuron removal fractions | {Levels(o.NeuronFractions)} |");
        Line(text, $"| FGSM / PGD ε (L∞, pixels on [0, 1]) | {Levels(o.Epsilons)}; PGD {o.PgdIterations} steps with random start ({o.PgdStarts} starts), step 2.5 ε / steps |");
        Line(text, $"| PGD strength check | training seed 0, first {o.PgdCheckCount:N0} swept images: PGD {o.PgdIterations} steps vs {o.PgdCheckIterations} steps × {o.PgdCheckRestarts} restarts |");
        Line(text, $"| Transfer attacks | PGD {o.PgdIterations} steps crafted on each kind, scored on every other kind of the same seed, first {o.TransferCount:N0} swept images |");
        Line(text, $"| Probes during training | sparse kinds, every {o.ProbeInterval} epochs and the last, first {o.ProbeCount:N0} swept images: clean, {o.ProbeRemoval:P0} of hidden links removed at random, PGD ε = {o.ProbeEpsilon} |");
        Line(text, $"| Random draws per level of a random perturbation | {o.SweepSeeds} (ranked removals and FGSM draw nothing at random) |");
        Line(text, $"| Configuration-model samples (k-cores, rich club) | {o.NullSamples} |");
        var sparse = new SparseAdaptive.Training.TrainingSettings();
        Line(text, $"| Sparse training | engine defaults: momentum SGD lr {sparse.LearningRate} (cosine), dropout {sparse.DropoutRate}, L2 {sparse.L2Regularization}; "
            + $"SET ζ = {sparse.RewireFraction} ({sparse.RewireSchedule}, rewiring stops at {sparse.RewireEnd:P0} of the epochs), new links at {sparse.NewLinkWeightScale}× the initial weight scale |");
        Line(text, $"| Dense training | dense: {o.Dense.Describe()}; dense-equal (hidden layers as wide as gives the sparse networks' link count): {o.DenseEqual.Describe()} |");
        Line(text);
        Line(text, "**Perturbations.** Weight perturbations act on the hidden layers unless a layer is named; layers are numbered from 0: "
            + $"layer 0 is fed by the pixels, layer {RobustnessSuite.LayerCount(o) - 1} is the dense output layer. *Link removal* deletes a random fraction of each "
            + "layer's links; *survivors rescaled* multiplies the remaining ones by 1/(1 − f), so the expected input of every neuron is kept and "
            + "only the structure breaks. *|w| first* removes the smallest (pruning) or largest (attack) links of each layer. *Neuron removal* deletes "
            + "a fraction of each hidden layer's neurons with all their links: at random, or the hubs first (highest degree, or highest strength "
            + "= sum of |w| over in- and out-links). *Link weight shuffling* permutes the weights of a random fraction of each layer's links among "
            + "them; *within neurons* permutes them only among the links entering the same neuron (every neuron keeps its in-strength). Structural "
            + "charts: share of input pixels with a path to some class neuron, and share of hidden neurons on an input-to-output path.");
        Line(text);
        Line(text, "**Validation and test.** Every setting (the sparse defaults, the dense settings, early stopping) was chosen on the held-out training "
            + "images (docs/results/validation-search.md); per-epoch curves are on them too. The test images are used only for the final figures: "
            + "clean accuracy and the robustness sweeps. Intervals are 95% Student-t intervals over the training seeds, uncorrected; differences "
            + "between kinds are paired by training seed (adaptive and static share their initial topology, the null models derive from the adaptive "
            + "network of their seed, every kind of a seed sees the training images in the same order). Which differences are claimed is decided by "
            + "one Holm–Bonferroni correction over the report's whole family of tests (next section). Layers are numbered from 0 everywhere.");
        Line(text);
    }

    private static void Adaptation(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        if (charts.Adaptation.Count == 0)
        {
            return;
        }
        Line(text, "## How the sparse topology adapts");
        Line(text);
        Line(text, "Near-blank pixels have a training-set mean intensity below 0.02; under a uniform random topology they hold their share of the "
            + "pixels of the layer-0 links. Ratio = share of the links / share of the pixels (1 = no selection). Per kind: mean [95% CI] over seeds, after the last epoch.");
        Line(text);
        Line(text, "| Data set | Kind | Near-blank share of layer-0 links (%) | Ratio to uniform | Initial links kept, layer 0 (%) |");
        Line(text, "|---|---|---|---|---|");
        foreach (var (dataSet, _) in charts.Adaptation)
        {
            double uniform = results.NearBlankUniformShare(dataSet);
            foreach (var kind in results.Options.Kinds.Where(k => k.IsSparse()))
            {
                Line(text, $"| {dataSet.Title()} | {kind.Name()} | {results.Interval(dataSet, kind, r => r.EpochTopology[^1].NearBlankShare).Format()} "
                    + $"| {results.Interval(dataSet, kind, r => r.EpochTopology[^1].NearBlankShare / uniform).Format(1, 2)} "
                    + $"| {results.Interval(dataSet, kind, r => r.EpochTopology[^1].Layers[0].KeptFraction).Format(100, 1)} |");
            }
        }
        Line(text);
        foreach (var (dataSet, file) in charts.Adaptation)
        {
            Line(text, $"![{dataSet.Title()}: adaptation]({file})");
            Line(text);
        }
    }

    private static void CleanAccuracy(StringBuilder text, StudyResults results)
    {
        Line(text, "## Clean test accuracy (%, mean [95% CI])");
        Line(text);
        Line(text, $"| Data set | {string.Join(" | ", results.Options.Kinds.Select(k => k.Name()))} |");
        Line(text, $"|---|{string.Concat(results.Options.Kinds.Select(_ => "---|"))}");
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"| {dataSet.Title()} | {string.Join(" | ", results.Options.Kinds.Select(k => results.Interval(dataSet, k, r => r.CleanAccuracy).Format()))} |");
        }
        Line(text);
    }

    // One number per curve: its area (mean accuracy over the strength range) and that area over the clean accuracy.
    private static void RobustnessSummary(StringBuilder text, StudyResults results)
    {
        Line(text, "## Robustness at a glance");
        Line(text);
        Line(text, "Area under each curve of accuracy against strength, the strengths rescaled to [0, 1] (the mean accuracy over the range, trapezoids "
            + "between the measured levels), in %, and that area relative to the network's own clean accuracy; mean [95% CI] over training seeds. "
            + "The last columns are adaptive − static, paired by seed.");
        Line(text);
        var kinds = results.Options.Kinds;
        bool paired = results.IsPaired;
        Line(text, $"| Data set | Perturbation | Measure | {string.Join(" | ", kinds.Select(k => k.Name()))} |{(paired ? " adaptive − static |" : "")}");
        Line(text, $"|---|---|---|{string.Concat(kinds.Select(_ => "---|"))}{(paired ? "---|" : "")}");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                foreach (var (measure, area) in new (string, Func<RunResult, double>)[]
                {
                    ("area (%)", r => CurveArea.Of(StudyResults.Curve(r, perturbation))),
                    ("relative area", r => CurveArea.Relative(StudyResults.Curve(r, perturbation))),
                })
                {
                    int scale = measure == "area (%)" ? 100 : 1;
                    int decimals = measure == "area (%)" ? 2 : 3;
                    var measuredKinds = results.KindsWith(dataSet, perturbation);
                    string difference = paired ? $" {results.AdaptiveMinusStatic(dataSet, area)!.Value.Format(scale, decimals, signed: true)} |" : "";
                    var cells = kinds.Select(k => measuredKinds.Contains(k) ? results.Interval(dataSet, k, area).Format(scale, decimals) : "—");
                    Line(text, $"| {dataSet.Title()} | {Cell(perturbation)} | {measure} | {string.Join(" | ", cells)} |{difference}");
                }
            }
        }
        Line(text);
    }

    private static void Attacks(StringBuilder text, StudyResults results)
    {
        var o = results.Options;
        var checks = results.Runs.Where(r => r.PgdCheck.Count == 2).ToArray();
        if (checks.Length > 0)
        {
            Line(text, "## Is the study's PGD strong enough?");
            Line(text);
            Line(text, $"Training seed 0, the first {o.PgdCheckCount:N0} swept test images, one attack seed: test accuracy (%) under the study's PGD and under a "
                + "stronger PGD on the same images; gap = study − stronger (how much the study's curves overstate robustness).");
            Line(text);
            Line(text, $"| Data set | Kind | ε | study's PGD, {o.PgdIterations} steps | {checks[0].PgdCheck[1].Name} | gap (pt) |");
            Line(text, "|---|---|---|---|---|---|");
            var gaps = new List<(double Gap, string Where)>();
            foreach (var run in checks)
            {
                var (study, stronger) = (run.PgdCheck[0].Levels, run.PgdCheck[1].Levels);
                for (int i = 0; i < study.Count; i++)
                {
                    if (study[i].Strength == 0)
                    {
                        continue;
                    }
                    double gap = study[i].MicroAccuracy.Mean - stronger[i].MicroAccuracy.Mean;
                    gaps.Add((gap, $"{run.DataSet.Title()} {run.Kind.Name()} ε = {study[i].Strength.ToString(CultureInfo.InvariantCulture)}"));
                    Line(text, $"| {run.DataSet.Title()} | {run.Kind.Name()} | {study[i].Strength.ToString(CultureInfo.InvariantCulture)} | {Percent(study[i].MicroAccuracy.Mean)} "
                        + $"| {Percent(stronger[i].MicroAccuracy.Mean)} | {Percent(gap)} |");
                }
            }
            Line(text);
            if (gaps.Count > 0)
            {
                var largest = gaps.MaxBy(g => g.Gap);
                Line(text, $"Largest gap: {Percent(largest.Gap)} pt ({largest.Where}); mean gap {Percent(gaps.Average(g => g.Gap))} pt over the {gaps.Count} (data set, kind, ε) cells.");
                Line(text);
            }
        }

        var kinds = o.Kinds.Where(Cells.StudyPlan.TransferKinds.Contains).ToArray();
        if (results.Runs.All(r => r.Transfer.Count == 0))
        {
            return;
        }
        Line(text, "## Transfer attacks");
        Line(text);
        Line(text, $"PGD examples ({o.PgdIterations} steps) crafted on the network of one kind and scored on the network of another kind trained with the same seed, "
            + $"on the first {o.TransferCount:N0} swept test images: area under accuracy against ε (%, mean [95% CI] over training seeds; as in the table above). "
            + "Rows: where the examples were crafted; columns: the network scored. The last column is adaptive − static scored on the same examples, paired by seed.");
        Line(text);
        bool paired = results.IsPaired;
        foreach (var dataSet in o.DataSets)
        {
            Line(text, $"| {dataSet.Title()}: crafted on | {string.Join(" | ", kinds.Select(k => k.Name()))} |{(paired ? " adaptive − static |" : "")}");
            Line(text, $"|---|{string.Concat(kinds.Select(_ => "---|"))}{(paired ? "---|" : "")}");
            foreach (var source in kinds)
            {
                var cells = kinds.Select(target => target == source
                    ? "(white-box)"
                    : ConfidenceInterval.Of(results.TransferCurves(dataSet, source, target).Select(c => CurveArea.Of(c))).Format());
                string difference = "";
                if (paired)
                {
                    difference = source.IsSparse() ? " |" : $" {TransferDifference(results, dataSet, source).Format(signed: true)} |";
                }
                Line(text, $"| {source.Name()} | {string.Join(" | ", cells)} |{difference}");
            }
            Line(text);
        }
    }

    private static ConfidenceInterval TransferDifference(StudyResults results, DataSetName dataSet, NetworkKind source)
    {
        var adaptive = results.TransferCurves(dataSet, source, NetworkKind.Adaptive);
        var statics = results.TransferCurves(dataSet, source, NetworkKind.Static);
        return ConfidenceInterval.Of(adaptive.Zip(statics, (a, b) => CurveArea.Of(a) - CurveArea.Of(b)));
    }

    private static void DuringTraining(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        if (charts.Probes.Count == 0)
        {
            return;
        }
        var o = results.Options;
        Line(text, "## Robustness during training");
        Line(text);
        Line(text, $"The sparse networks probed every {o.ProbeInterval} epochs (after that epoch's rewiring) on the first {o.ProbeCount:N0} swept test images: "
            + $"clean accuracy, accuracy with {o.ProbeRemoval:P0} of the hidden links removed at random, and under PGD ε = {o.ProbeEpsilon}. "
            + "Adaptive − static in points, paired by seed, mean [95% CI]:");
        Line(text);
        var measures = new (string Name, Func<ProbePoint, double> Measure)[] { ("clean", p => p.Clean), ("links removed", p => p.LinkRemoval), ("PGD", p => p.Pgd) };
        Line(text, $"| Data set | Epoch | {string.Join(" | ", measures.Select(m => m.Name))} |");
        Line(text, $"|---|---|{string.Concat(measures.Select(_ => "---|"))}");
        foreach (var (dataSet, _) in charts.Probes)
        {
            var columns = measures.Select(m => results.ProbeDifference(dataSet, m.Measure)).ToArray();
            for (int i = 0; i < columns[0].Count; i++)
            {
                Line(text, $"| {dataSet.Title()} | {columns[0][i].Epoch} | {string.Join(" | ", columns.Select(c => c[i].Difference.Format(signed: true)))} |");
            }
        }
        Line(text);
        foreach (var (dataSet, file) in charts.Probes)
        {
            Line(text, $"![{dataSet.Title()}: robustness during training]({file})");
            Line(text);
        }
    }

    private static string Percent(double value) => (100 * value).ToString("F2", CultureInfo.InvariantCulture);

    private static void Robustness(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        Line(text, "## Robustness (test accuracy %, mean ± sd over training seeds)");
        Line(text);
        foreach (var (dataSet, perturbation, file) in charts.Robustness)
        {
            Line(text, $"### {dataSet.Title()}: {perturbation}");
            Line(text);
            Line(text, $"| {results.StrengthName(perturbation)} | {string.Join(" | ", results.Options.Kinds.Select(k => k.Name()))} |");
            Line(text, $"|---|{string.Concat(results.Options.Kinds.Select(_ => "---|"))}");
            var curves = results.Options.Kinds.Select(k => results.Robustness(dataSet, k, perturbation)).ToArray();
            var strengths = curves.First(c => c.Count > 0);
            for (int i = 0; i < strengths.Count; i++)
            {
                Line(text, $"| {strengths[i].Strength.ToString(CultureInfo.InvariantCulture)} | {string.Join(" | ", curves.Select(c => c.Count == 0 ? "—" : c[i].MicroAccuracy.ToPercentString()))} |");
            }
            Line(text);
            Line(text, $"![{dataSet.Name()} {perturbation}]({file})");
            Line(text);
        }
    }

    private static void Training(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        Line(text, "## Training");
        Line(text);
        Line(text, "| Data set | Kind | Links | Epochs kept (mean) | Training time per run (s) |");
        Line(text, "|---|---|---|---|---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var kind in results.Options.Kinds)
            {
                var runs = results.RunsOf(dataSet, kind);
                Line(text, $"| {dataSet.Title()} | {kind.Name()} | {runs[0].LinkCount:N0} | {runs.Average(r => r.BestEpoch):F1} | {runs.Average(r => r.TrainSeconds):F1} |");
            }
        }
        Line(text);
        foreach (var (dataSet, file) in charts.Training)
        {
            Line(text, $"![{dataSet.Title()}: validation accuracy per epoch]({file})");
            Line(text);
        }
        Line(text, "The validation accuracy of an epoch is measured before that epoch's rewiring, as SET does.");
        Line(text);
    }

    private static void Topology(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        if (charts.Topology.Count == 0)
        {
            return;
        }
        Line(text, "## Topology of the sparse layers");
        Line(text);
        Line(text, "Per hidden layer, before and after training, averaged over seeds: fan-in of the layer's neurons and fan-out of its inputs "
            + "(max, coefficient of variation, fraction isolated = degree 0), and the fraction of the initial links still present after training.");
        Line(text);
        Line(text, "| Data set | Kind | Layer | Stage | In max | In CV | Out max | Out CV | Inputs isolated | Initial links kept |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (dataSet, kind, _, _) in charts.Topology)
        {
            var runs = results.RunsOf(dataSet, kind);
            int layers = runs[0].Turnover.Count;
            for (int l = 0; l < layers; l++)
            {
                string kept = SeedSummary.Of(runs.Select(r => r.Turnover[l].KeptFraction)).ToPercentString() + " %";
                foreach (var (stage, _) in runs[0].Snapshots)
                {
                    var layer = runs.Select(r => r.Snapshots.Single(s => s.Stage == stage).Snapshot.Layers[l]).ToArray();
                    Line(text, $"| {dataSet.Title()} | {kind.Name()} | {l} | {stage} | {layer.Average(x => x.InDegrees.Max):F1} | {layer.Average(x => x.InDegrees.CoefficientOfVariation):F3} "
                        + $"| {layer.Average(x => x.OutDegrees.Max):F1} | {layer.Average(x => x.OutDegrees.CoefficientOfVariation):F3} | {100 * layer.Average(x => x.OutDegrees.IsolatedFraction):F1} % "
                        + $"| {(stage == "trained" ? kept : "")} |");
                }
            }
        }
        Line(text);
        Line(text, "Layer 0's inputs are the pixels: its isolated inputs are pixels the network no longer reads (the maps below). Degree charts: "
            + "complementary CDFs on log-log axes pooled over seeds, in-degree of each layer's neurons (top) and out-degree of its inputs (bottom); "
            + "measured degrees as points (the initial topology as grey open circles for the kinds that rewire), the best family by AIC and a power "
            + "law from k = 1 as lines, and the Poisson of a random graph of the same density; a box gives the k = 0 share, which log-log axes cannot "
            + "show. Pixel maps: initial and trained on one colour scale, and their difference (one map for kinds that never rewire).");
        Line(text);
        foreach (var (dataSet, kind, degrees, pixels) in charts.Topology)
        {
            Line(text, $"### {dataSet.Title()} {kind.Name()}");
            Line(text);
            Line(text, $"![degree distributions]({degrees})");
            Line(text);
            Line(text, $"![links per pixel]({pixels})");
            Line(text);
        }
    }

    private static string Count(int? count, string all) => count is int n ? n.ToString("N0", CultureInfo.InvariantCulture) : all;

    private static string Levels(IReadOnlyList<double> levels) => string.Join(", ", levels.Select(l => l.ToString(CultureInfo.InvariantCulture)));

}
