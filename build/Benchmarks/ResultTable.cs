using System.Globalization;
using System.Text;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// The figures of one run, each optionally set against a baseline measured in the same process, printed as a
/// Markdown table so the output can go into docs/performance.md as it is.
/// </summary>
internal sealed class ResultTable
{
    private readonly List<Row> _rows = [];

    /// <summary>Adds a figure; with a baseline, the ratio value / baseline is shown too.</summary>
    public void Add(string measurement, double value, string unit, string? baselineName = null, double? baseline = null, string? note = null)
    {
        _rows.Add(new Row(measurement, value, unit, baselineName, baseline, note));
        Console.WriteLine($"  {measurement}: {Format(value)} {unit}{(note is null ? "" : $" ({note})")}");
    }

    /// <summary>Adds a section heading row.</summary>
    public void Section(string title)
    {
        _rows.Add(new Row(title, double.NaN, "", null, null, null));
        Console.WriteLine($"== {title}");
    }

    /// <summary>The value of an earlier figure, by its exact measurement name.</summary>
    public double Find(string measurement) =>
        _rows.FirstOrDefault(r => r.Measurement == measurement)?.Value
        ?? throw new InvalidOperationException($"No figure named '{measurement}' was measured.");

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Measurement | Value | Unit | Baseline (same run) | Baseline value | Ratio | Note |");
        text.AppendLine("|---|---:|---|---|---:|---:|---|");
        foreach (var row in _rows)
        {
            if (double.IsNaN(row.Value))
            {
                text.AppendLine($"| **{row.Measurement}** | | | | | | |");
                continue;
            }
            string ratio = row.Baseline is double b && b != 0 ? Format(row.Value / b) + "×" : "";
            string baseline = row.Baseline is double bv ? Format(bv) : "";
            text.AppendLine($"| {row.Measurement} | {Format(row.Value)} | {row.Unit} | {row.BaselineName} | {baseline} | {ratio} | {row.Note} |");
        }
        return text.ToString();
    }

    /// <summary>Three significant digits, without exponent for the magnitudes benchmarks produce.</summary>
    public static string Format(double value)
    {
        double magnitude = Math.Abs(value);
        string format = magnitude >= 100 ? "F0" : magnitude >= 10 ? "F1" : magnitude >= 1 ? "F2" : magnitude >= 0.01 ? "F3" : "G3";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private sealed record Row(string Measurement, double Value, string Unit, string? BaselineName, double? Baseline, string? Note);
}
