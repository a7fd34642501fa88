using System.Text;

namespace SparseAdaptive.Study;

/// <summary>Lines of report.md: "\n" endings whatever the platform, so the report is byte-identical everywhere.</summary>
internal static class MarkdownText
{
    /// <summary>Appends <paramref name="line"/> and a "\n".</summary>
    public static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    /// <summary><paramref name="value"/> made safe for a table cell: its pipes (as in "|w|") escaped, so they do not split the cell.</summary>
    public static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
}
