using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Deployment.Tests.Examples;

/// <summary>
/// The example programs, given a bad command line, write one line naming the flag and the problem and exit non-zero,
/// before any training (nothing on standard output); list options take words or commas alike.
/// </summary>
public sealed class ExampleProgramInputTests
{
    private const string Mnist = "examples/SparseAdaptive.Examples.Mnist";
    private const string Robustness = "examples/SparseAdaptive.Examples.Robustness";
    private const string Tabular = "examples/SparseAdaptive.Examples.Tabular";
    private const string Missing = "/nonexistent-sparseadaptive";

    public static TheoryData<string, string[], int, string> BadCommandLines => new()
    {
        { Mnist, ["--data", Missing], 3, $"--data: The IDX data directory '{Missing}/mnist' does not exist." },
        { Mnist, ["--save", $"{Missing}/model.zip"], 3, $"--save: cannot write {Missing}/model.zip: the directory {Missing} does not exist." },
        { Mnist, ["--csv", $"{Missing}/results.csv"], 3, $"--csv: cannot write {Missing}/results.csv: the directory {Missing} does not exist." },
        { Mnist, ["--epochs", "0"], 2, "--epochs must be positive; got 0." },
        { Mnist, ["--rewire-end", "2"], 2, "--rewire-end must be in (0, 1]; got 2." },
        { Robustness, ["--model", $"{Missing}/model.zip"], 3, $"--model: {Missing}/model.zip does not exist." },
        { Tabular, ["--onnx", $"{Missing}/machines.onnx"], 3, $"--onnx: cannot write {Missing}/machines.onnx: the directory {Missing} does not exist." },
        { Tabular, ["--data", Missing], 3, $"--data: {Missing}/train.csv does not exist." },
        { Tabular, ["--hidden", "16,x"], 2, "--hidden: every size must be a whole number; got 16,x." },
        { Tabular, ["--hidden", "16", "0"], 2, "--hidden [1] must be positive; got 0." },
        { Tabular, ["--batch-size", "0"], 2, "--batch-size must be positive; got 0." },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void A_bad_command_line_gets_one_line_naming_the_flag_and_a_non_zero_exit_code(string program, string[] arguments, int expectedExitCode, string expectedError)
    {
        var (exitCode, output, errors) = RepositoryProgram.Referenced(program).Run(arguments);

        errors.ReplaceLineEndings("\n").Should().Be(expectedError + "\n");
        exitCode.Should().Be(expectedExitCode);
        output.Should().BeEmpty("nothing is trained or loaded");
    }

    [Fact]
    public void The_robustness_example_checks_its_data_and_output_before_training()
    {
        using var folder = new TemporaryDirectory();
        string notADirectory = folder.Write("file", [1]);

        var badOutput = RepositoryProgram.Referenced(Robustness).Run("--output", System.IO.Path.Combine(notADirectory, "out"));
        var badData = RepositoryProgram.Referenced(Robustness).Run("--data", Missing, "--output", folder.Path);

        badOutput.ExitCode.Should().Be(3);
        badOutput.Errors.Should().StartWith($"--output: cannot create {notADirectory}/out: ").And.EndWith("\n").And.Subject.Trim().Should().NotContain("\n");
        badData.ExitCode.Should().Be(3);
        badData.Errors.ReplaceLineEndings("\n").Should().Be($"--data: The IDX data directory '{Missing}' does not exist.\n");
        (badOutput.Output + badData.Output).Should().BeEmpty();
    }

    [Theory]
    [InlineData("8,8")]
    [InlineData("8 8")]
    public void The_hidden_layer_list_takes_commas_or_words(string sizes)
    {
        var (exitCode, output, errors) = RepositoryProgram.Referenced(Tabular).Run(["--epochs", "1", "--hidden", .. sizes.Split(' ')]);

        exitCode.Should().Be(0, errors);
        output.Should().MatchRegex(@"links: 8→8 \d+, 8→8 \d+, 8→3 24\n");
    }
}
