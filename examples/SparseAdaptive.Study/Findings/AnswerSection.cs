using System.Text;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// The seed paper's question answered from the corrected family: does adaptive topology maintain robustness, where, and
/// why. Each sentence is made from one test and carries its numbers; a difference the correction does not support is
/// said to be unresolved.
/// </summary>
internal static class AnswerSection
{
    /// <summary>The findings the answer covers: (what, measure).</summary>
    private static readonly (string What, string Measure)[] Questions =
    [
        ("clean accuracy", RunMeasure.CleanAccuracy.Name),
        ("random link removal with the survivors rescaled", "area: link removal, survivors rescaled"),
        ("random link removal", "area: link removal"),
        ("random neuron removal", "area: neuron removal, random"),
        ("removal of the hubs by degree", "area: neuron removal, hubs by degree first"),
        ("removal of the hubs by strength", "area: neuron removal, hubs by strength first"),
        ("FGSM", "area: FGSM"),
        ("PGD", "area: PGD"),
    ];

    /// <summary>Writes the section.</summary>
    public static void Write(StringBuilder text, StudyResults results, ComparisonFamily family)
    {
        Line(text, "## The answer: does adaptive topology maintain robustness?");
        Line(text);
        Line(text, "Adaptive against static (the same initial topology, paired by seed), then which of the null-model contrasts carries the "
            + "difference. Every sentence rests on one test of the Holm-corrected family; numbers are mean paired differences in points [uncorrected "
            + "95% CI] with the Holm-adjusted p.");
        Line(text);
        foreach (var dataSet in results.Options.DataSets)
        {
            Line(text, $"**{dataSet.Title()}.**");
            Line(text);
            var answered = Questions.Select(q => (q.What, q.Measure, Total: family.Find(dataSet, q.Measure, Contrast.AdaptiveStatic))).Where(q => q.Total is not null).ToArray();
            if (answered.Length == 0)
            {
                Line(text, $"No answer: adaptive and static were not both trained on at least {ComparisonFamily.MinimumPairs} seeds.");
            }
            foreach (var (what, measure, total) in answered)
            {
                Line(text, $"- {Sentence(what, total!, family, dataSet, measure)}");
            }
            Line(text);
        }
    }

    private static string Sentence(string what, Comparison total, ComparisonFamily family, DataSetName dataSet, string measure)
    {
        if (!total.Decision.Rejected)
        {
            return measure == RunMeasure.CleanAccuracy.Name
                ? $"In clean accuracy, adaptive and static do not differ after correction ({total.Evidence})."
                : $"Under {what}, adaptive and static do not differ after correction ({total.Evidence}).";
        }
        bool higher = total.Difference.Mean > 0;
        string sentence = measure == RunMeasure.CleanAccuracy.Name
            ? $"Adaptive is {(higher ? "more" : "less")} accurate than static ({total.Evidence})."
            : $"Under {what}, adaptive {(higher ? "keeps more" : "loses more")} accuracy than static ({total.Evidence}).";
        var causes = Contrast.Decomposition.Select(c => family.Find(dataSet, measure, c)).OfType<Comparison>().ToArray();
        if (causes.Length == 0)
        {
            return sentence;
        }
        return sentence + " " + Causes(total, causes);
    }

    /// <summary>
    /// Which of the decomposition's contrasts carry a resolved difference: those of its sign add to it, those of the
    /// other sign work against it (the three sum to the whole, so one can overshoot while another pulls back).
    /// </summary>
    public static string Causes(Comparison total, IReadOnlyList<Comparison> causes)
    {
        var resolved = causes.Where(c => c.Decision.Rejected).ToArray();
        if (resolved.Length == 0)
        {
            return "No single cause survives correction: " + string.Join("; ", causes.Select(c => $"{c.Contrast.Isolates} {c.Evidence}")) + ".";
        }
        string Cited(Comparison c) => $"{c.Contrast.Isolates} ({c.Contrast.Title} {c.Evidence})";
        var carrying = resolved.Where(c => Math.Sign(c.Difference.Mean) == Math.Sign(total.Difference.Mean)).ToArray();
        var against = resolved.Except(carrying).ToArray();
        var clauses = new List<string>();
        if (carrying.Length > 0)
        {
            clauses.Add("It comes from " + string.Join(" and from ", carrying.Select(Cited)));
        }
        else
        {
            clauses.Add("No contrast of its sign survives correction");
        }
        if (against.Length > 0)
        {
            clauses.Add(string.Join(" and ", against.Select(Cited)) + (against.Length == 1 ? " works" : " work") + " against it");
        }
        if (resolved.Length < causes.Count)
        {
            clauses.Add("the other contrasts are not resolved");
        }
        return string.Join("; ", clauses) + ".";
    }
}
