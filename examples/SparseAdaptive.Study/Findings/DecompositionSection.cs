using System.Text;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// Where each difference between adaptive and static comes from: the three null-model contrasts add up to adaptive −
/// static (weights on the adapted topology, where the adapted links are beyond their degrees, the adapted degree
/// sequence), so the one that carries a difference names its cause.
/// </summary>
internal static class DecompositionSection
{
    /// <summary>Writes the section, for the measures where adaptive − static survives correction and the headline ones.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family)
    {
        if (!Contrast.Decomposition.All(c => results.Options.Kinds.Contains(c.First) && results.Options.Kinds.Contains(c.Second)))
        {
            return;
        }
        Line(text, "## Why: adaptation, degree sequence or weights");
        Line(text);
        Line(text, "Two null models separate the causes. *config-model* keeps each trained adaptive network's per-layer in- and out-degrees and "
            + "places the links at random; *fresh-weights* keeps the trained adaptive links themselves. Both are trained static from fresh weights with "
            + "the static network's settings, on the same seed. Then adaptive − static = (adaptive − fresh-weights: the weights and training history on "
            + "the adapted topology) + (fresh-weights − config-model: where the adapted links are, beyond their degrees) + (config-model − static: the "
            + "adapted degree sequence). Mean paired difference [uncorrected 95% CI]; **bold** where it survives the family's Holm correction.");
        Line(text);
        Line(text, $"| Data set | Measure | {string.Join(" | ", new[] { Contrast.AdaptiveStatic }.Concat(Contrast.Decomposition).Select(c => c.Title))} |");
        Line(text, "|---|---|---|---|---|---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            var measures = family.All.Where(c => c.DataSet == dataSet && c.Variant is null && c.Contrast == Contrast.AdaptiveStatic
                    && (c.Decision.Rejected || ComparisonFamily.Headline.Any(h => h.Name == c.Measure.Name)))
                .Select(c => c.Measure.Name);
            foreach (string measure in measures)
            {
                var cells = new[] { Contrast.AdaptiveStatic }.Concat(Contrast.Decomposition).Select(contrast => family.Find(dataSet, measure, contrast) is { } c
                    ? (c.Decision.Rejected ? $"**{c.Difference.Format(c.Measure.Scale, 2, signed: true)}**" : c.Difference.Format(c.Measure.Scale, 2, signed: true))
                    : "—");
                Line(text, $"| {dataSet.Title()} | {Cell(measure)} | {string.Join(" | ", cells)} |");
            }
        }
        Line(text);
    }
}
