using SparseAdaptive.Data;
using System.Globalization;
using System.Text;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Writes sweep results as CSV (invariant culture, round-trip numbers, a header row). Files are written to a
/// temporary file first and then moved, so a failed write never leaves a partial file.
/// </summary>
public static class SweepCsvWriter
{
    /// <summary>Writes one row per strength of each sweep: means and standard deviations over the seeds.</summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteLevels(string path, IEnumerable<SweepResult> results) =>
        Write(path, results,
            "seeds,micro_accuracy_mean,micro_accuracy_std,macro_accuracy_mean,macro_accuracy_std,log_loss_mean,log_loss_std",
            result => result.Levels.Select(level => (level.Strength, new[]
            {
                level.SeedCount.ToString(CultureInfo.InvariantCulture),
                Number(level.MicroAccuracy.Mean), Number(level.MicroAccuracy.StandardDeviation),
                Number(level.MacroAccuracy.Mean), Number(level.MacroAccuracy.StandardDeviation),
                Number(level.LogLoss.Mean), Number(level.LogLoss.StandardDeviation),
            })));

    /// <summary>Writes one row per evaluation (strength and seed) of each sweep.</summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteRuns(string path, IEnumerable<SweepResult> results) =>
        Write(path, results, "seed,micro_accuracy,macro_accuracy,log_loss",
            result => result.Runs.Select(run => (run.Strength, new[]
            {
                run.Seed.ToString(CultureInfo.InvariantCulture),
                Number(run.Score.MicroAccuracy), Number(run.Score.MacroAccuracy), Number(run.Score.LogLoss),
            })));

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

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
