using System.Globalization;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class SweepCsvWriterTests
{
    private static readonly SweepResult Result = new("link removal", "fraction of links",
        [
            new SweepLevel(0, 2, new MetricSummary(0.9, 0), new MetricSummary(0.89, 0), new MetricSummary(0.3, 0)),
            new SweepLevel(0.5, 2, new MetricSummary(0.7, 0.01), new MetricSummary(0.68, 0.02), new MetricSummary(0.9, 0.05)),
        ],
        [
            new SweepRun(0, 1, new ClassificationScore(0.9, 0.89, 0.3)),
            new SweepRun(0, 2, new ClassificationScore(0.9, 0.89, 0.3)),
            new SweepRun(0.5, 1, new ClassificationScore(0.71, 0.7, 0.85)),
            new SweepRun(0.5, 2, new ClassificationScore(0.69, 0.66, 0.95)),
        ]);

    [Fact]
    public void Levels_are_written_one_row_per_strength_with_round_trip_numbers()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "levels.csv");

        SweepCsvWriter.WriteLevels(path, [Result, Result with { Name = "shuffle, \"fast\"" }]);

        string[] lines = File.ReadAllLines(path);
        lines.Should().HaveCount(5);
        lines[0].Should().Be("perturbation,strength_name,strength,seeds,micro_accuracy_mean,micro_accuracy_std,macro_accuracy_mean,macro_accuracy_std,log_loss_mean,log_loss_std");
        lines[2].Should().Be("link removal,fraction of links,0.5,2,0.7,0.01,0.68,0.02,0.9,0.05");
        lines[3].Should().StartWith("\"shuffle, \"\"fast\"\"\",");
        Directory.GetFiles(directory.Path).Should().Equal(path);
    }

    [Fact]
    public void Levels_that_carry_the_structure_get_its_columns_appended_and_the_others_leave_them_empty()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "levels.csv");
        var structure = new StructureSummary(new MetricSummary(0.75, 0.25), new MetricSummary(0.5, 0), new MetricSummary(3.5, 0.125), new MetricSummary(42, 1.5));
        var measured = Result with { Name = "neuron removal", Levels = [Result.Levels[0] with { Structure = structure }, Result.Levels[1]] };

        SweepCsvWriter.WriteLevels(path, [measured]);

        string[] lines = File.ReadAllLines(path);
        lines.Should().Equal(
            "perturbation,strength_name,strength,seeds,micro_accuracy_mean,micro_accuracy_std,macro_accuracy_mean,macro_accuracy_std,log_loss_mean,log_loss_std," +
            "input_reach_share_mean,input_reach_share_std,hidden_on_path_share_mean,hidden_on_path_share_std,mean_hidden_degree_mean,mean_hidden_degree_std,links_mean,links_std",
            "neuron removal,fraction of links,0,2,0.9,0,0.89,0,0.3,0,0.75,0.25,0.5,0,3.5,0.125,42,1.5",
            "neuron removal,fraction of links,0.5,2,0.7,0.01,0.68,0.02,0.9,0.05,,,,,,,,");
    }

    [Fact]
    public void Runs_are_written_one_row_per_seed()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "runs.csv");

        SweepCsvWriter.WriteRuns(path, [Result]);

        string[] lines = File.ReadAllLines(path);
        lines.Should().HaveCount(5);
        lines[0].Should().Be("perturbation,strength_name,strength,seed,micro_accuracy,macro_accuracy,log_loss");
        lines[4].Split(',').Skip(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Should().Equal(0.5, 2, 0.69, 0.66, 0.95);
    }

    [Fact]
    public void Runs_that_carry_the_structure_get_its_columns_appended_and_the_others_leave_them_empty()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "runs.csv");
        var measured = Result with { Runs = [Result.Runs[0] with { Structure = new StructureMetrics(0.75, 0.5, 3.25, 42) }, Result.Runs[1]] };

        SweepCsvWriter.WriteRuns(path, [measured]);

        File.ReadAllLines(path).Should().Equal(
            "perturbation,strength_name,strength,seed,micro_accuracy,macro_accuracy,log_loss,input_reach_share,hidden_on_path_share,mean_hidden_degree,links",
            "link removal,fraction of links,0,1,0.9,0.89,0.3,0.75,0.5,3.25,42",
            "link removal,fraction of links,0,2,0.9,0.89,0.3,,,,");
    }

    [Fact]
    public void A_failed_write_leaves_no_file()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "missing", "levels.csv");

        new Action(() => SweepCsvWriter.WriteLevels(path, [Result])).Should().Throw<DirectoryNotFoundException>();

        Directory.GetFileSystemEntries(directory.Path).Should().BeEmpty();
    }
}
