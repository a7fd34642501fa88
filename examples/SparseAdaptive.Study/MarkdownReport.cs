using System.Globalization;
using System.Text;
using SparseAdaptive.Data;

namespace SparseAdaptive.Study;

/// <summary>Writes <c>report.md</c> (numbers in the invariant culture, which the program sets): settings, run time, accuracy tables (mean ± sd over seeds), topology summary, charts and file list.</summary>
internal static class MarkdownReport
{
    /// <summary>Writes the report into <paramref name="directory"/>, linking the charts and CSV files already there.</summary>
    public static void Write(StudyResults results, ReportCharts charts, string directory)
    {
        var text = new StringBuilder();
        var o = results.Options;
        Line(text, $"# SparseAdaptive study: adaptive vs static sparse vs dense");
        Line(text);
        Line(text, $"Started {results.Started:yyyy-MM-dd HH:mm} UTC, ran for {results.Elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores. Preset: `{o.Preset}`.");
        Line(text);
        Settings(text, o);
        Summary(text, results);
        CleanAccuracy(text, results);
        Adaptation(text, results, charts);
        RobustnessSummary(text, results);
        Robustness(text, results, charts);
        Training(text, results, charts);
        Topology(text, results, charts);
        Line(text, "## Files");
        Line(text);
        foreach (var (file, contents) in ReportCsvWriter.Files)
        {
            Line(text, $"- `{file}`: {contents}");
        }
        Line(text, $"- {charts.AllFiles.Count()} PNG charts, shown above");
        AtomicFile.Write(Path.Combine(directory, "report.md"), file => File.WriteAllText(file, text.ToString(), new UTF8Encoding(false)));
    }

    private static void Settings(StringBuilder text, StudyOptions o)
    {
        Line(text, "## Settings");
        Line(text);
        Line(text, "| Setting | Value |");
        Line(text, "|---|---|");
        Line(text, $"| Data sets | {string.Join(", ", o.DataSets.Select(d => d.Name()))} |");
        Line(text, $"| Network kinds | {string.Join(", ", o.Kinds.Select(k => k.Name()))} |");
        Line(text, $"| Shape | 784-{string.Join("-", o.HiddenLayerSizes)}-10, hidden layers {o.Sparsity:P0} sparse (adaptive, static) or dense; output layer dense |");
        Line(text, $"| Training seeds | {o.Seeds} (0 to {o.Seeds - 1}) |");
        Line(text, $"| Epochs | {o.Epochs} (sparse); dense: at most {o.DenseEpochs}, stopped after {o.Patience} without a better validation accuracy, best epoch kept |");
        Line(text, $"| Training images | {Count(o.TrainCount, "all 60,000")}, of which a seeded sixth (seed {StudyData.SplitSeed}) is held out for validation |");
        Line(text, $"| Test images | {Count(o.TestCount, "all 10,000")}; robustness sweeps on the first {Count(o.SweepCount, "all")} |");
        Line(text, $"| Link removal fractions | {Levels(o.RemovalFractions)} |");
        Line(text, $"| Weight shuffling fractions | {Levels(o.ShuffleFractions)} |");
        Line(text, $"| FGSM / PGD ε | {Levels(o.Epsilons)}; PGD {o.PgdIterations} steps with random start |");
        Line(text, $"| Seeds per perturbation level | {o.SweepSeeds} |");
        var sparse = new SparseAdaptive.Training.TrainingSettings();
        Line(text, $"| Sparse training | engine defaults: momentum SGD lr {sparse.LearningRate} (cosine), dropout {sparse.DropoutRate}, L2 {sparse.L2Regularization}; "
            + $"SET ζ = {sparse.RewireFraction} ({sparse.RewireSchedule}, rewiring stops at {sparse.RewireEnd:P0} of the epochs), new links at {sparse.NewLinkWeightScale}× the initial weight scale |");
        Line(text, $"| Dense training | lr {o.DenseLearningRate} (cosine), dropout {o.DenseDropout}, L2 {o.DenseL2}; dense-equal: hidden layers as wide as gives the sparse networks' link count |");
        Line(text);
        Line(text, "**Validation and test.** Every setting (the sparse defaults, the dense settings, early stopping) was chosen on the held-out training "
            + "images (docs/results/validation-search.md); per-epoch curves are on them too. The test images are used only for the final figures: "
            + "clean accuracy and the robustness sweeps. Intervals are 95% Student-t intervals over the training seeds; adaptive − static "
            + "differences are paired by seed (the two share their initial topology).");
        Line(text);
    }

