using System.Globalization;
using System.Text;

namespace Microsoft.ML.SparseAdaptive.Robustness;

/// <summary>
/// Writes sweep results as CSV (invariant culture, round-trip numbers, a header row). Files are written to a
/// temporary file first and then moved, so a failed write never leaves a partial file.
/// </summary>
public static class SweepCsvWriter
{
    /// <summary>Writes one row per strength of each sweep: means and standard deviations over the seeds.</summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteLevels(string path, IEnumerable<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder("perturbation,strength_name,strength,seeds,micro_accuracy_mean,micro_accuracy_std,macro_accuracy_mean,macro_accuracy_std,log_loss_mean,log_loss_std\n");
        foreach (var result in results)
        {
            foreach (var level in result.Levels)
            {
                AppendRow(text, result.Name, result.StrengthName, Number(level.Strength), level.SeedCount.ToString(CultureInfo.InvariantCulture),
                    Number(level.MicroAccuracy.Mean), Number(level.MicroAccuracy.StandardDeviation),
                    Number(level.MacroAccuracy.Mean), Number(level.MacroAccuracy.StandardDeviation),
                    Number(level.LogLoss.Mean), Number(level.LogLoss.StandardDeviation));
            }
        }
        WriteAtomically(path, text.ToString());
    }

    /// <summary>Writes one row per evaluation (strength and seed) of each sweep.</summary>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <param name="results">The sweeps.</param>
    public static void WriteRuns(string path, IEnumerable<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder("perturbation,strength_name,strength,seed,micro_accuracy,macro_accuracy,log_loss\n");
        foreach (var result in results)
        {
            foreach (var run in result.Runs)
            {
                AppendRow(text, result.Name, result.StrengthName, Number(run.Strength), run.Seed.ToString(CultureInfo.InvariantCulture),
                    Number(run.Score.MicroAccuracy), Number(run.Score.MacroAccuracy), Number(run.Score.LogLoss));
            }
        }
        WriteAtomically(path, text.ToString());
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder text, params string[] fields)
    {
        text.AppendJoin(',', fields.Select(Quote)).Append('\n');
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static void WriteAtomically(string path, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
