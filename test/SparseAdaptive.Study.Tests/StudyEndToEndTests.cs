using System.Globalization;
using System.Text.RegularExpressions;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

public class StudyEndToEndTests
{
    private static readonly string[] DataSetNames = ["mnist", "fashion-mnist"];
    private static readonly string[] Perturbations =
    [
        "link-removal", "link-removal-survivors-rescaled", "link-removal-smallest-w-first", "link-removal-largest-w-first", "neuron-removal-random",
        .. new[] { "in-degree", "out-degree", "degree", "strength" }.SelectMany(order => new[] { "", "-recalculated", "-hidden-layer-0", "-hidden-layer-1" }
            .Select(scope => $"neuron-removal-hubs-by-{order}-first{scope}")),
        "link-weight-shuffling", "link-weight-shuffling-within-neurons", "link-removal-survivors-rescaled-layer-0",
        "link-removal-survivors-rescaled-layer-1", "link-removal-survivors-rescaled-layer-2", "fgsm", "pgd",
    ];

    private static readonly string[] CsvFiles =
    [
        "accuracy.csv", "robustness.csv", "runs.csv", "robustness-runs.csv", "epochs.csv", "topology.csv",
        "degree-histograms.csv", "pixel-links.csv", "link-turnover.csv", "epoch-topology.csv", "timings.csv", "pgd-check.csv", "transfer.csv", "probes.csv",
    ];

    [Fact]
    public void A_tiny_study_writes_every_table_and_chart_and_repeats_identically_on_one_thread()
    {
        _ = DataSets.MnistDirectory;
        _ = DataSets.FashionMnistDirectory;
        using var directory = new TemporaryDirectory();
        string first = Path.Combine(directory.Path, "first");
        string second = Path.Combine(directory.Path, "second");

        var run = StudyProgram.Run(TestStudies.Tiny(first));

        run.ExitCode.Should().Be(0, run.Errors);
        run.Output.Should().Contain("Estimated time").And.Contain("[18/18").And.Contain("18 cells selected: 0 found complete").And.MatchRegex("fashion-mnist +dense-equal +seed 0").And.Contain("report.md");
        foreach (string csv in CsvFiles)
        {
            File.ReadAllLines(Path.Combine(first, csv)).Length.Should().BeGreaterThan(1, $"{csv} has a header and rows");
        }
        File.ReadAllLines(Path.Combine(first, "robustness.csv")).Should().HaveCount(1 + 2 * (2 * 28 + 2 * 12) * 2, "2 data sets × (2 sparse kinds × 28 perturbations + 2 dense kinds × 12) × 2 levels");
        File.ReadAllLines(Path.Combine(first, "pgd-check.csv")).Should().HaveCount(1 + 2 * 4 * 2 * 2, "2 data sets × 4 kinds × 2 attacks × 2 ε");
        File.ReadAllLines(Path.Combine(first, "transfer.csv")).Should().HaveCount(1 + 2 * 4 * 3 * 2, "2 data sets × 4 scored kinds × 3 other kinds × 2 ε");
        File.ReadAllLines(Path.Combine(first, "probes.csv")).Should().HaveCount(1 + 2 * 2 * 2, "2 data sets × 2 sparse kinds × 2 probed epochs");
        File.ReadAllLines(Path.Combine(first, "accuracy.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[..2]))
            .Should().Equal("mnist,adaptive", "mnist,static", "mnist,dense", "mnist,dense-equal",
                "fashion-mnist,adaptive", "fashion-mnist,static", "fashion-mnist,dense", "fashion-mnist,dense-equal");
        File.ReadAllLines(Path.Combine(first, "epoch-topology.csv")).Should().HaveCount(1 + 2 * 2 * 2 * 2, "2 data sets × 2 sparse kinds × 2 epochs × 2 layers");

        string report = File.ReadAllText(Path.Combine(first, "report.md"));
        var charts = DataSetNames.SelectMany(d => Perturbations.Select(p => $"robustness-{d}-{p}.png")
            .Concat([$"training-{d}.png", $"adaptation-{d}.png", $"probes-{d}.png", $"damage-{d}.png", $"degrees-{d}-adaptive.png", $"degrees-{d}-static.png", $"pixels-{d}-adaptive.png", $"pixels-{d}-static.png"]));
        foreach (string chart in charts)
        {
            var bytes = File.ReadAllBytes(Path.Combine(first, chart));
            bytes.Length.Should().BeGreaterThan(5000, $"{chart} is a drawn chart");
            bytes[..4].Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], $"{chart} is a PNG");
            report.Should().Contain($"]({chart})");
        }
        Directory.GetFiles(first, "*.png").Should().HaveCount(charts.Count(), "no chart is missing or unexpected");
        report.Should().Contain("## Clean test accuracy").And.Contain("| MNIST | ").And.Contain("| Fashion-MNIST | PGD | area (%) | ")
            .And.Contain("### Fashion-MNIST: PGD").And.Contain("## Topology of the sparse layers").And.Contain("## What the corrected tests support").And.Contain("## The answer").And.Contain("adaptive − static")
            .And.Contain("## Is the study's PGD strong enough?").And.Contain("| PGD, 3 steps × 2 restarts |").And.Contain("## Transfer attacks")
            .And.Contain("## Robustness during training");
        report.Should().Contain(@"smallest \|w\| first |", "a name's pipes are escaped in a table cell");
        EveryTableRowHasItsHeadersCells(report);

        var again = StudyProgram.Run(TestStudies.Tiny(second, "--threads", "1"));

        again.ExitCode.Should().Be(0, again.Errors);
        ShouldHaveTheSameTables(second, first, "the tables depend only on the seeds");
    }

