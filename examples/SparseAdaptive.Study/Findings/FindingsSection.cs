using System.Text;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>The report's summary: what the Holm-corrected family supports, contrast by contrast, numbers beside each claim.</summary>
internal static class FindingsSection
{
    /// <summary>Writes the section.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family)
    {
        Line(text, "## What the corrected tests support");
        Line(text);
        int rejected = family.All.Count(c => c.Decision.Rejected);
        Line(text, $"One family of {family.All.Count} tests (paired t tests over the training seeds of each data set: every contrast below on "
            + "clean accuracy, on the area of every robustness curve both kinds have, on the attack-sensitivity measures and on the share of the "
            + "links removed at the functional f_c of random and degree-ranked neuron removal, and adaptive − static "
            + $"at every point of the sparsity and ζ sweeps), corrected together by Holm–Bonferroni at a family-wise α = {ComparisonFamily.Alpha}: "
            + $"{rejected} differences survive. Each is listed with its mean paired difference, uncorrected 95% interval and Holm-adjusted p "
            + "(`comparisons.csv` has every test, survivors or not). Areas, accuracies and link shares are in points; a difference not listed is not resolved. "
            + $"Differences with fewer than {ComparisonFamily.MinimumPairs} seed pairs, or equal on every pair, are not tested.");
        Line(text);
        if (family.All.Count == 0)
        {
            Line(text, $"No difference could be tested: a test needs at least {ComparisonFamily.MinimumPairs} training seeds of both kinds.");
            Line(text);
            return;
        }
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var contrast in Contrast.All)
            {
                var tests = family.All.Where(c => c.DataSet == dataSet && c.Contrast == contrast && c.Variant is null).ToArray();
                if (tests.Length == 0)
                {
                    continue;
                }
                var survivors = tests.Where(c => c.Decision.Rejected).ToArray();
                Line(text, $"- **{dataSet.Title()}, {contrast.Title}** ({contrast.Isolates}; {tests[0].Difference.Count} paired seeds): "
                    + $"{survivors.Length} of {tests.Length} differences survive{(survivors.Length == 0 ? "." : ":")}");
                foreach (var c in survivors)
                {
                    Line(text, $"  - {c.Measure.Name}: {c.Contrast.First.Name()} {c.Verdict}, {c.Evidence}");
                }
            }
        }
        Line(text);
    }
}
