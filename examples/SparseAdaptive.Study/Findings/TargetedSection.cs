using System.Globalization;
using System.Text;
using SparseAdaptive.Study.Statistics;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// The neuron removals as percolation: per kind and ranking, the critical fraction f_c at which accuracy falls below half
/// its clean value (functional) and at which the share of pixels with a path to an output falls below half its clean
/// value (structural), so that a network that breaks functionally while its paths stand is told apart from one whose
/// paths break; and the share of the links removed at the functional f_c (<see cref="LinkDamage"/>), so that rankings
/// compare at equal damage.
/// </summary>
internal static class TargetedSection
{
    /// <summary>The neuron removals the table covers: random and every ranking over all hidden layers (per-layer ones are in the CSV).</summary>
    public static bool IsCovered(string perturbation) =>
        perturbation.StartsWith("neuron removal", StringComparison.Ordinal) && !perturbation.Contains("hidden layer", StringComparison.Ordinal);

    /// <summary>f_c of one run's curve, functional (accuracy) or structural (input reach); null when it never halves.</summary>
    public static double? Of(RunResult run, string perturbation, bool structural)
    {
        var sweep = run.Robustness.Single(s => s.Name == perturbation);
        return CriticalFraction.Of(sweep.Levels.Select(l => (l.Strength, structural ? l.Structure!.InputReachShare.Mean : l.MicroAccuracy.Mean)).ToArray());
    }

    /// <summary>Writes the section.</summary>
    public static void Write(StringBuilder text, StudyResults results, ReportCharts charts)
    {
        Line(text, "## Neuron removal as percolation: critical fractions");
        Line(text);
        Line(text, "f_c: the fraction of each hidden layer's neurons removed at which test accuracy falls below half its clean value (functional) or "
            + "the share of pixels with a path to some class neuron falls below half its clean value (structural), interpolated between measured "
            + "levels. Mean [95% CI] over the seeds whose curve fell that far within the measured range, with how many did (k/n). "
            + "*Recalculated*: hubs re-ranked after each removal on the damaged network (neurons of one layer share no links, so this can only "
            + "change the choice in layers after the first). Dense kinds are ranked by strength only (their neurons' degrees are all equal). "
            + "*Links removed at f_c*: the share of the network's links gone with those neurons, at the functional f_c of each seed; a ranking that "
            + "breaks the network with fewer links gone than random removal does picks neurons that matter beyond the links they carry.");
        Line(text);
        Line(text, "| Data set | Removal | Kind | functional f_c | links removed at functional f_c (%) | structural f_c |");
        Line(text, "|---|---|---|---|---|---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (string perturbation in results.Perturbations(dataSet).Where(IsCovered))
            {
                foreach (var kind in results.KindsWith(dataSet, perturbation))
                {
                    var runs = results.RunsOf(dataSet, kind);
                    Line(text, $"| {dataSet.Title()} | {Cell(perturbation)} | {kind.Name()} | {Summary(runs, r => Of(r, perturbation, false))} "
                        + $"| {Summary(runs, r => 100 * LinkDamage.AtCriticalFraction(r, perturbation), 1)} | {Summary(runs, r => Of(r, perturbation, true))} |");
                }
            }
        }
        Line(text);
        foreach (var (dataSet, file) in charts.Damage)
        {
            Line(text, $"![{dataSet.Title()}: neuron removal at equal damage]({file})");
            Line(text);
        }
    }

    private static string Summary(IReadOnlyList<RunResult> runs, Func<RunResult, double?> value, int decimals = 3)
    {
        var found = runs.Select(value).OfType<double>().ToArray();
        string share = $"({found.Length}/{runs.Count})";
        return found.Length switch
        {
            0 => $"none {share}",
            1 => $"{found[0].ToString("F" + decimals, CultureInfo.InvariantCulture)} {share}",
            _ => $"{ConfidenceInterval.Of(found).Format(1, decimals)} {share}",
        };
    }
}