    [Fact]
    public void Sparsity_zeta_and_new_link_scale_points_are_trained_on_the_variant_seeds_and_reported_beside_the_main_runs()
    {
        using var directory = new TemporaryDirectory();

        var run = StudyProgram.Run(TestStudies.Tiny(directory.Path, "--datasets", "mnist", "--kinds", "adaptive,static", "--variant-seeds", "1",
            "--sparsity-levels", "0.8", "--zetas", "0.3", "--new-link-scales", "0", "--zeta-schedules", "constant"));

        run.ExitCode.Should().Be(0, run.Errors);
        string report = File.ReadAllText(Path.Combine(directory.Path, "report.md"));
        report.Should().Contain("## Sparsity and ζ").And.Contain("| main (sparsity 0.9, ζ 0.5) | clean accuracy |")
            .And.Contain("| sparsity 0.8 | clean accuracy |").And.Contain("| ζ 0.3 | clean accuracy |").And.Contain("](variants-mnist.png)");
        var chart = File.ReadAllBytes(Path.Combine(directory.Path, "variants-mnist.png"));
        chart.Length.Should().BeGreaterThan(5000, "the chart is drawn");
        File.ReadLines(Path.Combine(directory.Path, "variants.csv")).First().Should().Be(
            "dataset,kind,variant,seed,clean accuracy,\"area: link removal, survivors rescaled\",\"area: neuron removal, hubs by degree first\",area: PGD",
            "a column name holding a comma is quoted, as a value is");
        File.ReadAllLines(Path.Combine(directory.Path, "variants.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[..4]))
            .Should().BeEquivalentTo("mnist,adaptive,sparsity-0.8,0", "mnist,static,sparsity-0.8,0", "mnist,adaptive,zeta-0.3,0", "mnist,adaptive,new-link-scale-0,0",
                "mnist,adaptive,schedule-constant,0");
        File.ReadAllLines(Path.Combine(directory.Path, "comparisons.csv")).Skip(1)
            .Should().NotContain(l => l.Contains("new-link-scale") || l.Contains("schedule"), "the ablation is described, not tested");

        // The sweep networks' dead neurons: stored per layer in structure.csv and summarised in the section's table.
        var layer0 = File.ReadAllLines(Path.Combine(directory.Path, "structure.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[2].Length > 0 && f[4] == "0").ToDictionary(f => $"{f[1]},{f[2]}", f => 100.0 * int.Parse(f[6]) / int.Parse(f[5]));
        layer0.Keys.Should().BeEquivalentTo("adaptive,sparsity-0.8", "static,sparsity-0.8", "adaptive,zeta-0.3", "adaptive,new-link-scale-0",
            "adaptive,schedule-constant");
        report.Should().Contain($"| sparsity 0.8 | adaptive | {layer0["adaptive,sparsity-0.8"].ToString("F1", CultureInfo.InvariantCulture)} (1 seed) |")
            .And.Contain($"| sparsity 0.8 | static | {layer0["static,sparsity-0.8"].ToString("F1", CultureInfo.InvariantCulture)} (1 seed) |")
            .And.Contain($"| ζ 0.3 | adaptive | {layer0["adaptive,zeta-0.3"].ToString("F1", CultureInfo.InvariantCulture)} (1 seed) |")
            .And.Contain($"| new-link scale 0 | adaptive | {layer0["adaptive,new-link-scale-0"].ToString("F1", CultureInfo.InvariantCulture)} (1 seed) |")
            .And.Contain($"| ζ schedule constant | adaptive | {layer0["adaptive,schedule-constant"].ToString("F1", CultureInfo.InvariantCulture)} (1 seed) |")
            .And.NotContain("| ζ 0.3 | static |", "static has no ζ: the main row stands for it")
            .And.MatchRegex(@"\| new-link scale 0 \| clean accuracy \| [^|]+ \| [^|]+ \| not tested \(ablation\) \|")
            .And.MatchRegex(@"\| ζ schedule constant \| area: PGD \| [^|]+ \| [^|]+ \| not tested \(ablation\) \|", "the ablation is shown, and says it is not tested");
    }

    [Fact]
    public void A_study_stopped_part_way_resumes_without_redoing_a_complete_cell_and_ends_as_if_it_had_never_stopped()
    {
        using var directory = new TemporaryDirectory();
        string whole = Path.Combine(directory.Path, "whole");
        string resumed = Path.Combine(directory.Path, "resumed");
        StudyProgram.Run(TestStudies.Tiny(whole)).ExitCode.Should().Be(0);
        // What a killed run leaves: some cells complete, one half-written in .partial by a process that is gone.
        CopyDirectory(Path.Combine(whole, "cells"), Path.Combine(resumed, "cells"));
        var cells = Directory.GetDirectories(Path.Combine(resumed, "cells")).Order().ToArray();
        string[] removed = [cells[0], cells[5], cells[^1]];
        foreach (string cell in removed)
        {
            Directory.Delete(cell, recursive: true);
        }
        string killed = Path.Combine(resumed, "cells", ".partial", $"{Path.GetFileName(cells[0])}.{Environment.MachineName}.99999999.abc");
        Directory.CreateDirectory(killed);
        var kept = cells.Except(removed).ToDictionary(c => c, c => File.ReadAllText(Path.Combine(c, "cell.json")));

        var run = StudyProgram.Run(TestStudies.Tiny(resumed));

        run.ExitCode.Should().Be(0, run.Errors);
        run.Output.Should().Contain("18 cells selected: 15 found complete").And.Contain("3 to run (1 partial cells of killed runs removed)").And.Contain("[3/3");
        foreach (var (cell, record) in kept)
        {
            File.ReadAllText(Path.Combine(cell, "cell.json")).Should().Be(record, $"{Path.GetFileName(cell)} was complete and is not computed again");
        }
        Directory.Exists(killed).Should().BeFalse();
        ShouldHaveTheSameTables(resumed, whole, "a resumed study ends as an uninterrupted one");
    }

    [Fact]
    public void Cells_run_apart_in_two_directories_merge_into_the_report_of_one_run_and_a_partial_report_lists_what_it_lacks()
    {
        using var directory = new TemporaryDirectory();
        string whole = Path.Combine(directory.Path, "whole");
        string mnist = Path.Combine(directory.Path, "mnist");
        string fashion = Path.Combine(directory.Path, "fashion");
        string merged = Path.Combine(directory.Path, "merged");
        StudyProgram.Run(TestStudies.Tiny(whole)).ExitCode.Should().Be(0);

        StudyProgram.Run(["run", .. TestStudies.Tiny(mnist, "--cells", "0-8")]).ExitCode.Should().Be(0);
        StudyProgram.Run(["run", .. TestStudies.Tiny(fashion, "--cells", "9-17", "--stage", "0")]).ExitCode.Should().Be(0);
        StudyProgram.Run(["run", .. TestStudies.Tiny(fashion, "--cells", "9-17", "--stage", "1")]).ExitCode.Should().Be(0);
        File.Exists(Path.Combine(mnist, "report.md")).Should().BeFalse("run writes no report");

        var partial = StudyProgram.Run(["report", .. TestStudies.Tiny(mnist)]);
        var report = StudyProgram.Run(["report", .. TestStudies.Tiny(merged, "--from", mnist, fashion)]);

        partial.ExitCode.Should().Be(0, partial.Errors);
        partial.Output.Should().Contain("(0 failed and 9 missing cells listed in it)");
        File.ReadAllText(Path.Combine(mnist, "report.md")).Should().Contain("## Incomplete: cells not in this report")
            .And.Contain("- missing: `fashion-mnist-transfer-seed0-");
        File.ReadAllLines(Path.Combine(mnist, "accuracy.csv")).Skip(1).Should().OnlyContain(l => l.StartsWith("mnist,", StringComparison.Ordinal));
        report.ExitCode.Should().Be(0, report.Errors);
        report.Output.Should().Contain("Writing the report of 18 cells");
        ShouldHaveTheSameTables(merged, whole, "two directories merge into the report of one run that made them all");
        File.ReadAllText(Path.Combine(merged, "report.md")).Should().NotContain("Incomplete").And.Contain("Made from 18 stored cells");
    }

    [Fact]
    public void A_failed_cell_is_recorded_listed_by_plan_and_retried_by_the_next_run()
    {
        using var directory = new TemporaryDirectory();

        var run = StudyProgram.Run(["run", .. TestStudies.Tiny(directory.Path, "--stage", "1")]);
        var plan = StudyProgram.Run(["plan", .. TestStudies.Tiny(directory.Path)]);
        var report = StudyProgram.Run(["report", .. TestStudies.Tiny(directory.Path)]);

        run.ExitCode.Should().Be(1);
        run.Output.Should().Contain("FAILED: InvalidOperationException: The cell mnist-adaptive-seed0-").And.Contain("is needed first but is not complete");
        run.Errors.Should().Contain("10 cells failed");
        Directory.GetFiles(Path.Combine(directory.Path, "failed")).Should().HaveCount(10, "8 measurement and 2 transfer cells");
        plan.ExitCode.Should().Be(0);
        plan.Output.Split('\n').Count(l => l.Contains(" failed ", StringComparison.Ordinal)).Should().Be(10);
        plan.Output.Split('\n').Count(l => l.Contains(" missing ", StringComparison.Ordinal)).Should().Be(8, "the 8 training cells");
        plan.Output.Should().Contain("18 cells in 2 stages");
        report.ExitCode.Should().Be(1);
        report.Errors.Should().Contain("nothing to report");
    }

    [Fact]
    public void A_report_whose_data_sets_share_no_kind_says_so_instead_of_comparing_nothing()
    {
        using var directory = new TemporaryDirectory();
        StudyProgram.Run(["run", .. TestStudies.Tiny(directory.Path, "--cells", "0,4,10,14")]).ExitCode.Should().Be(0);

        var report = StudyProgram.Run(["report", .. TestStudies.Tiny(directory.Path)]);

        report.ExitCode.Should().Be(1);
        report.Errors.Should().Contain("No kind of the plan has measured runs in every data set that has runs").And.Contain("`plan` lists them");
    }

    // A pipe left unescaped in a cell (as in "|w|") splits it and shifts every cell after it.
    private static void EveryTableRowHasItsHeadersCells(string report)
    {
        int header = 0;
        foreach (string line in report.Split('\n'))
        {
            if (!line.StartsWith('|'))
            {
                header = 0;
                continue;
            }
            int cells = Regex.Split(line.Trim(), @"(?<!\\)\|").Length - 2;
            if (header == 0)
            {
                header = cells;
            }
            cells.Should().Be(header, $"the row \"{line}\" has its table's {header} cells");
        }
    }

    private static void ShouldHaveTheSameTables(string directory, string expected, string because)
    {
        foreach (string csv in CsvFiles.Where(f => f != "timings.csv"))
        {
            File.ReadAllText(Path.Combine(directory, csv)).Should().Be(File.ReadAllText(Path.Combine(expected, csv)), $"{csv}: {because}");
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be positive")]
    [InlineData("--removal", "0,1.5", "--removal must list fractions in [0, 1]; got 1.5")]
    [InlineData("--kinds", "sparse", "--kinds: 'sparse' is not one of the accepted names")]
    [InlineData("--epsilons", "0,abc", "--epsilons: 'abc' is not a number")]
    [InlineData("--dense-dropout", "1", "--dense-dropout must be in [0, 1); got 1")]
    [InlineData("--pgd-check-restarts", "0", "--pgd-check-restarts must be positive; got 0")]
    [InlineData("--transfer-count", "0", "--transfer-count must be positive; got 0")]
    [InlineData("--probe-interval", "0", "--probe-interval must be positive; got 0")]
    [InlineData("--probe-removal", "1.5", "--probe-removal must be in [0, 1]; got 1.5")]
    [InlineData("--dense-equal-epochs", "0", "--dense-equal-epochs must be positive; got 0")]
    [InlineData("--dense-equal-learning-rate", "0", "--dense-equal-learning-rate must be positive and finite; got 0")]
    [InlineData("run --shard", "2/2", "--shard takes K/N with 0 ≤ K < N")]
    [InlineData("run --cells", "0-80", "--cells: the plan has cells 0 to 79; '0-80' goes beyond.")]
    [InlineData("--kinds", "static,config-model", "--kinds lists a null model (config-model, fresh-weights) without adaptive")]
    [InlineData("--variant-seeds", "3", "--variant-seeds must be in [0, --seeds]; got 3")]
    [InlineData("--sparsity-levels", "0.9,1", "--sparsity-levels must list sparsities in (0, 1); got 1")]
    [InlineData("--zetas", "0", "--zetas must list fractions in (0, 1]; got 0")]
    [InlineData("--new-link-scales", "-1", "--new-link-scales must list non-negative finite scales; got -1")]
    [InlineData("--zeta-schedules", "linear", "--zeta-schedules: 'linear' is not a schedule; use constant or cosine.")]
    [InlineData("--pgd-starts", "0", "--pgd-starts must be positive; got 0")]
    [InlineData("report --from", "/no/such/directory", "--from: the directory '/no/such/directory' does not exist.")]
    public void Bad_options_stop_the_study_with_a_message_naming_the_option(string option, string value, string message)
    {
        using var directory = new TemporaryDirectory();

        string[] words = option.Split(' ');
        var run = StudyProgram.Run([.. words[..^1], "--output", directory.Path, words[^1], value]);

        run.ExitCode.Should().Be(2);
        run.Errors.Should().Contain(message);
        Directory.GetFiles(directory.Path).Should().BeEmpty("nothing is written before the options are valid");
    }
}
