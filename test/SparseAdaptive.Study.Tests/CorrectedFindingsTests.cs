using System.Globalization;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

public class CorrectedFindingsTests
{
    [Fact]
    public void Every_test_is_Holm_corrected_and_the_answer_claims_only_the_differences_that_survive()
    {
        using var directory = new TemporaryDirectory();
        var run = StudyProgram.Run(TestStudies.Tiny(directory.Path, "--datasets", "mnist", "--kinds", "adaptive,static", "--seeds", "3"));
        run.ExitCode.Should().Be(0, run.Errors);

        var rows = File.ReadAllLines(Path.Combine(directory.Path, "comparisons.csv")).Skip(1).Select(ParseRow).ToArray();
        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(r => r.Pairs == 3 && r.First == "adaptive" && r.Second == "static");
        int m = rows.Length;
        var sorted = rows.OrderBy(r => r.P).ToArray();
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * sorted[rank].P));
            sorted[rank].Holm.Should().BeApproximately(running, 1e-12, "Holm's step-down over the whole family");
            sorted[rank].Rejected.Should().Be(running <= 0.05);
        }

        string report = File.ReadAllText(Path.Combine(directory.Path, "report.md"));
        string answer = report[report.IndexOf("## The answer", StringComparison.Ordinal)..];
        foreach (var row in rows.Where(r => r.Measure == "clean accuracy"))
        {
            answer.Should().Contain(row.Rejected ? (row.Mean > 0 ? "Adaptive is more accurate than static" : "Adaptive is less accurate than static")
                : "In clean accuracy, adaptive and static do not differ after correction");
        }
        report.Should().Contain($"One family of {m} tests");
    }

    private static (string Measure, string First, string Second, int Pairs, double Mean, double P, double Holm, bool Rejected) ParseRow(string line)
    {
        var fields = SplitCsv(line);
        double D(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return (fields[2], fields[3], fields[4], int.Parse(fields[5], CultureInfo.InvariantCulture), D(6), D(9), D(10), bool.Parse(fields[11]));
    }

    // Quoted fields hold commas (perturbation names).
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