    // Only what the intervals support: a difference is called a difference when its interval excludes 0.
    private static void Summary(StringBuilder text, StudyResults results)
    {
        Line(text, "## Summary");
        Line(text);
        foreach (var dataSet in results.Options.DataSets)
        {
            var clean = results.AdaptiveMinusStatic(dataSet, r => r.CleanAccuracy);
            if (clean is null)
            {
                continue;
            }
            var blank = results.AdaptiveMinusStatic(dataSet, r => r.EpochTopology[^1].NearBlankShare)!.Value;
            var parts = new List<string>
            {
                $"clean test accuracy adaptive − static {clean.Value.Format(signed: true)} pt ({Verdict(clean.Value)})",
                $"share of layer-1 links on near-blank pixels adaptive − static {blank.Format(signed: true)} pt ({Verdict(blank)})",
            };
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                var area = results.AdaptiveMinusStatic(dataSet, r => CurveArea.Of(StudyResults.Curve(r, perturbation)))!.Value;
                parts.Add($"{perturbation} curve area {area.Format(signed: true)} pt ({Verdict(area)})");
            }
            Line(text, $"- **{dataSet.Title()}** ({clean.Value.Count} paired seeds): {string.Join("; ", parts)}.");
        }
        Line(text);
        Line(text, "\"Adaptive ahead\" or \"behind\" only where the 95% interval of the paired difference excludes 0; \"not resolved\" otherwise.");
        Line(text);
    }

    private static string Verdict(ConfidenceInterval difference) =>
        difference.IsPositive ? "adaptive higher" : difference.IsNegative ? "adaptive lower" : "not resolved";

    private static void Adaptation(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        if (charts.Adaptation.Count == 0)
        {
            return;
        }
        Line(text, "## How the sparse topology adapts");
        Line(text);
        Line(text, "Near-blank pixels have a training-set mean intensity below 0.02; under a uniform random topology they hold their share of the "
            + "pixels of the layer-1 links. Ratio = share of the links / share of the pixels (1 = no selection). Per kind: mean [95% CI] over seeds, after the last epoch.");
        Line(text);
        Line(text, "| Data set | Kind | Near-blank share of layer-1 links (%) | Ratio to uniform | Initial links kept, layer 1 (%) |");
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
        bool paired = kinds.Contains(NetworkKind.Adaptive) && kinds.Contains(NetworkKind.Static);
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
                    string difference = paired ? $" {results.AdaptiveMinusStatic(dataSet, area)!.Value.Format(scale, decimals, signed: true)} |" : "";
                    Line(text, $"| {dataSet.Title()} | {perturbation} | {measure} | {string.Join(" | ", kinds.Select(k => results.Interval(dataSet, k, area).Format(scale, decimals)))} |{difference}");
                }
            }
        }
        Line(text);
    }

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
            for (int i = 0; i < curves[0].Count; i++)
            {
                Line(text, $"| {curves[0][i].Strength.ToString(CultureInfo.InvariantCulture)} | {string.Join(" | ", curves.Select(c => c[i].MicroAccuracy.ToPercentString()))} |");
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
                    Line(text, $"| {dataSet.Title()} | {kind.Name()} | {l + 1} | {stage} | {layer.Average(x => x.InDegrees.Max):F1} | {layer.Average(x => x.InDegrees.CoefficientOfVariation):F3} "
                        + $"| {layer.Average(x => x.OutDegrees.Max):F1} | {layer.Average(x => x.OutDegrees.CoefficientOfVariation):F3} | {100 * layer.Average(x => x.OutDegrees.IsolatedFraction):F1} % "
                        + $"| {(stage == "trained" ? kept : "")} |");
                }
            }
        }
        Line(text);
        Line(text, "Layer 1's inputs are the pixels: its isolated inputs are pixels the network no longer reads (the maps below). Degree charts: "
            + "complementary CDFs on log-log axes, per layer, initial (dashed) and trained (solid), pooled over seeds, against the Poisson "
            + "distribution of an Erdős–Rényi graph of the same density (grey dotted). Pixel maps: initial and trained on one colour scale, and their difference.");
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

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
