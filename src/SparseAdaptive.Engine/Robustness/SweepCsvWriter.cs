using System.Globalization;
using System.Text;
using SparseAdaptive.Data;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Writes sweep results as CSV (invariant culture, round-trip numbers, a header row). Files are written to a
/// temporary file first and then moved, so a failed write never leaves a partial file.
/// </summary>
public static class SweepCsvWriter
{
    private const string StructureHeader =
        "input_reach_share_mean,input_reach_share_std,hidden_on_path_share_mean,hidden_on_path_share_std," +
        "mean_hidden_degree_mean,mean_hidden_degree_std,links_mean,links_std";

    /// <summary>
    /// Writes one row per strength of each sweep: means and standard deviations over the seeds. When some level carries
    /// its <see cref="SweepLevel.Structure"/>, the structure columns (input reach share, hidden on-path share, mean
    /// hidden degree, links; mean and standard deviation each) follow the metric columns, empty for levels without it.
    /// </summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteLevels(string path, IEnumerable<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sweeps = results.ToArray();
        // Appended only when measured, so files without structure keep the layout older readers expect.
        bool structure = sweeps.Any(result => result.Levels.Any(level => level.Structure is not null));
        Write(path, sweeps,
            "seeds,micro_accuracy_mean,micro_accuracy_std,macro_accuracy_mean,macro_accuracy_std,log_loss_mean,log_loss_std" +
            (structure ? "," + StructureHeader : ""),
            result => result.Levels.Select(level => (level.Strength, LevelFields(level, structure))));
    }

    /// <summary>
    /// Writes one row per evaluation (strength and seed) of each sweep. When some run carries its
    /// <see cref="SweepRun.Structure"/>, the structure columns (input reach share, hidden on-path share, mean hidden
    /// degree, links) follow the metric columns, empty for runs without it.
    /// </summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteRuns(string path, IEnumerable<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sweeps = results.ToArray();
        bool structure = sweeps.Any(result => result.Runs.Any(run => run.Structure is not null));
        Write(path, sweeps,
            "seed,micro_accuracy,macro_accuracy,log_loss" + (structure ? ",input_reach_share,hidden_on_path_share,mean_hidden_degree,links" : ""),
            result => result.Runs.Select(run => (run.Strength, RunFields(run, structure))));
    }

    // Every row starts with the sweep's name, what its strength measures and the strength.
    private static void Write(string path, IEnumerable<SweepResult> results, string header,
        Func<SweepResult, IEnumerable<(double Strength, string[] Fields)>> rows)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder("perturbation,strength_name,strength,").Append(header).Append('\n');
        foreach (var result in results)
        {
            foreach (var (strength, fields) in rows(result))
            {
                string[] prefix = [Quote(result.Name), Quote(result.StrengthName), Number(strength)];
                text.AppendJoin(',', prefix.Concat(fields)).Append('\n');
            }
        }
        AtomicFile.Write(path, file => File.WriteAllText(file, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
    }

    private static string[] LevelFields(SweepLevel level, bool structure)
    {
        MetricSummary[] metrics = [level.MicroAccuracy, level.MacroAccuracy, level.LogLoss];
        var fields = metrics.SelectMany(MeanAndDeviation).Prepend(level.SeedCount.ToString(CultureInfo.InvariantCulture));
        if (structure)
        {
            var summary = level.Structure;
            fields = fields.Concat(summary is null
                ? Enumerable.Repeat(string.Empty, 8)
                : new[] { summary.InputReachShare, summary.HiddenOnPathShare, summary.MeanHiddenDegree, summary.LinkCount }.SelectMany(MeanAndDeviation));
        }
        return fields.ToArray();
    }

    private static string[] RunFields(SweepRun run, bool structure)
    {
        string[] fields =
        [
            run.Seed.ToString(CultureInfo.InvariantCulture),
            Number(run.Score.MicroAccuracy), Number(run.Score.MacroAccuracy), Number(run.Score.LogLoss),
        ];
        if (!structure)
        {
            return fields;
        }
        string[] measured = run.Structure is StructureMetrics metrics
            ? [Number(metrics.InputReachShare), Number(metrics.HiddenOnPathShare), Number(metrics.MeanHiddenDegree), metrics.LinkCount.ToString(CultureInfo.InvariantCulture)]
            : ["", "", "", ""];
        return [.. fields, .. measured];
    }

    private static string[] MeanAndDeviation(MetricSummary summary) => [Number(summary.Mean), Number(summary.StandardDeviation)];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
