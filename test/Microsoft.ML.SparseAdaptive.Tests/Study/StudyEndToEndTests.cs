using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Study;

public class StudyEndToEndTests
{
    private static readonly string[] DataSetNames = ["mnist", "fashion-mnist"];
    private static readonly string[] Perturbations =
    [
        "link-removal", "link-removal-survivors-rescaled", "link-removal-smallest-w-first", "link-removal-largest-w-first",
        "neuron-removal-random", "neuron-removal-hubs-by-degree-first", "neuron-removal-hubs-by-strength-first",
        "link-weight-shuffling", "link-weight-shuffling-within-neurons", "link-removal-survivors-rescaled-layer-0",
        "link-removal-survivors-rescaled-layer-1", "link-removal-survivors-rescaled-layer-2", "fgsm", "pgd",
    ];

    private static readonly string[] CsvFiles =
    [
        "accuracy.csv", "robustness.csv", "runs.csv", "robustness-runs.csv", "epochs.csv", "topology.csv",
        "degree-histograms.csv", "pixel-links.csv", "link-turnover.csv", "epoch-topology.csv", "timings.csv", "pgd-check.csv", "transfer.csv", "probes.csv",
    ];

    private static string[] TinyStudy(string output, params string[] extra) =>
    [
        "--data", DataSets.Root, "--output", output, "--train-count", "300", "--test-count", "100", "--sweep-count", "50",
        "--hidden", "64,64", "--sparsity", "0.9", "--seeds", "1", "--epochs", "2", "--dense-epochs", "1", "--dense-equal-epochs", "2",
        "--removal", "0,0.5", "--shuffle", "0,0.5", "--epsilons", "0,0.1", "--pgd-iterations", "2", "--sweep-seeds", "1",
        "--pgd-check-iterations", "3", "--pgd-check-restarts", "2", "--pgd-check-count", "20", "--transfer-count", "30", "--probe-count", "30",
        "--probe-interval", "1", .. extra,
    ];

    [Fact]
    public void A_tiny_study_writes_every_table_and_chart_and_repeats_identically_on_one_thread()
    {
        _ = DataSets.MnistDirectory;
        _ = DataSets.FashionMnistDirectory;
        using var directory = new TemporaryDirectory();
        string first = Path.Combine(directory.Path, "first");
        string second = Path.Combine(directory.Path, "second");

        var run = StudyProgram.Run(TinyStudy(first));

        run.ExitCode.Should().Be(0, run.Errors);
        run.Output.Should().Contain("Estimated time").And.Contain("[8/8").And.Contain("fashion-mnist dense-equal seed 0").And.Contain("report.md");
        foreach (string csv in CsvFiles)
        {
            File.ReadAllLines(Path.Combine(first, csv)).Length.Should().BeGreaterThan(1, $"{csv} has a header and rows");
        }
        File.ReadAllLines(Path.Combine(first, "robustness.csv")).Should().HaveCount(1 + 2 * 4 * 14 * 2, "2 data sets × 4 kinds × 14 perturbations × 2 levels");
        File.ReadAllLines(Path.Combine(first, "pgd-check.csv")).Should().HaveCount(1 + 2 * 4 * 2 * 2, "2 data sets × 4 kinds × 2 attacks × 2 ε");
        File.ReadAllLines(Path.Combine(first, "transfer.csv")).Should().HaveCount(1 + 2 * 4 * 3 * 2, "2 data sets × 4 scored kinds × 3 other kinds × 2 ε");
        File.ReadAllLines(Path.Combine(first, "probes.csv")).Should().HaveCount(1 + 2 * 2 * 2, "2 data sets × 2 sparse kinds × 2 probed epochs");
        File.ReadAllLines(Path.Combine(first, "accuracy.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[..2]))
            .Should().Equal("mnist,adaptive", "mnist,static", "mnist,dense", "mnist,dense-equal",
                "fashion-mnist,adaptive", "fashion-mnist,static", "fashion-mnist,dense", "fashion-mnist,dense-equal");
        File.ReadAllLines(Path.Combine(first, "epoch-topology.csv")).Should().HaveCount(1 + 2 * 2 * 2 * 2, "2 data sets × 2 sparse kinds × 2 epochs × 2 layers");

        string report = File.ReadAllText(Path.Combine(first, "report.md"));
        var charts = DataSetNames.SelectMany(d => Perturbations.Select(p => $"robustness-{d}-{p}.png")
            .Concat([$"training-{d}.png", $"adaptation-{d}.png", $"probes-{d}.png", $"degrees-{d}-adaptive.png", $"degrees-{d}-static.png", $"pixels-{d}-adaptive.png", $"pixels-{d}-static.png"]));
        foreach (string chart in charts)
        {
            var bytes = File.ReadAllBytes(Path.Combine(first, chart));
            bytes.Length.Should().BeGreaterThan(5000, $"{chart} is a drawn chart");
            bytes[..4].Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], $"{chart} is a PNG");
            report.Should().Contain($"]({chart})");
        }
        Directory.GetFiles(first, "*.png").Should().HaveCount(charts.Count(), "no chart is missing or unexpected");
        report.Should().Contain("## Clean test accuracy").And.Contain("| MNIST | ").And.Contain("| Fashion-MNIST | PGD | area (%) | ")
            .And.Contain("### Fashion-MNIST: PGD").And.Contain("## Topology of the sparse layers").And.Contain("## Summary").And.Contain("adaptive − static")
            .And.Contain("## Is the study's PGD strong enough?").And.Contain("| PGD, 3 steps × 2 restarts |").And.Contain("## Transfer attacks")
            .And.Contain("## Robustness during training");

        var again = StudyProgram.Run(TinyStudy(second, "--threads", "1"));

        again.ExitCode.Should().Be(0, again.Errors);
        foreach (string csv in CsvFiles.Where(f => f != "timings.csv"))
        {
            File.ReadAllText(Path.Combine(second, csv)).Should().Be(File.ReadAllText(Path.Combine(first, csv)), $"{csv} depends only on the seeds");
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
    public void Bad_options_stop_the_study_with_a_message_naming_the_option(string option, string value, string message)
    {
        using var directory = new TemporaryDirectory();

        var run = StudyProgram.Run("--output", directory.Path, option, value);

        run.ExitCode.Should().Be(2);
        run.Errors.Should().Contain(message);
        Directory.GetFiles(directory.Path).Should().BeEmpty("nothing is written before the options are valid");
    }
}
