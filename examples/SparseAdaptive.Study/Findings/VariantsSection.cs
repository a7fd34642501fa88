using System.Globalization;
using System.Text;
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
            + "Holm correction (the main row's test is the main runs' one, over all seeds).");
        Line(text);
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"| {dataSet.Title()}: setting | measure | adaptive | static | adaptive − static |");
            Line(text, "|---|---|---|---|---|");
            var points = VariantPoint.Of(results, dataSet).Select(p => (Label: p.Variant is { } v
                    ? $"{v.ParameterTitle} {v.Value.ToString(CultureInfo.InvariantCulture)}"
                    : $"main (sparsity {p.Sparsity.ToString(CultureInfo.InvariantCulture)}, ζ {p.Zeta.ToString(CultureInfo.InvariantCulture)})",
                p.Variant, p.Adaptive, p.Static));
            foreach (var (label, variant, adaptive, statics) in points)
            {
                foreach (var measure in ComparisonFamily.Headline)
                {
                    string Interval(IReadOnlyList<RunResult> runs) =>
                        runs.Select(measure.Value).OfType<double>().ToArray() is { Length: > 0 } values
                            ? ConfidenceInterval.Of(values).Format(measure.Scale, 2)
                            : "—";
                    var test = family.Find(dataSet, measure.Name, Contrast.AdaptiveStatic, variant);
                    string gap = test is null ? "—" : test.Decision.Rejected ? $"**{test.Evidence}**" : test.Evidence;
                    Line(text, $"| {label} | {Cell(measure.Name)} | {Interval(adaptive)} | {Interval(statics)} | {gap} |");
                }
            }
            Line(text);
        }
        foreach (var (dataSet, file) in charts.Variants)
        {
            Line(text, $"![{dataSet.Title()}: sparsity and ζ]({file})");
            Line(text);
        }
    }
}
