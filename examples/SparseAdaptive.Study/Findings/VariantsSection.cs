using System.Globalization;
using System.Text;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>Whether the adaptive − static gap depends on sparsity or on ζ: the headline measures at every point of the sweeps.</summary>
internal static class VariantsSection
{
    /// <summary>Writes the section when the study has sweep points.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family)
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
            + "Holm correction (the main row's test is the main runs' one, over all seeds).");
        Line(text);
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"| {dataSet.Title()}: setting | measure | adaptive | static | adaptive − static |");
            Line(text, "|---|---|---|---|---|");
            var variants = results.VariantRuns.Where(r => r.DataSet == dataSet).Select(r => r.Variant!).Distinct()
                .OrderBy(v => v.Parameter).ThenBy(v => v.Value).ToArray();
            var seeds = Enumerable.Range(0, results.Options.VariantSeeds).ToHashSet();
            var points = variants.Select(v => (Label: $"{v.ParameterTitle} {v.Value.ToString(CultureInfo.InvariantCulture)}", Variant: (TrainingVariant?)v,
                    Adaptive: results.VariantRunsOf(dataSet, NetworkKind.Adaptive, v),
                    Static: v.Parameter == VariantParameter.Sparsity ? results.VariantRunsOf(dataSet, NetworkKind.Static, v) : results.RunsOf(dataSet, NetworkKind.Static)))
                .Prepend(($"main (sparsity {results.Options.Sparsity.ToString(CultureInfo.InvariantCulture)}, ζ {new Training.TrainingSettings().RewireFraction.ToString(CultureInfo.InvariantCulture)})", null,
                    results.RunsOf(dataSet, NetworkKind.Adaptive), results.RunsOf(dataSet, NetworkKind.Static)));
            foreach (var (label, variant, adaptive, statics) in points)
            {
                foreach (var measure in ComparisonFamily.Headline)
                {
                    string Interval(IReadOnlyList<RunResult> runs) =>
                        runs.Where(r => seeds.Contains(r.Seed)).Select(measure.Value).OfType<double>().ToArray() is { Length: > 0 } values
                            ? ConfidenceInterval.Of(values).Format(measure.Scale, 2)
                            : "—";
                    var test = family.Find(dataSet, measure.Name, Contrast.AdaptiveStatic, variant);
                    string gap = test is null ? "—" : test.Decision.Rejected ? $"**{test.Evidence}**" : test.Evidence;
                    Line(text, $"| {label} | {Cell(measure.Name)} | {Interval(adaptive)} | {Interval(statics)} | {gap} |");
                }
            }
            Line(text);
        }
    }
}
