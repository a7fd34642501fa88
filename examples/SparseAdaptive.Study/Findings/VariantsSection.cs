using System.Globalization;
using System.Text;
using SparseAdaptive.Study.Structure;
using SparseAdaptive.Training;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>Whether the adaptive − static gap depends on sparsity or on ζ: the headline measures at every point of the sweeps.</summary>
internal static class VariantsSection
{
    /// <summary>Writes the section when the study has sweep points.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family, ReportCharts charts)
    {
        if (results.VariantRuns.Count == 0)
        {
            return;
        }
        Line(text, "## Sparsity and ζ");
        Line(text);
        Line(text, $"Adaptive and static trained at other sparsities, and adaptive at other ζ (the rest of their settings the main runs'), on training "
            + $"seeds 0 to {results.Options.VariantSeeds - 1}; the main runs' row uses the same seeds. Mean [95% CI] over seeds; adaptive − static "
            + "paired by seed (at another ζ, against the main static runs: ζ does not exist without rewiring), **bold** where it survives the family's "
            + "Holm correction (the main row's test is the main runs' one, over all seeds). The ablation of the dead neurons (adaptive with another "
            + "new-link scale or ζ schedule) is shown beside them and is not in the family.");
        Line(text);
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"| {dataSet.Title()}: setting | measure | adaptive | static | adaptive − static |");
            Line(text, "|---|---|---|---|---|");
            var points = VariantPoint.Of(results, dataSet);
            foreach (var (label, variant, adaptive, statics, tested) in points.Select(p => (Label(p), p.Variant, p.Adaptive, p.Static, p.IsTested)))
            {
                foreach (var measure in ComparisonFamily.Headline)
                {
                    string Interval(IReadOnlyList<RunResult> runs) =>
                        runs.Select(measure.Value).OfType<double>().ToArray() is { Length: > 0 } values
                            ? ConfidenceInterval.Of(values).Format(measure.Scale, 2)
                            : "—";
                    var test = family.Find(dataSet, measure.Name, Contrast.AdaptiveStatic, variant);
                    string gap = !tested ? "not tested (ablation)" : test is null ? "—" : test.Decision.Rejected ? $"**{test.Evidence}**" : test.Evidence;
                    Line(text, $"| {label} | {Cell(measure.Name)} | {Interval(adaptive)} | {Interval(statics)} | {gap} |");
                }
            }
            Line(text);
            WriteDeadNeurons(text, dataSet, points);
        }
        foreach (var (dataSet, file) in charts.Variants)
        {
            Line(text, $"![{dataSet.Title()}: sparsity and ζ]({file})");
            Line(text);
        }
    }

    // How many neurons rewiring leaves without input, point by point: a structural measure, described, not tested.
    private static void WriteDeadNeurons(StringBuilder text, DataSetName dataSet, IReadOnlyList<VariantPoint> points)
    {
        Line(text, $"{dataSet.Title()}, the same networks' dead neurons (described, not tested): hidden neurons without an incoming link in layer 0 "
            + "(mean [95% CI] over seeds) and in all hidden layers together, and layer 0's effective width (neurons on a pixel-to-class path). The "
            + "ablation of the dead neurons changes the new-link scale (new links' initial weight relative to the initial weights; the main runs' is "
            + $"{TrainingDefaults.NewLinkWeightScale.ToString(CultureInfo.InvariantCulture)}) or the ζ schedule (the main runs' decays by a cosine; "
            + "constant keeps ζ until rewiring stops). Along ζ and in the ablation, static is the main row's.");
        Line(text);
        Line(text, $"| {dataSet.Title()}: setting | kind | no fan-in, layer 0 (%) | no fan-in, all hidden layers (%) | effective width, layer 0 |");
        Line(text, "|---|---|---|---|---|");
        foreach (var point in points)
        {
            var kinds = point.Variant is { Parameter: not VariantParameter.Sparsity }
                ? [(NetworkKind.Adaptive, point.Adaptive)]
                : new[] { (NetworkKind.Adaptive, point.Adaptive), (NetworkKind.Static, point.Static) };
            foreach (var (kind, runs) in kinds)
            {
                var structures = runs.Select(r => r.Measurement?.Structure).OfType<NetworkStructure>().ToArray();
                if (structures.Length == 0)
                {
                    continue;
                }
                string Interval(Func<NetworkStructure, double> measure, double scale, int decimals) =>
                    ConfidenceInterval.Of(structures.Select(measure)).Format(scale, decimals);
                Line(text, $"| {Label(point)} | {kind.Name()} | {Interval(n => (double)n.Layers[0].WithoutFanIn / n.Layers[0].Width, 100, 1)} "
                    + $"| {Interval(n => (double)n.Layers.Sum(l => l.WithoutFanIn) / n.Layers.Sum(l => l.Width), 100, 1)} "
                    + $"| {Interval(n => n.Layers[0].EffectiveWidth, 1, 0)} |");
            }
        }
        Line(text);
    }

    private static string Label(VariantPoint point) => point.Variant is { } v
        ? $"{v.ParameterTitle} {v.ValueText}"
        : $"main (sparsity {point.Sparsity.ToString(CultureInfo.InvariantCulture)}, ζ {point.Zeta.ToString(CultureInfo.InvariantCulture)})";
}
