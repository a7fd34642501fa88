using System.Text;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// The mechanism behind the PGD results: how far each clean image is from a wrong answer (logit margin) and how fast the
/// loss moves with the pixels (L1 norm of the input gradient). To first order, an L∞ attack of size ε raises the loss by
/// ε × that norm.
/// </summary>
internal static class SensitivitySection
{
    /// <summary>Writes the section.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family)
    {
        Line(text, "## Why PGD hurts: margins and input gradients");
        Line(text);
        Line(text, "On the clean swept test images, per kind, mean [95% CI] over training seeds: the median logit margin (true-class logit minus the "
            + "largest other), and the mean L1 norm of the cross-entropy's gradient with respect to the pixels (nats per unit of pixel value on "
            + "[0, 1]; to first order an L∞ attack of size ε raises the loss by ε times it). The last column is adaptive − static with its Holm "
            + "verdict; `sensitivity.csv` has both distributions as percentiles.");
        Line(text);
        Line(text, $"| Data set | Measure | {string.Join(" | ", results.Options.Kinds.Select(k => k.Name()))} | adaptive − static |");
        Line(text, $"|---|---|{string.Concat(results.Options.Kinds.Select(_ => "---|"))}---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var measure in RunMeasure.Sensitivity)
            {
                var cells = results.Options.Kinds.Select(k => results.Interval(dataSet, k, r => measure.Value(r)!.Value).Format(1, 3));
                string difference = family.Find(dataSet, measure.Name, Contrast.AdaptiveStatic) is { } c ? $"{c.Evidence} ({c.Verdict})" : "—";
                Line(text, $"| {dataSet.Title()} | {Cell(measure.Name)} | {string.Join(" | ", cells)} | {difference} |");
            }
        }
        Line(text);
    }
}
