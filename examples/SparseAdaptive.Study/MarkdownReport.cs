using SparseAdaptive.Data;
using System.Globalization;
using System.Text;

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
        CleanAccuracy(text, results);
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
        Line(text, $"| Epochs | {o.Epochs} (sparse), {o.DenseEpochs} (dense) |");
        Line(text, $"| Training images | {Count(o.TrainCount, "all 60,000")} |");
        Line(text, $"| Test images | {Count(o.TestCount, "all 10,000")}; robustness sweeps on the first {Count(o.SweepCount, "all")} |");
        Line(text, $"| Link removal fractions | {Levels(o.RemovalFractions)} |");
        Line(text, $"| Weight shuffling fractions | {Levels(o.ShuffleFractions)} |");
        Line(text, $"| FGSM / PGD ε | {Levels(o.Epsilons)}; PGD {o.PgdIterations} steps with random start |");
        Line(text, $"| Seeds per perturbation level | {o.SweepSeeds} |");
        Line(text, "| Other training settings | engine defaults (momentum SGD, cosine schedule, dropout, SET ζ = 0.3) |");
        Line(text);
        Line(text, "Accuracies are on the test images, as mean ± sample sd over the training seeds, in percent. For each trained network, every perturbation level is first averaged over its own seeds.");
        Line(text);
    }

    private static void CleanAccuracy(StringBuilder text, StudyResults results)
    {
        Line(text, "## Clean test accuracy (%)");
        Line(text);
        Line(text, $"| Data set | {string.Join(" | ", results.Options.Kinds.Select(k => k.Name()))} |");
        Line(text, $"|---|{string.Concat(results.Options.Kinds.Select(_ => "---|"))}");
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"| {dataSet.Name()} | {string.Join(" | ", results.Options.Kinds.Select(k => results.CleanAccuracy(dataSet, k).ToPercentString()))} |");
        }
        Line(text);
    }

    // One number per curve, so the kinds can be compared at a glance; the best kind of each row is in bold.
    private static void RobustnessSummary(StringBuilder text, StudyResults results)
    {
        Line(text, "## Robustness at a glance");
        Line(text);
        Line(text, "Accuracy (%) averaged over the perturbed levels (strength > 0) of each sweep, mean over training seeds; highest in bold.");
        Line(text);
        Line(text, $"| Data set | Perturbation | {string.Join(" | ", results.Options.Kinds.Select(k => k.Name()))} |");
        Line(text, $"|---|---|{string.Concat(results.Options.Kinds.Select(_ => "---|"))}");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                var means = results.Options.Kinds.Select(k => results.Robustness(dataSet, k, perturbation).Where(l => l.Strength > 0)
                    .Select(l => l.MicroAccuracy.Mean).DefaultIfEmpty(double.NaN).Average()).ToArray();
                double best = means.Max();
                Line(text, $"| {dataSet.Name()} | {perturbation} | {string.Join(" | ", means.Select(m => m == best ? $"**{100 * m:F2}**" : $"{100 * m:F2}"))} |");
            }
        }
        Line(text);
    }

    private static void Robustness(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        Line(text, "## Robustness (accuracy %, mean ± sd)");
        Line(text);
        foreach (var (dataSet, perturbation, file) in charts.Robustness)
        {
            Line(text, $"### {dataSet.Name()}: {perturbation}");
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
        Line(text, "| Data set | Kind | Links | Training time per run (s) |");
        Line(text, "|---|---|---|---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var kind in results.Options.Kinds)
            {
                var runs = results.RunsOf(dataSet, kind);
                Line(text, $"| {dataSet.Name()} | {kind.Name()} | {runs[0].LinkCount:N0} | {runs.Average(r => r.TrainSeconds):F1} |");
            }
        }
        Line(text);
        foreach (var (_, file) in charts.Training.Concat(charts.Rewiring))
        {
            Line(text, $"![{file}]({file})");
            Line(text);
        }
        if (charts.Rewiring.Count > 0)
        {
            Line(text, "SET replaces the same fraction ζ of each sparse layer's links after every epoch but the last, so the count per epoch is "
                + "constant by design; how many of the initial links survive the whole training is in the topology table below.");
            Line(text);
        }
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
                    Line(text, $"| {dataSet.Name()} | {kind.Name()} | {l + 1} | {stage} | {layer.Average(x => x.InDegrees.Max):F1} | {layer.Average(x => x.InDegrees.CoefficientOfVariation):F3} "
                        + $"| {layer.Average(x => x.OutDegrees.Max):F1} | {layer.Average(x => x.OutDegrees.CoefficientOfVariation):F3} | {100 * layer.Average(x => x.OutDegrees.IsolatedFraction):F1} % "
                        + $"| {(stage == "trained" ? kept : "")} |");
                }
            }
        }
        Line(text);
        Line(text, "Layer 1's inputs are the pixels: its isolated inputs are pixels the network no longer reads (the maps below).");
        Line(text);
        foreach (var (dataSet, kind, degrees, pixels) in charts.Topology)
        {
            Line(text, $"### {dataSet.Name()} {kind.Name()}");
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
