using SparseAdaptive.Study.Charts;

namespace SparseAdaptive.Study;

/// <summary>
/// Draws the study's PNG charts (<see cref="Charts"/>): accuracies in percent, 95% confidence bands over the training
/// seeds, markers on the measured points, each kind in one colour, line and marker in every chart (<see cref="KindStyles"/>),
/// and one legend below the panels.
/// </summary>
internal static class ReportPlotter
{
    /// <summary>Draws every chart into <paramref name="directory"/> and returns the file names, grouped by section of the report.</summary>
    public static ReportCharts Write(StudyResults results, string directory)
    {
        var charts = new ReportCharts();
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var perturbation in results.Perturbations(dataSet))
            {
                string file = $"robustness-{dataSet.Name()}-{Slug(perturbation)}.png";
                RobustnessChart.Write(Path.Combine(directory, file), results, dataSet, perturbation);
                charts.Robustness.Add((dataSet, perturbation, file));
            }

            string damage = $"damage-{dataSet.Name()}.png";
            if (DamageChart.Write(Path.Combine(directory, damage), results, dataSet))
            {
                charts.Damage.Add((dataSet, damage));
            }

            string variants = $"variants-{dataSet.Name()}.png";
            if (VariantsChart.Write(Path.Combine(directory, variants), results, dataSet))
            {
                charts.Variants.Add((dataSet, variants));
            }

            string training = $"training-{dataSet.Name()}.png";
            TrainingChart.Write(Path.Combine(directory, training), results, dataSet);
            charts.Training.Add((dataSet, training));

            var sparse = results.Options.Kinds.Where(k => k.IsSparse()).ToArray();
            if (sparse.Length == 0)
            {
                continue;
            }
            string probes = $"probes-{dataSet.Name()}.png";
            ProbeChart.Write(Path.Combine(directory, probes), results, dataSet, sparse);
            charts.Probes.Add((dataSet, probes));

            string adaptation = $"adaptation-{dataSet.Name()}.png";
            AdaptationChart.Write(Path.Combine(directory, adaptation), results, dataSet, sparse);
            charts.Adaptation.Add((dataSet, adaptation));
            foreach (var kind in sparse)
            {
                string degrees = $"degrees-{dataSet.Name()}-{kind.Name()}.png";
                DegreeChart.Write(Path.Combine(directory, degrees), dataSet, kind, results.RunsOf(dataSet, kind));
                string pixels = $"pixels-{dataSet.Name()}-{kind.Name()}.png";
                PixelChart.Write(Path.Combine(directory, pixels), results, dataSet, kind);
                charts.Topology.Add((dataSet, kind, degrees, pixels));
            }
        }
        return charts;
    }

    /// <summary>A file-name form of a perturbation name: lower case words joined by single dashes.</summary>
    public static string Slug(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+", "-").Trim('-');
}
